package io.perimeter.cloud.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Batches for tests, made from the contract's documented example ({@code docs/contract/example-batch.json}): one
 * service with one endpoint (412 calls: 398 × 200, 14 × 404) and one finding (count 12), with the edge, the batch id
 * and the service's host changed as a test needs.
 */
final class TestBatches {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode EXAMPLE = read(Path.of("..", "docs", "contract", "example-batch.json"));

    /** Calls of the example's one endpoint. */
    static final long CALLS = 412;
    /** Count of the example's one finding. */
    static final long FINDING_COUNT = 12;

    private TestBatches() {}

    /** The example as sent by {@code edgeId}, for a service on {@code host}, with a fresh batch id. */
    static ObjectNode batch(UUID edgeId, String host) {
        ObjectNode batch = EXAMPLE.deepCopy();
        batch.put("batchId", UUID.randomUUID().toString());
        batch.put("edgeId", edgeId.toString());
        ((ObjectNode) batch.get("services").get(0)).put("host", host);
        ObjectNode finding = (ObjectNode) batch.get("findings").get(0);
        ((ObjectNode) finding.get("service")).put("host", host);
        // The same problem on the same host keeps its key, as an edge keeps it.
        finding.put("key", UUID.nameUUIDFromBytes(host.getBytes()).toString().replace("-", ""));
        return batch;
    }

    static ObjectNode endpoint(ObjectNode batch) {
        return (ObjectNode) batch.get("services").get(0).get("endpoints").get(0);
    }

    static ObjectNode finding(ObjectNode batch) {
        return (ObjectNode) batch.get("findings").get(0);
    }

    static byte[] json(Object batch) {
        try {
            return batch instanceof String text ? text.getBytes() : JSON.writeValueAsBytes(batch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static ObjectNode read(Path path) {
        try {
            return (ObjectNode) JSON.readTree(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException("the contract's example batch is read from " + path.toAbsolutePath(), e);
        }
    }
}
