package io.perimeter.analyzer.spool;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perimeter.contract.PerimeterContract;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Contract batches and their gzipped bytes, for the spool and shipper tests. */
public final class Batches {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Batches() {}

    /** A batch id that says which test batch it is: {@code 00000000-0000-4000-8000-<n as 12 hex digits>}. */
    public static String id(long n) {
        return new UUID(0x0000_0000_0000_4000L, 0x8000_0000_0000_0000L | n).toString();
    }

    /** A valid contract batch with id {@code id(n)} and an endpoint count of {@code n}. */
    public static ObjectNode batch(long n) {
        ObjectNode batch = JSON.createObjectNode();
        batch.put("schema", PerimeterContract.VERSION);
        batch.put("batchId", id(n));
        batch.put("edgeId", "edge-test-01");
        batch.put("createdAt", "2026-11-22T10:00:05Z");
        batch.putObject("window").put("start", "2026-11-22T09:59:00Z").put("end", "2026-11-22T10:00:00Z");
        batch.putObject("edge").put("version", "0.1.0").putObject("counters").put("calls", n);
        batch.putArray("services");
        batch.putArray("findings");
        return batch;
    }

    /** The gzipped JSON of {@link #batch(long)}. */
    public static byte[] gzipped(long n) {
        return gzip(batch(n).toString());
    }

    /** Gzipped JSON {@code {"batchId": id(n), "pad": "xxx…"}} of about {@code size} bytes before compression. */
    public static byte[] padded(long n, int size) {
        ObjectNode node = JSON.createObjectNode().put("batchId", id(n));
        var pad = new StringBuilder(size);
        var random = new java.util.SplittableRandom(n);
        while (pad.length() < size) {
            pad.append((char) ('a' + random.nextInt(26))); // random letters: gzip cannot shrink them much
        }
        node.put("pad", pad.toString());
        return gzip(node.toString());
    }

    public static byte[] gzip(String json) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(bytes)) {
            out.write(json.getBytes(UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static String gunzip(byte[] gzipped) {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
