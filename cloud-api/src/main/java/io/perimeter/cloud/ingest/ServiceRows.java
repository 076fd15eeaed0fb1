package io.perimeter.cloud.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * Services: one row per (tenant, host, port, process), first and last seen widened by every sighting, TLS once any
 * edge saw TLS calls (the contract's merge: OR).
 */
final class ServiceRows {
    private static final String UPSERT = """
            INSERT INTO services (id, tenant_id, host, port, process, tls, first_seen, last_seen)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, host, port, process) DO UPDATE SET
                tls = services.tls OR EXCLUDED.tls,
                first_seen = least(services.first_seen, EXCLUDED.first_seen),
                last_seen = greatest(services.last_seen, EXCLUDED.last_seen)
            RETURNING id
            """;

    private ServiceRows() {}

    /**
     * Upserts {@code service} and returns its row's id.
     *
     * @param received when the batch was received: a service listed without endpoints counts as seen then
     */
    static UUID upsert(Connection connection, UUID tenant, JsonNode service, Instant received) throws SQLException {
        Instant first = null;
        Instant last = null;
        for (JsonNode endpoint : service.path("endpoints")) {
            Instant f = Instant.parse(endpoint.path("firstSeen").asText());
            Instant l = Instant.parse(endpoint.path("lastSeen").asText());
            first = first == null || f.isBefore(first) ? f : first;
            last = last == null || l.isAfter(last) ? l : last;
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setObject(1, UUID.randomUUID());
            upsert.setObject(2, tenant);
            upsert.setString(3, service.path("host").asText());
            upsert.setInt(4, service.path("port").asInt());
            upsert.setString(5, service.path("process").asText());
            upsert.setBoolean(6, service.path("tls").asBoolean());
            upsert.setTimestamp(7, Timestamp.from(first != null ? first : received));
            upsert.setTimestamp(8, Timestamp.from(last != null ? last : received));
            try (ResultSet row = upsert.executeQuery()) {
                row.next();
                return row.getObject(1, UUID.class);
            }
        }
    }
}
