package io.perimeter.cloud.findings;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
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
import java.util.List;
import java.util.UUID;

/** A tenant's findings: lists, one finding with its history, and the history alone. */
@Singleton
public final class FindingCatalog {
    static final List<String> CATEGORIES = List.of("API1:2023", "API2:2023", "API3:2023", "API4:2023", "API5:2023",
            "API6:2023", "API7:2023", "API8:2023", "API9:2023", "API10:2023", "ATTACK");
    static final List<Keyset> SORTS = List.of(
            Keyset.of("lastSeen", true, Keyset.timestamp("f.last_seen"), Keyset.uuid("f.id")),
            Keyset.of("firstSeen", true, Keyset.timestamp("f.first_seen"), Keyset.uuid("f.id")),
            Keyset.of("severity", true, Keyset.number("severity_rank(f.severity)"), Keyset.timestamp("f.last_seen"),
                    Keyset.uuid("f.id")),
            Keyset.of("count", true, Keyset.number("f.count"), Keyset.uuid("f.id")));

    private static final String SELECT = "f.id, f.key, f.rule, f.category, f.severity, f.status, f.status_at, "
            + "f.assignee, f.service_id, f.endpoint_id, s.host, s.port, f.method, f.template, "
            + "f.evidence::text AS evidence_json, f.count, f.first_seen, f.last_seen";
    private static final String FROM = "findings f LEFT JOIN services s ON s.id = f.service_id";

    private final TenantTransactions transactions;
    private final SqlRows rows;
    private final FindingEventRepository events;
    private final JsonMapper json;

    FindingCatalog(TenantTransactions transactions, SqlRows rows, FindingEventRepository events, JsonMapper json) {
        this.transactions = transactions;
        this.rows = rows;
        this.events = events;
        this.json = json;
    }

    /** What a findings list may be narrowed by; null or empty members do not narrow it. */
    public record Filter(@Nullable List<String> severities, @Nullable List<String> statuses,
                         @Nullable List<String> categories, @Nullable UUID endpointId, @Nullable UUID serviceId,
                         @Nullable String assignee) {
    }

    public Page<FindingView> list(UUID tenant, Filter filter, String sort, @Nullable String cursor, int limit) {
        Keyset keyset = Keyset.choose(sort, SORTS);
        Conditions where = new Conditions()
                .add("f.tenant_id = ?", tenant)
                .addIfAny(FilterValues.oneOf("severity", filter.severities(), Severity.ids()),
                        "f.severity = ANY(CAST(? AS text[]))")
                .addIfAny(FilterValues.oneOf("status", filter.statuses(), FindingStatus.ids()),
                        "f.status = ANY(CAST(? AS text[]))")
                .addIfAny(FilterValues.oneOf("category", filter.categories(), CATEGORIES),
                        "f.category = ANY(CAST(? AS text[]))")
                .addIf(filter.endpointId(), "f.endpoint_id = ?")
                .addIf(filter.serviceId(), "f.service_id = ?")
                .addIf(filter.assignee(), "f.assignee = ?");
        return transactions.read(tenant, () -> rows.page(SELECT, FROM, where, keyset, cursor, limit, this::view));
    }

    public FindingDetail get(UUID tenant, UUID findingId) {
        return transactions.read(tenant, () -> new FindingDetail(find(tenant, findingId), history(tenant, findingId)));
    }

    public List<FindingEventView> events(UUID tenant, UUID findingId) {
        return transactions.read(tenant, () -> {
            find(tenant, findingId);
            return history(tenant, findingId);
        });
    }

    private FindingView find(UUID tenant, UUID findingId) {
        return rows.first("SELECT " + SELECT + " FROM " + FROM + " WHERE f.tenant_id = ? AND f.id = ?",
                List.of(tenant, findingId), this::view).orElseThrow(() -> ApiException.notFound("finding"));
    }

    private List<FindingEventView> history(UUID tenant, UUID findingId) {
        return events.findByTenantIdAndFindingIdOrderById(tenant, findingId).stream().map(FindingEventView::of)
                .toList();
    }

    private FindingView view(ResultSet row) throws SQLException {
        return new FindingView(Columns.uuid(row, "id"), row.getString("key"), row.getString("rule"),
                row.getString("category"), row.getString("severity"), row.getString("status"),
                Columns.instant(row, "status_at"), row.getString("assignee"), Columns.uuid(row, "service_id"),
                Columns.uuid(row, "endpoint_id"), row.getString("host"), row.getObject("port", Integer.class),
                row.getString("method"), row.getString("template"), evidence(row.getString("evidence_json")),
                row.getLong("count"), Columns.instant(row, "first_seen"), Columns.instant(row, "last_seen"));
    }

    private Evidence evidence(String text) {
        try {
            return json.readValue(text, Evidence.class);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored finding's evidence is not the JSON the contract defines", e);
        }
    }
}
