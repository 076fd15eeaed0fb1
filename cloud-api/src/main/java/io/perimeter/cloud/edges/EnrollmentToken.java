package io.perimeter.cloud.edges;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A one-time, expiring token an admin creates for one new edge. Only the hash of its secret is stored. */
@MappedEntity("enrollment_tokens")
public record EnrollmentToken(
        @Id UUID id,
        UUID tenantId,
        byte[] secretHash,
        String edgeName,
        String createdBy,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant usedAt,
        @Nullable UUID edgeId) {
}
