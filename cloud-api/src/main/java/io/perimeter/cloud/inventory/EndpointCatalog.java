package io.perimeter.cloud.inventory;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.perimeter.cloud.findings.FindingStatus;
import io.perimeter.cloud.findings.Severity;
import io.perimeter.cloud.problem.ApiException;
import io.perimeter.cloud.query.Columns;
import io.perimeter.cloud.query.Conditions;
import io.perimeter.cloud.query.FilterValues;
import io.perimeter.cloud.query.Keyset;
import io.perimeter.cloud.query.Page;
import io.perimeter.cloud.query.SqlRows;
import io.perimeter.tenancy.database.TenantTransactions;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** The endpoints of a tenant's inventory: lists, and everything known of one. */
@Singleton
public final class EndpointCatalog {
    static final List<Keyset> SORTS = List.of(
            Keyset.of("lastSeen", true, Keyset.timestamp("e.last_seen"), Keyset.uuid("e.id")),
            Keyset.of("calls", true, Keyset.number("e.calls"), Keyset.uuid("e.id")),
            Keyset.of("sensitivity", true, Keyset.number("data_class_sensitivity(e.data_classes)"),
                    Keyset.number("e.calls"), Keyset.uuid("e.id")),
            Keyset.of("template", false, Keyset.text("e.template"), Keyset.text("e.method"), Keyset.uuid("e.id")));

    private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z-]{0,15}");
    private static final String SUMMARY = "e.id, e.service_id, s.host, s.port, e.method, e.template, e.calls, e.auth, "
            + "e.data_classes, data_class_sensitivity(e.data_classes) AS sensitivity, e.principals, e.first_seen, "
            + "e.last_seen, (SELECT count(*) FROM findings f WHERE f.tenant_id = e.tenant_id AND f.endpoint_id = e.id "
            + "AND f.status IN " + ServiceCatalog.UNRESOLVED + ") AS open_findings";
    private static final String DETAIL = "e.id, e.service_id, s.host, s.port, s.process, s.tls, e.method, e.template, "
            + "e.calls, e.auth, e.data_classes, data_class_sensitivity(e.data_classes) AS sensitivity, e.principals, "
            + "e.first_seen, e.last_seen, e.status_codes::text AS status_codes_json, e.latency::text AS latency_json, "
            + "e.shape::text AS shape_json";
    private static final String FROM = "endpoints e JOIN services s ON s.id = e.service_id";
    private static final Argument<Map<String, Map<String, EndpointShape.StoredField>>> STORED_SHAPE =
            Argument.mapOf(Argument.STRING, Argument.mapOf(String.class, EndpointShape.StoredField.class));

    private final TenantTransactions transactions;
    private final SqlRows rows;
    private final JsonMapper json;

    EndpointCatalog(TenantTransactions transactions, SqlRows rows, JsonMapper json) {
        this.transactions = transactions;
        this.rows = rows;
        this.json = json;
    }

    /** What an endpoints list may be narrowed by; null or empty members do not narrow it. */
    public record Filter(@Nullable UUID serviceId, @Nullable List<String> methods, @Nullable List<String> dataClasses,
                         @Nullable List<String> auth, @Nullable Boolean hasFindings, @Nullable String search) {
    }

    public Page<EndpointSummary> list(UUID tenant, Filter filter, String sort, @Nullable String cursor, int limit) {
        Keyset keyset = Keyset.choose(sort, SORTS);
        List<String> methods = filter.methods() == null ? List.of() : filter.methods().stream()
                .flatMap(m -> List.of(m.split(",")).stream()).map(String::strip).filter(m -> !m.isEmpty())
                .map(m -> m.toUpperCase(Locale.ROOT)).toList();
        if (methods.stream().anyMatch(m -> !METHOD.matcher(m).matches())) {
            throw ApiException.badRequest("bad-filter", "method must be an HTTP method such as GET or POST");
        }
        Conditions where = new Conditions()
                .add("e.tenant_id = ?", tenant)
                .addIf(filter.serviceId(), "e.service_id = ?")
                .addIfAny(methods, "e.method = ANY(CAST(? AS text[]))")
                .addIfAny(FilterValues.oneOf("dataClass", filter.dataClasses(), Vocabulary.DATA_CLASSES),
                        "e.data_classes && CAST(? AS text[])")
                .addIfAny(FilterValues.oneOf("auth", filter.auth(), Vocabulary.AUTH_SCHEMES),
                        "e.auth && CAST(? AS text[])")
                .addIf(filter.search() == null || filter.search().isBlank() ? null
                        : FilterValues.containing(filter.search()), "e.template ILIKE ?");
        if (filter.hasFindings() != null) {
            where.add((filter.hasFindings() ? "" : "NOT ") + "EXISTS (SELECT FROM findings f WHERE "
                    + "f.tenant_id = e.tenant_id AND f.endpoint_id = e.id AND f.status IN "
                    + ServiceCatalog.UNRESOLVED + ")");
        }
        return transactions.read(tenant, () -> rows.page(SUMMARY, FROM, where, keyset, cursor, limit,
                EndpointCatalog::summary));
    }

    public EndpointDetail get(UUID tenant, UUID endpointId) {
        return transactions.read(tenant, () -> rows.first("SELECT " + DETAIL + " FROM " + FROM
                                + " WHERE e.tenant_id = ? AND e.id = ?", List.of(tenant, endpointId), this::detail)
                .map(endpoint -> endpoint.withFindings(relatedFindings(tenant, endpointId)))
                .orElseThrow(() -> ApiException.notFound("endpoint")));
    }

    /** Every endpoint of a service with its shape, in path order, for the OpenAPI export. */
    List<EndpointDetail> ofService(UUID tenant, UUID serviceId) {
        return transactions.read(tenant, () -> rows.list("SELECT " + DETAIL + " FROM " + FROM
                        + " WHERE e.tenant_id = ? AND e.service_id = ? ORDER BY e.template, e.method",
                List.of(tenant, serviceId), this::detail));
    }

    private static EndpointSummary summary(ResultSet row) throws SQLException {
        return new EndpointSummary(Columns.uuid(row, "id"), Columns.uuid(row, "service_id"), row.getString("host"),
                row.getInt("port"), row.getString("method"), row.getString("template"), row.getLong("calls"),
                Columns.strings(row, "auth"), Columns.strings(row, "data_classes"), row.getInt("sensitivity"),
                row.getLong("principals"), row.getLong("open_findings"), Columns.instant(row, "first_seen"),
                Columns.instant(row, "last_seen"));
    }

    /** An endpoint without its findings, which {@link #relatedFindings} adds where they are shown. */
    private EndpointDetail detail(ResultSet row) throws SQLException {
        Latency latency = read(row.getString("latency_json"), Argument.of(Latency.class), Latency.EMPTY);
        return new EndpointDetail(Columns.uuid(row, "id"),
                new EndpointDetail.ServiceRef(Columns.uuid(row, "service_id"), row.getString("host"),
                        row.getInt("port"), row.getString("process"), row.getBoolean("tls")),
                row.getString("method"), row.getString("template"), row.getLong("calls"),
                read(row.getString("status_codes_json"), Argument.mapOf(String.class, Long.class), Map.of()),
                EndpointDetail.LatencyView.of(latency), Columns.strings(row, "auth"),
                Columns.strings(row, "data_classes"), row.getInt("sensitivity"), row.getLong("principals"),
                EndpointShape.fromStored(read(row.getString("shape_json"), STORED_SHAPE, Map.of())), null,
                Columns.instant(row, "first_seen"), Columns.instant(row, "last_seen"));
    }

    private EndpointDetail.RelatedFindings relatedFindings(UUID tenant, UUID endpointId) {
        Map<String, Long> byStatus = zeros(FindingStatus.ids());
        Map<String, Long> unresolved = zeros(Severity.ids());
        rows.list("SELECT status, severity, count(*) AS n FROM findings WHERE tenant_id = ? AND endpoint_id = ? "
                + "GROUP BY status, severity", List.of(tenant, endpointId), row -> {
                    long n = row.getLong("n");
                    byStatus.merge(row.getString("status"), n, Long::sum);
                    if (FindingStatus.of(row.getString("status")).orElseThrow().unresolved()) {
                        unresolved.merge(row.getString("severity"), n, Long::sum);
                    }
                    return n;
                });
        List<EndpointDetail.FindingRef> recent = rows.list("SELECT id, rule, category, severity, status, last_seen "
                        + "FROM findings WHERE tenant_id = ? AND endpoint_id = ? "
                        + "ORDER BY last_seen DESC, id DESC LIMIT 20", List.of(tenant, endpointId),
                row -> new EndpointDetail.FindingRef(Columns.uuid(row, "id"), row.getString("rule"),
                        row.getString("category"), row.getString("severity"), row.getString("status"),
                        Columns.instant(row, "last_seen")));
        return new EndpointDetail.RelatedFindings(byStatus, unresolved, recent);
    }

    private static Map<String, Long> zeros(List<String> keys) {
        Map<String, Long> map = new LinkedHashMap<>();
        keys.forEach(k -> map.put(k, 0L));
        return map;
    }

    private <T> T read(String text, Argument<T> type, T empty) {
        if (text == null || text.isBlank() || text.equals("{}")) {
            return empty;
        }
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored endpoint column is not the JSON the inventory expects", e);
        }
    }
}
