package io.perimeter.cloud.identity;

import io.perimeter.cloud.problem.ApiException;
import io.perimeter.tenancy.tenant.Membership;
import io.perimeter.tenancy.tenant.Role;
import java.util.List;
import java.util.UUID;

/**
 * A signed-in person acting in one tenant, with the role they hold there. Bound from the Keycloak token and the
 * tenant the request names ({@code X-Perimeter-Tenant}, or the only one the person belongs to).
 *
 * @param memberships every tenant the person belongs to, for a tenant switcher
 */
public record Person(String username, UUID tenantId, String tenantSlug, Role role, List<Membership> memberships) {

    /** Refuses with 403 unless the person's role includes {@code needed}. */
    public Person require(Role needed) {
        if (!role.includes(needed)) {
            throw ApiException.forbidden("role-required", "this needs the " + needed.id() + " role in "
                    + tenantSlug + "; you are " + role.id());
        }
        return this;
    }

    /** The name written to audit trails. */
    public String actor() {
        return username;
    }
}
