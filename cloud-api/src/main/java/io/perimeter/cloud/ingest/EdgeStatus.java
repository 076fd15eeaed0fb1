package io.perimeter.cloud.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * What a batch says about the edge that sent it: when the control plane last heard from it, its version, and its
 * capture counters. Parts of different batches may be applied out of order (they are keyed by service, not by edge),
 * so the version and counters are replaced only by a batch received no earlier than the one that set them.
 */
final class EdgeStatus {
    private static final String UPDATE = """
            UPDATE edges SET
                version = CASE WHEN last_seen_at IS NULL OR ? >= last_seen_at THEN ? ELSE version END,
                counters = CASE WHEN last_seen_at IS NULL OR ? >= last_seen_at THEN CAST(? AS jsonb) ELSE counters END,
                last_seen_at = greatest(coalesce(last_seen_at, ?), ?)
             WHERE id = ?
            """;

    private EdgeStatus() {}

    static void update(Connection connection, UUID edgeId, Instant receivedAt, JsonNode edge) throws SQLException {
        Timestamp at = Timestamp.from(receivedAt);
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            update.setTimestamp(1, at);
            update.setString(2, edge.path("version").asText());
            update.setTimestamp(3, at);
            update.setString(4, edge.path("counters").toString());
            update.setTimestamp(5, at);
            update.setTimestamp(6, at);
            update.setObject(7, edgeId);
            update.executeUpdate();
        }
    }
}
