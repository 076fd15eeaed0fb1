package io.perimeter.cloud.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A batch that passed screening: it keeps the perimeter contract and comes from the edge that sent it.
 *
 * @param id        the edge's batch id, the unit of idempotency
 * @param tenantId  the tenant of the edge that sent it
 * @param edgeId    that edge
 * @param createdAt when the edge closed the batch (the edge's clock)
 * @param document  the whole batch
 */
record Batch(UUID id, UUID tenantId, UUID edgeId, Instant createdAt, JsonNode document) {
}
