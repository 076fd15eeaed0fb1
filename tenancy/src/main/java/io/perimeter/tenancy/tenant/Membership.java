package io.perimeter.tenancy.tenant;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.serde.annotation.Serdeable;
import java.util.UUID;

/** One tenant a person belongs to, and their role there. */
@Serdeable
@Introspected
public record Membership(UUID id, String slug, String name, String role) {

    /** The member's role. */
    public Role roleValue() {
        return Role.of(role).orElseThrow();
    }
}
