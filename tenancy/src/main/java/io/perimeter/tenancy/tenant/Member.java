package io.perimeter.tenancy.tenant;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/** A person's membership of a tenant, with the role they hold there. People are Keycloak users, named by username. */
@MappedEntity("members")
public record Member(@EmbeddedId Key key, String role, Instant createdAt) {

    /** The member's role. */
    public Role roleValue() {
        return Role.of(role).orElseThrow();
    }

    /** Tenant and username. */
    @Serdeable
    @Embeddable
    public record Key(@MappedProperty("tenant_id") UUID tenantId, @MappedProperty("username") String username) {
    }
}
