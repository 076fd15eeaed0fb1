package io.perimeter.cloud.members;

import io.perimeter.cloud.identity.People;
import io.perimeter.cloud.identity.Person;
import io.perimeter.cloud.problem.ApiException;
import io.perimeter.tenancy.audit.AuditLog;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.provisioning.KeycloakOrganizations;
import io.perimeter.tenancy.tenant.Member;
import io.perimeter.tenancy.tenant.MemberRepository;
import io.perimeter.tenancy.tenant.Role;
import io.perimeter.tenancy.tenant.Tenant;
import io.perimeter.tenancy.tenant.TenantRepository;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who belongs to a tenant and with which role. Admins manage members; only owners make or unmake owners, and a
 * tenant always keeps one. A member named in a path is looked up before the caller's role is checked, so a name
 * that is not a member is a 404 for everyone.
 *
 * <p>Where Keycloak administration is configured, membership is mirrored into the tenant's organization inside the
 * same transaction: if Keycloak refuses, the change is rolled back; if the commit fails after Keycloak agreed, the
 * two differ in the safe direction (the members table decides the role, and the token's organization claim must
 * name the tenant too), and repeating the request aligns them.
 */
@Singleton
public final class MemberAdministration {
    private final TenantTransactions transactions;
    private final MemberRepository members;
    private final OwnerRepository owners;
    private final TenantRepository tenants;
    private final AuditLog audit;
    private final People people;
    private final Optional<KeycloakOrganizations> keycloak;

    MemberAdministration(TenantTransactions transactions, MemberRepository members, OwnerRepository owners,
                         TenantRepository tenants, AuditLog audit, People people,
                         Optional<KeycloakOrganizations> keycloak) {
        this.transactions = transactions;
        this.members = members;
        this.owners = owners;
        this.tenants = tenants;
        this.audit = audit;
        this.people = people;
        this.keycloak = keycloak;
    }

    public List<MemberView> list(Person person) {
        return transactions.read(person.tenantId(),
                () -> members.listInTenant(person.tenantId()).stream().map(MemberView::of).toList());
    }

    public MemberView add(Person admin, MemberRequests.NewMember request) {
        admin.require(Role.ADMIN);
        Role role = role(request.role());
        if (role == Role.OWNER) {
            admin.require(Role.OWNER);
        }
        UUID tenant = admin.tenantId();
        String username = request.username();
        MemberView added = transactions.write(tenant, () -> {
            if (members.find(tenant, username).isPresent()) {
                throw ApiException.conflict("already-a-member", "they are a member already: change their role with "
                        + "PUT /api/v1/members/{username}");
            }
            if (keycloak.isPresent() && !keycloak.get().userExists(username)) {
                throw ApiException.unprocessable("unknown-user", "there is no user with that username; they need an "
                        + "account first", List.of());
            }
            members.upsert(tenant, username, role.id());
            audit.record(tenant, admin.actor(), "member.added", "member", username, Map.of("role", role.id()));
            keycloak.ifPresent(k -> k.addMember(tenant(tenant), username));
            return MemberView.of(members.find(tenant, username).orElseThrow());
        });
        people.membershipChanged(username);
        return added;
    }

    public MemberView changeRole(Person admin, String username, MemberRequests.RoleChange request) {
        Role role = role(request.role());
        UUID tenant = admin.tenantId();
        MemberView changed = transactions.write(tenant, () -> {
            List<Member> currentOwners = owners.lockOwners(tenant);
            Member member = existing(tenant, username);
            admin.require(Role.ADMIN);
            if (role == Role.OWNER || member.roleValue() == Role.OWNER) {
                admin.require(Role.OWNER);
            }
            if (member.roleValue() == role) {
                return MemberView.of(member);
            }
            if (member.roleValue() == Role.OWNER && currentOwners.size() <= 1) {
                throw lastOwner();
            }
            members.upsert(tenant, username, role.id());
            audit.record(tenant, admin.actor(), "member.role-changed", "member", username,
                    Map.of("role", role.id(), "previous", member.role()));
            // Mirrors a membership that predates Keycloak administration, too; joining is idempotent.
            keycloak.ifPresent(k -> k.addMember(tenant(tenant), username));
            return MemberView.of(members.find(tenant, username).orElseThrow());
        });
        people.membershipChanged(username);
        return changed;
    }

    public void remove(Person admin, String username) {
        UUID tenant = admin.tenantId();
        transactions.write(tenant, () -> {
            List<Member> currentOwners = owners.lockOwners(tenant);
            Member member = existing(tenant, username);
            admin.require(Role.ADMIN);
            if (member.roleValue() == Role.OWNER) {
                admin.require(Role.OWNER);
                if (currentOwners.size() <= 1) {
                    throw lastOwner();
                }
            }
            members.delete(tenant, username);
            audit.record(tenant, admin.actor(), "member.removed", "member", username, Map.of("role", member.role()));
            keycloak.ifPresent(k -> k.removeMember(tenant(tenant), username));
            return null;
        });
        people.membershipChanged(username);
    }

    private Member existing(UUID tenant, String username) {
        return members.find(tenant, username).orElseThrow(() -> ApiException.notFound("member"));
    }

    private Tenant tenant(UUID id) {
        return tenants.findById(id).orElseThrow();
    }

    private static Role role(String id) {
        return Role.of(id).orElseThrow(() -> ApiException.unprocessable("unknown-role",
                "role must be owner, admin, analyst or viewer", List.of()));
    }

    private static ApiException lastOwner() {
        return ApiException.conflict("last-owner", "a tenant keeps at least one owner: make someone else owner first");
    }
}
