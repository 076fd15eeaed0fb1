package io.perimeter.cloud.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Endpoints: one row per (tenant, service, method, template), merged in the database (see {@code V6__ingest_merge}):
 * calls and status counts add, latency histograms merge bucket by bucket, auth schemes and data classes union, the
 * shape merges field by field, first and last seen widen, and {@code principals} keeps the largest number of distinct
 * principals one edge saw in one window (pseudonyms are keyed per edge, so distinct counts cannot add up across
 * batches or edges: this is a lower bound).
 */
final class EndpointRows {
    private static final String UPSERT = """
            INSERT INTO endpoints (id, tenant_id, service_id, method, template, calls, status_codes, latency, auth,
                                   data_classes, shape, principals, first_seen, last_seen)
            VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS text[]), CAST(? AS text[]),
                    CAST(? AS jsonb), ?, ?, ?)
            ON CONFLICT (tenant_id, service_id, method, template) DO UPDATE SET
                calls = endpoints.calls + EXCLUDED.calls,
                status_codes = ingest_add_counts(endpoints.status_codes, EXCLUDED.status_codes),
                latency = ingest_merge_histogram(endpoints.latency, EXCLUDED.latency),
                auth = ingest_union(endpoints.auth, EXCLUDED.auth),
                data_classes = ingest_union(endpoints.data_classes, EXCLUDED.data_classes),
                shape = ingest_merge_shape(endpoints.shape, EXCLUDED.shape),
                principals = greatest(endpoints.principals, EXCLUDED.principals),
                first_seen = least(endpoints.first_seen, EXCLUDED.first_seen),
                last_seen = greatest(endpoints.last_seen, EXCLUDED.last_seen)
            """;

    private EndpointRows() {}

    /** An endpoint of the part and the row id of its service. */
    record Observed(UUID serviceId, JsonNode endpoint) {}

    /**
     * Upserts every endpoint in one round of batched statements. Rows are locked in one order (service, method,
     * template) by every writer, so two parts that touch the same endpoints wait for each other instead of deadlocking.
     */
    static void upsert(Connection connection, UUID tenant, List<Observed> endpoints) throws SQLException {
        List<Observed> ordered = new ArrayList<>(endpoints);
        ordered.sort(Comparator.comparing((Observed o) -> o.serviceId().toString())
                .thenComparing(o -> o.endpoint().path("method").asText())
                .thenComparing(o -> o.endpoint().path("template").asText()));
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (Observed observed : ordered) {
                JsonNode endpoint = observed.endpoint();
                EndpointShape shape = EndpointShape.of(endpoint);
                upsert.setObject(1, UUID.randomUUID());
                upsert.setObject(2, tenant);
                upsert.setObject(3, observed.serviceId());
                upsert.setString(4, endpoint.path("method").asText());
                upsert.setString(5, endpoint.path("template").asText());
                upsert.setLong(6, endpoint.path("calls").asLong());
                upsert.setString(7, endpoint.path("statusCodes").toString());
                upsert.setString(8, endpoint.path("latency").toString());
                upsert.setArray(9, connection.createArrayOf("text", sortedTexts(endpoint.path("auth"))));
                upsert.setArray(10, connection.createArrayOf("text", shape.dataClasses()));
                upsert.setString(11, shape.json());
                upsert.setInt(12, principals(endpoint));
                upsert.setTimestamp(13, Timestamp.from(Instant.parse(endpoint.path("firstSeen").asText())));
                upsert.setTimestamp(14, Timestamp.from(Instant.parse(endpoint.path("lastSeen").asText())));
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private static int principals(JsonNode endpoint) {
        long distinct = Math.max(endpoint.path("distinctPrincipals").asLong(), endpoint.path("principals").size());
        return (int) Math.min(Integer.MAX_VALUE, distinct);
    }

    private static String[] sortedTexts(JsonNode values) {
        TreeSet<String> sorted = new TreeSet<>();
        values.forEach(value -> sorted.add(value.asText()));
        return sorted.toArray(String[]::new);
    }
}
