package io.perimeter.analyzer.spool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * What the spool accepts from its callers, checked before anything is locked or written: batch ids in the contract's
 * form, gzipped bodies, HTTP statuses and problem-type tokens. The {@link IllegalArgumentException}s never repeat a
 * value that failed its check, so that nothing a caller passes by mistake reaches a log through them.
 */
final class SpoolInput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SpoolInput() {}

    /** @throws IllegalArgumentException if {@code batchId} is not a lower-case UUID ({@link Spool#BATCH_ID}) */
    static void requireBatchId(String batchId) {
        if (batchId == null || !Spool.BATCH_ID.matcher(batchId).matches()) {
            throw new IllegalArgumentException("a batch id is a lower-case UUID"); // never repeat the value
        }
    }

    /** @throws IllegalArgumentException if the id is not a lower-case UUID or the bytes do not start as gzip */
    static void requireGzippedBatch(String batchId, byte[] gzipped) {
        requireBatchId(batchId);
        if (gzipped.length < 18 || (gzipped[0] & 0xff) != 0x1f || (gzipped[1] & 0xff) != 0x8b) {
            throw new IllegalArgumentException("batch " + batchId + " is not gzipped");
        }
    }

    /**
     * @throws IllegalArgumentException if the id is not a lower-case UUID, the status is not 100–599 or the problem
     *                                  type does not match {@link Spool#PROBLEM_TYPE}
     */
    static void requireRefusal(String batchId, int status, Optional<String> problemType) {
        requireBatchId(batchId);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        if (problemType.isPresent() && !Spool.PROBLEM_TYPE.matcher(problemType.get()).matches()) {
            throw new IllegalArgumentException("a problem type is a short lower-case token");
        }
    }

    /** The batch's JSON, gzipped. */
    static byte[] gzip(JsonNode batch) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(bytes)) {
            JSON.writeValue(out, batch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
