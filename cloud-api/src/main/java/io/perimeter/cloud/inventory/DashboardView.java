package io.perimeter.cloud.inventory;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the console's dashboard shows of a tenant, in one read.
 *
 * @param endpointsByDataClass how many endpoints carry each data class
 * @param openedPerDay         findings first seen on each of the last 30 days (UTC), oldest first, by severity
 * @param mostSensitive        the endpoints with the most sensitive data classes
 */
@Serdeable
public record DashboardView(Totals totals, FindingCounts findings, List<DayCount> openedPerDay,
                            Map<String, Long> endpointsByDataClass, List<EndpointSummary> mostSensitive,
                            EdgeHealth edges) {

    @Serdeable
    public record Totals(long services, long endpoints, long calls, long edges) {
    }

    /** Findings by status, and the unresolved ones (open or acknowledged) by severity; every key is present. */
    @Serdeable
    public record FindingCounts(long total, Map<String, Long> byStatus, Map<String, Long> unresolvedBySeverity) {
    }

    @Serdeable
    public record DayCount(LocalDate day, long total, Map<String, Long> bySeverity) {
    }

    /**
     * The tenant's edges and how their capture is doing, with the loss counters summed over active edges.
     *
     * @param eventsLost    capture events the edges' ring buffers dropped, as last reported
     * @param dataBytesLost payload bytes the edges could not capture, as last reported
     * @param callsWithGaps calls whose captured bytes had a hole, as last reported
     */
    @Serdeable
    public record EdgeHealth(long active, long degraded, long silent, long neverSeen, long revoked, long eventsLost,
                             long dataBytesLost, long callsWithGaps, List<Edge> items) {
    }

    /**
     * One edge's health: {@code healthy}, {@code degraded} (its last report counted lost events, bytes or calls with
     * gaps), {@code silent} (no report for 15 minutes), {@code never-seen} or {@code revoked}.
     */
    @Serdeable
    public record Edge(UUID id, String name, String version, String health, Instant lastSeenAt,
                       Map<String, Long> counters) {
    }
}
