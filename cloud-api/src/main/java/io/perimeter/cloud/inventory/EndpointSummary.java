package io.perimeter.cloud.inventory;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An endpoint in a list: its service, template, traffic and what it carries.
 *
 * @param sensitivity  the weight of its data classes (docs/api.md lists the weights); 0 without any
 * @param principals   distinct callers seen (counted by pseudonym at the edge)
 * @param openFindings findings on it that are open or acknowledged
 */
@Serdeable
public record EndpointSummary(UUID id, UUID serviceId, String host, int port, String method, String template,
                              long calls, List<String> auth, List<String> dataClasses, int sensitivity,
                              long principals, long openFindings, Instant firstSeen, Instant lastSeen) {
}
