package io.perimeter.tenancy.provisioning;

import io.perimeter.tenancy.tenant.Tenant;

/**
 * Something a tenant owns outside PostgreSQL (its Pulsar namespace, its Keycloak organization). Both operations are
 * idempotent: onboarding and offboarding may be run again after a partial failure and finish the job.
 */
public interface TenantResources {

    /** Creates what is missing for {@code tenant}; {@code firstAdmin} is the username of its first owner. */
    void provision(Tenant tenant, FirstAdmin firstAdmin);

    /** Removes what exists for {@code tenant}. */
    void remove(Tenant tenant);

    /** What this is, for messages: e.g. "Pulsar namespace acme/edges". */
    String describe(Tenant tenant);
}
