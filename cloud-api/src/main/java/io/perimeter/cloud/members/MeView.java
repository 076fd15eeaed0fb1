package io.perimeter.cloud.members;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.UUID;

/**
 * The signed-in person: every tenant they belong to (for a tenant switcher), and the tenant this request acts in
 * with their role there, or null when they belong to several and the request named none.
 *
 * @param operator whether they are a platform operator
 */
@Serdeable
public record MeView(String username, boolean operator, List<Tenant> memberships, @Nullable Tenant current) {

    /** A tenant and the person's role in it. */
    @Serdeable
    public record Tenant(UUID id, String slug, String name, String role) {
    }
}
