package io.perimeter.cloud.inventory;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A discovered service: where it listens, what it runs as, and totals over its endpoints.
 *
 * @param dataClasses    every data class any of its endpoints carries
 * @param auth           every auth scheme seen on any of its endpoints
 * @param openFindings   findings on it that are open or acknowledged
 */
@Serdeable
public record ServiceView(UUID id, String host, int port, String process, boolean tls, long endpoints, long calls,
                          List<String> dataClasses, List<String> auth, long openFindings, Instant firstSeen,
                          Instant lastSeen) {
}
