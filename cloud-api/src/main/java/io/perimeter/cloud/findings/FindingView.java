package io.perimeter.cloud.findings;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * A finding: what rule found it where, how often, its redacted evidence, and where it is in triage.
 *
 * @param key        the edge's stable key for the problem, the same in every batch that reports it
 * @param serviceId  null when the service has left the inventory
 * @param endpointId null when the endpoint has left the inventory; {@code method} and {@code template} remain
 * @param statusAt   when the status last changed
 */
@Serdeable
public record FindingView(UUID id, String key, String rule, String category, String severity, String status,
                          Instant statusAt, @Nullable String assignee, @Nullable UUID serviceId,
                          @Nullable UUID endpointId, @Nullable String host, @Nullable Integer port, String method,
                          String template, Evidence evidence, long count, Instant firstSeen, Instant lastSeen) {
}
