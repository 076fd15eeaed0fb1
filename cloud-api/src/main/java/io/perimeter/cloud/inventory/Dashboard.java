package io.perimeter.cloud.inventory;

import io.perimeter.cloud.edges.EdgeRepository;
import io.perimeter.cloud.findings.FindingStatus;
import io.perimeter.cloud.findings.Severity;
import io.perimeter.cloud.query.SqlRows;
import io.perimeter.tenancy.database.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The counts behind the console's dashboard, read in one transaction so that they agree with each other. */
@Singleton
public final class Dashboard {
    static final int DAYS = 30;
    static final int MOST_SENSITIVE = 10;
    /** An edge ships at least every minute while it runs; a quarter of an hour of silence is worth a look. */
    static final Duration SILENCE = Duration.ofMinutes(15);
    /**
     * The capture counters that say data was lost (see docs/sensor.md): records the ring buffer had no room for, the
     * bytes they carried, calls with holes, and TLS probes found without their breakpoints (TLS calls went unseen
     * until they were attached again).
     */
    static final List<String> LOSS_COUNTERS = List.of("events_lost", "data_bytes_lost", "calls_with_gaps",
            "tls_probes_reset");


    private final TenantTransactions transactions;
    private final SqlRows rows;
    private final EndpointCatalog endpoints;
    private final EdgeRepository edges;
    private final Clock clock;

    Dashboard(TenantTransactions transactions, SqlRows rows, EndpointCatalog endpoints, EdgeRepository edges,
              Clock clock) {
        this.transactions = transactions;
        this.rows = rows;
        this.endpoints = endpoints;
        this.edges = edges;
        this.clock = clock;
    }

    public DashboardView of(UUID tenant) {
        return transactions.read(tenant, () -> new DashboardView(totals(tenant), findings(tenant),
                openedPerDay(tenant), endpointsByDataClass(tenant), mostSensitive(tenant), edges(tenant)));
    }

    private DashboardView.Totals totals(UUID tenant) {
        return rows.first("SELECT (SELECT count(*) FROM services WHERE tenant_id = ?) AS services, "
                        + "(SELECT count(*) FROM endpoints WHERE tenant_id = ?) AS endpoints, "
                        + "(SELECT coalesce(sum(calls), 0) FROM endpoints WHERE tenant_id = ?) AS calls, "
                        + "(SELECT count(*) FROM edges WHERE tenant_id = ?) AS edges",
                List.of(tenant, tenant, tenant, tenant),
                row -> new DashboardView.Totals(row.getLong("services"), row.getLong("endpoints"),
                        row.getLong("calls"), row.getLong("edges"))).orElseThrow();
    }

    private DashboardView.FindingCounts findings(UUID tenant) {
        Map<String, Long> byStatus = zeros(FindingStatus.ids());
        Map<String, Long> unresolved = zeros(Severity.ids());
        long total = rows.list("SELECT status, severity, count(*) AS n FROM findings WHERE tenant_id = ? "
                + "GROUP BY status, severity", List.of(tenant), row -> {
                    long n = row.getLong("n");
                    String status = row.getString("status");
                    byStatus.merge(status, n, Long::sum);
                    if (FindingStatus.of(status).orElseThrow().unresolved()) {
                        unresolved.merge(row.getString("severity"), n, Long::sum);
                    }
                    return n;
                }).stream().mapToLong(Long::longValue).sum();
        return new DashboardView.FindingCounts(total, byStatus, unresolved);
    }

    private List<DashboardView.DayCount> openedPerDay(UUID tenant) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = today.minusDays(DAYS - 1);
        Map<LocalDate, Map<String, Long>> days = new LinkedHashMap<>();
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            days.put(day, zeros(Severity.ids()));
        }
        rows.list("SELECT (first_seen AT TIME ZONE 'UTC')::date AS day, severity, count(*) AS n FROM findings "
                        + "WHERE tenant_id = ? AND first_seen >= ? GROUP BY 1, 2",
                List.of(tenant, first.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime()), row -> {
                    Map<String, Long> day = days.get(row.getObject("day", Date.class).toLocalDate());
                    if (day != null) {
                        day.merge(row.getString("severity"), row.getLong("n"), Long::sum);
                    }
                    return day;
                });
        List<DashboardView.DayCount> counts = new ArrayList<>(days.size());
        days.forEach((day, bySeverity) -> counts.add(new DashboardView.DayCount(day,
                bySeverity.values().stream().mapToLong(Long::longValue).sum(), bySeverity)));
        return counts;
    }

    private Map<String, Long> endpointsByDataClass(UUID tenant) {
        Map<String, Long> counts = new LinkedHashMap<>();
        rows.list("SELECT c, count(*) AS n FROM endpoints e, unnest(e.data_classes) c WHERE e.tenant_id = ? "
                        + "GROUP BY c ORDER BY n DESC, c", List.of(tenant),
                row -> counts.put(row.getString("c"), row.getLong("n")));
        return counts;
    }

    private List<EndpointSummary> mostSensitive(UUID tenant) {
        return endpoints.list(tenant, new EndpointCatalog.Filter(null, null, Vocabulary.DATA_CLASSES, null, null, null),
                "sensitivity", null, MOST_SENSITIVE).items();
    }

    /** Whether an edge's last counters say it lost data. */
    static boolean losing(Map<String, Long> counters) {
        return LOSS_COUNTERS.stream().anyMatch(c -> counters.getOrDefault(c, 0L) > 0);
    }

    private DashboardView.EdgeHealth edges(UUID tenant) {
        Instant now = clock.instant();
        Map<String, Long> tally = zeros(List.of("healthy", "degraded", "silent", "never-seen", "revoked"));
        long eventsLost = 0;
        long bytesLost = 0;
        long callsWithGaps = 0;
        List<DashboardView.Edge> items = new ArrayList<>();
        for (var edge : edges.listInTenant(tenant)) {
            Map<String, Long> counters = edge.counters() == null ? Map.of() : edge.counters();
            boolean losing = losing(counters);
            String health = edge.revoked() ? "revoked"
                    : edge.lastSeenAt() == null ? "never-seen"
                    : edge.lastSeenAt().isBefore(now.minus(SILENCE)) ? "silent"
                    : losing ? "degraded" : "healthy";
            tally.merge(health, 1L, Long::sum);
            if (!edge.revoked()) {
                eventsLost += counters.getOrDefault("events_lost", 0L);
                bytesLost += counters.getOrDefault("data_bytes_lost", 0L);
                callsWithGaps += counters.getOrDefault("calls_with_gaps", 0L);
            }
            items.add(new DashboardView.Edge(edge.id(), edge.name(), edge.version(), health, edge.lastSeenAt(),
                    counters));
        }
        return new DashboardView.EdgeHealth(tally.get("healthy") + tally.get("degraded"), tally.get("degraded"),
                tally.get("silent"), tally.get("never-seen"), tally.get("revoked"), eventsLost, bytesLost,
                callsWithGaps, items);
    }

    private static Map<String, Long> zeros(List<String> keys) {
        Map<String, Long> map = new LinkedHashMap<>();
        keys.forEach(k -> map.put(k, 0L));
        return map;
    }
}
