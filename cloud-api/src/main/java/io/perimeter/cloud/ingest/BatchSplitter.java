package io.perimeter.cloud.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits a batch into its parts: one per service identity ({@code host:port}), holding the services with that
 * identity (one per process) and the findings raised on them. The split depends only on the batch's content, so a
 * replayed batch splits into the same numbered parts and each part is deduplicated on its own. A batch with no
 * services and no findings is one part that carries the edge's status alone.
 */
final class BatchSplitter {
    private BatchSplitter() {}

    static List<BatchPart> split(Batch batch, Instant receivedAt) {
        Map<String, Group> byKey = new TreeMap<>();
        for (JsonNode service : batch.document().path("services")) {
            byKey.computeIfAbsent(key(service), Group::new).services().add(service);
        }
        for (JsonNode finding : batch.document().path("findings")) {
            byKey.computeIfAbsent(key(finding.path("service")), Group::new).findings().add(finding);
        }
        if (byKey.isEmpty()) {
            byKey.put("edge:" + batch.edgeId(), new Group(""));
        }
        List<BatchPart> parts = new ArrayList<>(byKey.size());
        for (Map.Entry<String, Group> entry : byKey.entrySet()) {
            int index = parts.size();
            parts.add(new BatchPart(batch.tenantId(), batch.id(), index, byKey.size(), entry.getKey(), batch.edgeId(),
                    receivedAt, index == 0 ? batch.document().path("edge") : null, entry.getValue().services(),
                    entry.getValue().findings()));
        }
        return parts;
    }

    /** The identity a service and its findings share; the partition key of their part. */
    static String key(JsonNode service) {
        return service.path("host").asText() + ":" + service.path("port").asInt();
    }

    private record Group(ArrayNode services, ArrayNode findings) {
        Group(String key) {
            this(JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.arrayNode());
        }
    }
}
