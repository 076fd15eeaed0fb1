package io.perimeter.cloud.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import io.perimeter.cloud.query.Columns;
import io.perimeter.cloud.query.SqlRows;
import io.perimeter.tenancy.database.TenantTransactions;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Reads what a report needs from the tenant's inventory and findings, in a read-only transaction of the tenant (so
 * row-level security holds). An endpoint or finding is in the window when the time it was seen overlaps it: first
 * seen before the window's end, last seen after its start. The reads run at PostgreSQL's default isolation (read
 * committed): a batch applied between them may show in one and not the other.
 */
@Singleton
final class ReportInputReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TenantTransactions transactions;
    private final SqlRows rows;

    ReportInputReader(TenantTransactions transactions, SqlRows rows) {
        this.transactions = transactions;
        this.rows = rows;
    }

    /** What a report of the window {@code from} (or the first observation) to {@code to} is computed from. */
    ReportInputs read(UUID tenant, @Nullable Instant from, Instant to) {
        return transactions.read(tenant, () -> {
            var names = rows.first("SELECT slug, name FROM tenants WHERE id = ?", List.of(tenant),
                    row -> new String[] {row.getString("slug"), row.getString("name")})
                    .orElseThrow(() -> new IllegalStateException("tenant " + tenant + " does not exist"));
            Instant end = to;
            Instant start = from != null ? from : Instant.EPOCH;
            List<Object> window = List.of(tenant, end.atOffset(ZoneOffset.UTC), start.atOffset(ZoneOffset.UTC));
            List<ReportInputs.Service> services = rows.list("""
                    SELECT id, host, port, process, tls, first_seen, last_seen FROM services
                     WHERE tenant_id = ? ORDER BY host, port, process, id""", List.of(tenant), this::service);
            List<ReportInputs.Endpoint> endpoints = rows.list("SELECT e.id, e.service_id, e.method, e.template, "
                    + "e.calls, e.auth, e.data_classes, e.shape::text AS shape_json, e.first_seen, e.last_seen "
                    + "FROM endpoints e JOIN services s ON s.id = e.service_id "
                    + "WHERE e.tenant_id = ? AND e.first_seen <= ? AND e.last_seen >= ? "
                    + "ORDER BY s.host, s.port, s.process, e.template, e.method, e.id", window, this::endpoint);
            List<ReportInputs.Finding> findings = rows.list("SELECT id, rule, category, severity, status, service_id, "
                    + "endpoint_id, method, template, evidence::text AS evidence_json, count, first_seen, last_seen "
                    + "FROM findings WHERE tenant_id = ? AND first_seen <= ? AND last_seen >= ? "
                    + "ORDER BY severity_rank(severity) DESC, rule, template, method, id", window, this::finding);
            return new ReportInputs(names[0], names[1], from, end, services, endpoints, findings);
        });
    }

    private ReportInputs.Service service(ResultSet row) throws SQLException {
        return new ReportInputs.Service(Columns.uuid(row, "id"), row.getString("host"), row.getInt("port"),
                row.getString("process"), row.getBoolean("tls"), Columns.instant(row, "first_seen"),
                Columns.instant(row, "last_seen"));
    }

    private ReportInputs.Endpoint endpoint(ResultSet row) throws SQLException {
        return new ReportInputs.Endpoint(Columns.uuid(row, "id"), Columns.uuid(row, "service_id"),
                row.getString("method"), row.getString("template"), row.getLong("calls"),
                sorted(Columns.strings(row, "auth")), sorted(Columns.strings(row, "data_classes")),
                classifiedFields(row.getString("shape_json")), Columns.instant(row, "first_seen"),
                Columns.instant(row, "last_seen"));
    }

    private ReportInputs.Finding finding(ResultSet row) throws SQLException {
        JsonNode evidence = tree(row.getString("evidence_json"));
        List<String> classes = new ArrayList<>();
        evidence.path("dataClasses").forEach(c -> {
            if (c.isTextual()) {
                classes.add(c.asText());
            }
        });
        return new ReportInputs.Finding(Columns.uuid(row, "id"), row.getString("rule"), row.getString("category"),
                row.getString("severity"), row.getString("status"), Columns.uuid(row, "service_id"),
                Columns.uuid(row, "endpoint_id"), row.getString("method"), row.getString("template"),
                text(evidence, "location"), text(evidence, "field"), sorted(classes), row.getLong("count"),
                Columns.instant(row, "first_seen"), Columns.instant(row, "last_seen"));
    }

    /** Section → field path → data classes, for the fields of the stored shape that carried a class. */
    private static Map<String, Map<String, List<String>>> classifiedFields(String shapeJson) {
        Map<String, Map<String, List<String>>> out = new TreeMap<>();
        JsonNode shape = tree(shapeJson);
        for (Iterator<Map.Entry<String, JsonNode>> sections = shape.fields(); sections.hasNext(); ) {
            Map.Entry<String, JsonNode> section = sections.next();
            for (Iterator<Map.Entry<String, JsonNode>> fields = section.getValue().fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                List<String> classes = new ArrayList<>();
                field.getValue().path("dataClasses").forEach(c -> {
                    if (c.isTextual()) {
                        classes.add(c.asText());
                    }
                });
                if (!classes.isEmpty()) {
                    out.computeIfAbsent(section.getKey(), k -> new TreeMap<>()).put(field.getKey(), sorted(classes));
                }
            }
        }
        return out;
    }

    private static @Nullable String text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isTextual() ? value.asText() : null;
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().distinct().sorted().toList();
    }

    private static JsonNode tree(@Nullable String json) {
        if (json == null) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored shape or evidence is not JSON", e);
        }
    }
}
