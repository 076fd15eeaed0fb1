package io.perimeter.cloud.tenants;

import io.perimeter.cloud.identity.Operator;
import io.perimeter.cloud.problem.ApiException;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.provisioning.FirstAdmin;
import io.perimeter.tenancy.tenant.MemberRepository;
import io.perimeter.tenancy.tenant.Tenant;
import io.perimeter.tenancy.tenant.TenantOnboarding;
import io.perimeter.tenancy.tenant.TenantRepository;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform operator's view of tenants: list, onboard, offboard. Onboarding is idempotent for the same request,
 * so an operator whose first attempt failed half way (Keycloak or Pulsar down) sends it again to finish; a request
 * that differs from the tenant that exists (another name, a first owner who is not a member) is a conflict rather
 * than a way to add owners to someone else's tenant.
 */
@Singleton
final class TenantRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(TenantRegistry.class);

    private final TenantTransactions transactions;
    private final TenantRepository tenants;
    private final MemberRepository members;
    private final TenantOnboarding onboarding;

    TenantRegistry(TenantTransactions transactions, TenantRepository tenants, MemberRepository members,
                   TenantOnboarding onboarding) {
        this.transactions = transactions;
        this.tenants = tenants;
        this.members = members;
        this.onboarding = onboarding;
    }

    List<TenantView> list() {
        return transactions.asOperator(() -> tenants.listOrderBySlug()).stream().map(this::view).toList();
    }

    /** An onboarded tenant, and whether this request created it. */
    record Onboarded(TenantView tenant, boolean created) {
    }

    Onboarded onboard(Operator operator, NewTenant request) {
        String name = request.name().strip();
        Optional<Tenant> existing = transactions.asOperator(() -> tenants.findBySlug(request.slug()));
        if (existing.isPresent()) {
            Tenant tenant = existing.get();
            boolean firstOwnerIsMember = transactions.read(tenant.id(),
                    () -> members.find(tenant.id(), request.firstAdmin().username()).isPresent());
            if (!tenant.name().equals(name) || !firstOwnerIsMember) {
                throw ApiException.conflict("tenant-exists", "a tenant with this slug exists with another name or "
                        + "other owners; its members are managed by its admins");
            }
        }
        Tenant tenant;
        try {
            tenant = onboarding.onboard(request.slug(), name,
                    new FirstAdmin(request.firstAdmin().username(), request.firstAdmin().email()), operator.username());
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("bad-tenant", e.getMessage(), List.of());
        }
        LOG.info("{} onboarded tenant {}", operator.username(), tenant.slug());
        return new Onboarded(view(tenant), existing.isEmpty());
    }

    void offboard(Operator operator, String slug) {
        if (!onboarding.offboard(slug)) {
            throw ApiException.notFound("tenant");
        }
        // The tenant's own audit trail goes with its rows: the platform's log keeps who removed it.
        LOG.info("{} offboarded tenant {}", operator.username(), slug);
    }

    private TenantView view(Tenant tenant) {
        return new TenantView(tenant.id(), tenant.slug(), tenant.name(), tenant.createdAt(),
                onboarding.describeResources(tenant));
    }
}
