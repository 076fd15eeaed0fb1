package io.perimeter.cloud.ingest;

import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.perimeter.cloud.problem.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * The bytes of a batch as the edge wrote them, never more than the limit. The HTTP server inflates a
 * {@code Content-Encoding: gzip} body as it streams in; this reads the result and stops as soon as the limit is
 * passed, so a small gzip that inflates to gigabytes (a zip bomb) costs at most one limit's worth of memory before its
 * 413. The server bounds the inflated stream by {@code micronaut.server.max-request-size} as well: reading past that
 * fails, and is a 413 too. A body still encoded arrived in an encoding the server does not decode: it is refused.
 */
final class BatchBody {
    private static final int CHUNK = 64 * 1024;

    private BatchBody() {}

    /**
     * @param body            the request body, as the server hands it over
     * @param contentEncoding the encoding it is still in, or null
     * @param limit           the most bytes accepted
     * @throws ApiException 413 over the limit, 400 for an encoding the server did not decode or a broken stream
     */
    static byte[] read(InputStream body, String contentEncoding, long limit) {
        String encoding = contentEncoding == null ? "" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        if (!encoding.isEmpty() && !encoding.equals("identity")) {
            throw ApiException.badRequest("unsupported-encoding",
                    "a batch is sent gzipped or uncompressed (Content-Encoding: gzip or identity)");
        }
        try {
            return bounded(body, limit);
        } catch (IOException e) {
            if (e.getCause() instanceof ContentLengthExceededException) {
                throw tooLarge(limit);
            }
            throw ApiException.badRequest("malformed-batch", "the body could not be read to its end (a broken "
                    + "gzip stream?)");
        }
    }

    private static byte[] bounded(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(CHUNK);
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        for (int n; (n = in.read(chunk)) != -1; ) {
            total += n;
            if (total > limit) {
                throw tooLarge(limit);
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    private static ApiException tooLarge(long limit) {
        return ApiException.tooLarge("the batch is larger than the ingest accepts (" + limit + " bytes once "
                + "decompressed, and the server's request size limit); the edge should ship smaller windows");
    }
}
