package io.perimeter.cloud.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Findings: one row per (tenant, key). A sighting adds its count and widens first and last seen; the severity is the
 * highest seen (the contract's merge: max); rule, category and evidence are taken from the latest sighting. The triage status is people's, with one exception: a
 * finding marked resolved that is seen again after it was resolved reopens, and its trail records that the platform
 * (actor {@code perimeter}) did it. The finding is linked to its service and endpoint when they are known.
 *
 * <p>One statement does it all. {@code previous} reads the row as it was before the statement (no {@code FOR UPDATE}:
 * a row the same statement then updates would be skipped by the lock); the upsert locks the row and decides on its
 * latest version; the trail row is written only when this statement reopened it ({@code status_at} is this
 * transaction's {@code now()}), so two writers racing on one finding record one reopening.
 */
final class FindingRows {
    /** Who reopens a finding in its trail. */
    static final String ACTOR = "perimeter";

    private static final String UPSERT = """
            WITH service AS (
                SELECT id FROM services WHERE tenant_id = ? AND host = ? AND port = ?
                 ORDER BY last_seen DESC, id LIMIT 1),
            endpoint AS (
                SELECT id FROM endpoints WHERE tenant_id = ? AND service_id = (SELECT id FROM service)
                   AND method = ? AND template = ?),
            previous AS (
                SELECT id, status FROM findings WHERE tenant_id = ? AND key = ?),
            upserted AS (
                INSERT INTO findings (id, tenant_id, key, rule, category, severity, service_id, endpoint_id, method,
                                      template, evidence, count, first_seen, last_seen)
                VALUES (?, ?, ?, ?, ?, ?, (SELECT id FROM service), (SELECT id FROM endpoint), ?, ?, CAST(? AS jsonb),
                        ?, ?, ?)
                ON CONFLICT (tenant_id, key) DO UPDATE SET
                    rule = CASE WHEN EXCLUDED.last_seen >= findings.last_seen THEN EXCLUDED.rule ELSE findings.rule END,
                    category = CASE WHEN EXCLUDED.last_seen >= findings.last_seen
                                    THEN EXCLUDED.category ELSE findings.category END,
                    severity = CASE WHEN array_position(ARRAY['info', 'low', 'medium', 'high', 'critical'],
                                                        EXCLUDED.severity)
                                         > array_position(ARRAY['info', 'low', 'medium', 'high', 'critical'],
                                                          findings.severity)
                                    THEN EXCLUDED.severity ELSE findings.severity END,
                    evidence = CASE WHEN EXCLUDED.last_seen >= findings.last_seen
                                    THEN EXCLUDED.evidence ELSE findings.evidence END,
                    service_id = coalesce(EXCLUDED.service_id, findings.service_id),
                    endpoint_id = coalesce(EXCLUDED.endpoint_id, findings.endpoint_id),
                    count = findings.count + EXCLUDED.count,
                    first_seen = least(findings.first_seen, EXCLUDED.first_seen),
                    last_seen = greatest(findings.last_seen, EXCLUDED.last_seen),
                    status = CASE WHEN findings.status = 'resolved' AND EXCLUDED.last_seen > findings.status_at
                                  THEN 'open' ELSE findings.status END,
                    status_at = CASE WHEN findings.status = 'resolved' AND EXCLUDED.last_seen > findings.status_at
                                     THEN now() ELSE findings.status_at END
                RETURNING id, status, status_at)
            INSERT INTO finding_events (tenant_id, finding_id, actor, from_status, to_status, comment)
            SELECT ?, upserted.id, ?, 'resolved', 'open', 'seen again after it was resolved'
              FROM upserted JOIN previous ON previous.id = upserted.id
             WHERE previous.status = 'resolved' AND upserted.status = 'open' AND upserted.status_at = now()
            """;

    private FindingRows() {}

    /** Upserts every finding, in key order (the order every writer locks them in). */
    static void upsert(Connection connection, UUID tenant, List<JsonNode> findings) throws SQLException {
        List<JsonNode> ordered = new ArrayList<>(findings);
        ordered.sort(Comparator.comparing(finding -> finding.path("key").asText()));
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (JsonNode finding : ordered) {
                String host = finding.path("service").path("host").asText();
                int port = finding.path("service").path("port").asInt();
                String method = finding.path("endpoint").path("method").asText();
                String template = finding.path("endpoint").path("template").asText();
                String key = finding.path("key").asText();
                int i = 0;
                upsert.setObject(++i, tenant);
                upsert.setString(++i, host);
                upsert.setInt(++i, port);
                upsert.setObject(++i, tenant);
                upsert.setString(++i, method);
                upsert.setString(++i, template);
                upsert.setObject(++i, tenant);
                upsert.setString(++i, key);
                upsert.setObject(++i, UUID.randomUUID());
                upsert.setObject(++i, tenant);
                upsert.setString(++i, key);
                upsert.setString(++i, finding.path("rule").asText());
                upsert.setString(++i, finding.path("category").asText());
                upsert.setString(++i, finding.path("severity").asText());
                upsert.setString(++i, method);
                upsert.setString(++i, template);
                upsert.setString(++i, evidence(finding).toString());
                upsert.setLong(++i, finding.path("count").asLong());
                upsert.setTimestamp(++i, Timestamp.from(Instant.parse(finding.path("firstSeen").asText())));
                upsert.setTimestamp(++i, Timestamp.from(Instant.parse(finding.path("lastSeen").asText())));
                upsert.setObject(++i, tenant);
                upsert.setString(++i, ACTOR);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /** The redacted evidence as stored, with the outcome (when the edge knows it) kept beside it. */
    private static JsonNode evidence(JsonNode finding) {
        JsonNode evidence = finding.path("evidence").deepCopy();
        if (finding.has("outcome")) {
            ((ObjectNode) evidence).put("outcome", finding.path("outcome").asText());
        }
        return evidence;
    }
}
