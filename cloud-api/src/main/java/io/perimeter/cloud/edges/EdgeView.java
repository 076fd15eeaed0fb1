package io.perimeter.cloud.edges;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An edge as the API shows it: never its credential or hash. */
@Serdeable
public record EdgeView(UUID id, String name, String hostname, String version, String status, Instant enrolledAt,
                       Instant lastSeenAt, Instant credentialIssuedAt, Instant revokedAt, String revokedBy,
                       Map<String, Long> counters) {

    public static EdgeView of(Edge edge) {
        String status = edge.revoked() ? "revoked" : edge.lastSeenAt() == null ? "enrolled" : "active";
        return new EdgeView(edge.id(), edge.name(), edge.hostname(), edge.version(), status, edge.enrolledAt(),
                edge.lastSeenAt(), edge.credentialIssuedAt(), edge.revokedAt(), edge.revokedBy(),
                edge.counters() == null ? Map.of() : edge.counters());
    }
}
