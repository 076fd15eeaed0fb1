package io.perimeter.cloud.ingest;

import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.tenant.Tenant;
import io.perimeter.tenancy.tenant.TenantRepository;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's slug, which names its Pulsar tenant, by tenant id. A slug never changes while its tenant exists, so it
 * is kept once read; a re-onboarded slug is a new tenant with a new id.
 */
@Singleton
final class TenantSlugs {
    private final TenantTransactions transactions;
    private final TenantRepository tenants;
    private final Map<UUID, String> slugs = new ConcurrentHashMap<>();

    TenantSlugs(TenantTransactions transactions, TenantRepository tenants) {
        this.transactions = transactions;
        this.tenants = tenants;
    }

    String of(UUID tenant) {
        return slugs.computeIfAbsent(tenant, id -> transactions.read(id,
                () -> tenants.findById(id).map(Tenant::slug)
                        .orElseThrow(() -> new IllegalStateException("tenant " + id + " does not exist"))));
    }
}
