package io.perimeter.cloud.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

/**
 * The unit that is published, applied and deduplicated: the services of one batch that share a host and port (the
 * {@code key}), with their endpoints and the findings raised on them. Parts of one key, from any edge, go to one
 * consumer at a time, so one endpoint's updates are applied in order. Part 0 also carries the edge's own status.
 *
 * @param tenantId   whose part it is; checked against the topic it arrives on
 * @param batchId    the batch it came from
 * @param index      its number in the batch, from 0
 * @param count      how many parts the batch has
 * @param key        the service identity shared by its services and findings, {@code host:port}
 * @param edgeId     the edge that sent the batch
 * @param receivedAt when the control plane accepted the batch
 * @param edge       the edge's version and counters (part 0 only), or null
 * @param services   services of the batch with this key, as in the batch
 * @param findings   findings of the batch on services with this key, as in the batch
 */
record BatchPart(UUID tenantId, UUID batchId, int index, int count, String key, UUID edgeId, Instant receivedAt,
                 @Nullable JsonNode edge, ArrayNode services, ArrayNode findings) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Endpoint observations in this part: what ingest throughput is counted in. */
    int observations() {
        int endpoints = 0;
        for (JsonNode service : services) {
            endpoints += service.path("endpoints").size();
        }
        return endpoints;
    }

    byte[] toBytes() {
        ObjectNode json = JSON.createObjectNode()
                .put("tenantId", tenantId.toString())
                .put("batchId", batchId.toString())
                .put("index", index)
                .put("count", count)
                .put("key", key)
                .put("edgeId", edgeId.toString())
                .put("receivedAt", receivedAt.toString());
        if (edge != null) {
            json.set("edge", edge);
        }
        json.set("services", services);
        json.set("findings", findings);
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a published part.
     *
     * @throws IllegalArgumentException if the bytes are not a part (a poison message)
     */
    static BatchPart fromBytes(byte[] bytes) {
        try {
            JsonNode json = JSON.readTree(bytes);
            JsonNode edge = json.get("edge");
            return new BatchPart(UUID.fromString(json.required("tenantId").asText()),
                    UUID.fromString(json.required("batchId").asText()), json.required("index").asInt(),
                    json.required("count").asInt(), json.required("key").asText(),
                    UUID.fromString(json.required("edgeId").asText()),
                    Instant.parse(json.required("receivedAt").asText()),
                    edge == null || edge.isNull() ? null : edge,
                    (ArrayNode) json.required("services"), (ArrayNode) json.required("findings"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a batch part (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
