package io.perimeter.cloud.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Applies one part to the tenant's inventory, inside the caller's tenant transaction: its services, then their
 * endpoints, then its findings (which link to both), then the edge's status. Each row is merged by one upsert, so
 * concurrent writers of the same rows wait on row locks and lose nothing; rows are locked in a fixed order.
 */
@Singleton
final class InventoryWriter {
    private final JdbcOperations jdbc;

    InventoryWriter(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    void write(BatchPart part) throws SQLException {
        Connection connection = jdbc.getConnection();
        List<JsonNode> services = new ArrayList<>();
        part.services().forEach(services::add);
        services.sort(Comparator.comparing((JsonNode s) -> s.path("host").asText())
                .thenComparingInt(s -> s.path("port").asInt())
                .thenComparing(s -> s.path("process").asText()));
        List<EndpointRows.Observed> endpoints = new ArrayList<>();
        for (JsonNode service : services) {
            UUID serviceId = ServiceRows.upsert(connection, part.tenantId(), service, part.receivedAt());
            service.path("endpoints").forEach(endpoint -> endpoints.add(new EndpointRows.Observed(serviceId, endpoint)));
        }
        EndpointRows.upsert(connection, part.tenantId(), endpoints);
        List<JsonNode> findings = new ArrayList<>();
        part.findings().forEach(findings::add);
        FindingRows.upsert(connection, part.tenantId(), findings);
        if (part.edge() != null) {
            EdgeStatus.update(connection, part.edgeId(), part.receivedAt(), part.edge());
        }
    }
}
