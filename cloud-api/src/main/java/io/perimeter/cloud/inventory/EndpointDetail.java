package io.perimeter.cloud.inventory;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything the inventory knows of one endpoint: its service (with TLS), traffic (status codes, latency), auth
 * schemes, the schema of its parameters, headers and bodies with their data classes, and its findings.
 */
@Serdeable
public record EndpointDetail(UUID id, ServiceRef service, String method, String template, long calls,
                             Map<String, Long> statusCodes, LatencyView latency, List<String> auth,
                             List<String> dataClasses, int sensitivity, long principals, EndpointShape schema,
                             @Nullable RelatedFindings findings, Instant firstSeen, Instant lastSeen) {

    EndpointDetail withFindings(RelatedFindings related) {
        return new EndpointDetail(id, service, method, template, calls, statusCodes, latency, auth, dataClasses,
                sensitivity, principals, schema, related, firstSeen, lastSeen);
    }

    /** The service an endpoint belongs to. */
    @Serdeable
    public record ServiceRef(UUID id, String host, int port, String process, boolean tls) {
    }

    /** Latency with its mean and quantiles in microseconds (null without observations). */
    @Serdeable
    public record LatencyView(long count, @Nullable Long meanMicros, @Nullable Long p50Micros,
                              @Nullable Long p95Micros, @Nullable Long p99Micros, List<Latency.Bucket> buckets) {
        static LatencyView of(Latency latency) {
            return new LatencyView(latency.count(), latency.meanMicros(), latency.quantileMicros(0.50),
                    latency.quantileMicros(0.95), latency.quantileMicros(0.99), latency.buckets());
        }
    }

    /**
     * The endpoint's findings: how many are in each status, the unresolved ones (open or acknowledged) by severity,
     * and the most recently seen ones.
     */
    @Serdeable
    public record RelatedFindings(Map<String, Long> byStatus, Map<String, Long> unresolvedBySeverity,
                                  List<FindingRef> recent) {
    }

    /** A finding in the endpoint's summary; {@code GET /api/v1/findings/{id}} has the rest. */
    @Serdeable
    public record FindingRef(UUID id, String rule, String category, String severity, String status,
                             Instant lastSeen) {
    }
}
