package io.perimeter.cloud.edges;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An enrolled edge. {@code credentialHash} is SHA-256 of its credential's secret; the credential itself is nowhere. */
@MappedEntity("edges")
public record Edge(
        @Id UUID id,
        UUID tenantId,
        String name,
        @Nullable String hostname,
        @Nullable String version,
        byte[] credentialHash,
        Instant credentialIssuedAt,
        Instant enrolledAt,
        @Nullable Instant revokedAt,
        @Nullable String revokedBy,
        @Nullable Instant lastSeenAt,
        @TypeDef(type = DataType.JSON) Map<String, Long> counters) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
