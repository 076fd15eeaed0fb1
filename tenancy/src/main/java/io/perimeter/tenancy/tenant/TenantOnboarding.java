package io.perimeter.tenancy.tenant;

import io.perimeter.tenancy.audit.AuditLog;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.provisioning.FirstAdmin;
import io.perimeter.tenancy.provisioning.TenantResources;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates and removes tenants with everything they own: their rows, their first owner, and their resources outside
 * PostgreSQL. Both directions are idempotent, so a run that failed halfway is finished by running it again.
 */
@Singleton
public final class TenantOnboarding {
    private final TenantTransactions transactions;
    private final TenantRepository tenants;
    private final MemberRepository members;
    private final AuditLog audit;
    private final List<TenantResources> resources;

    TenantOnboarding(TenantTransactions transactions, TenantRepository tenants, MemberRepository members,
                     AuditLog audit, List<TenantResources> resources) {
        this.transactions = transactions;
        this.tenants = tenants;
        this.members = members;
        this.audit = audit;
        this.resources = List.copyOf(resources);
    }

    /**
     * Onboards {@code slug}, or completes an earlier onboarding of it.
     *
     * @return the tenant
     * @throws IllegalArgumentException if the slug or name is not acceptable
     */
    public Tenant onboard(String slug, String name, FirstAdmin firstAdmin, String actor) {
        if (slug == null || !Tenant.SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException("a tenant slug is 3-32 lower-case letters, digits and inner dashes");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("a tenant name is 1-200 characters");
        }
        Tenant tenant = transactions.asOperator(() -> tenants.findBySlug(slug)
                .orElseGet(() -> tenants.save(new Tenant(UUID.randomUUID(), slug, name.strip(), Instant.now()))));
        transactions.write(tenant.id(), () -> {
            if (members.find(tenant.id(), firstAdmin.username()).isEmpty()) {
                members.upsert(tenant.id(), firstAdmin.username(), Role.OWNER.id());
                audit.record(tenant.id(), actor, "tenant.onboarded", "tenant", tenant.slug(),
                        Map.of("firstOwner", firstAdmin.username()));
            }
            return null;
        });
        for (TenantResources resource : resources) {
            resource.provision(tenant, firstAdmin);
        }
        return tenant;
    }

    /** Removes {@code slug}'s resources and then its rows (all of them, by cascade). */
    public boolean offboard(String slug) {
        Optional<Tenant> tenant = transactions.asOperator(() -> tenants.findBySlug(slug));
        if (tenant.isEmpty()) {
            return false;
        }
        for (TenantResources resource : resources) {
            resource.remove(tenant.get());
        }
        transactions.asOperator(() -> {
            tenants.deleteById(tenant.get().id());
            return null;
        });
        return true;
    }

    /** What onboarding provisions besides rows, for messages and the operator's view. */
    public List<String> describeResources(Tenant tenant) {
        return resources.stream().map(r -> r.describe(tenant)).toList();
    }
}
