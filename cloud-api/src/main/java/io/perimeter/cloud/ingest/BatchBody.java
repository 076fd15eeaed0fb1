package io.perimeter.cloud.ingest;

import io.perimeter.cloud.problem.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The bytes of a batch as the edge wrote them: the request body, gunzipped when it says {@code Content-Encoding:
 * gzip}, and never more than the limit. The limit counts decompressed bytes and reading stops as soon as it is
 * passed, so a small gzip that inflates to gigabytes (a zip bomb) costs one buffer of the limit's size, then a 413.
 */
final class BatchBody {
    private static final int CHUNK = 64 * 1024;

    private BatchBody() {}

    /**
     * @param body            the request body as it arrived
     * @param contentEncoding the request's {@code Content-Encoding}, or null
     * @param limit           the most decompressed bytes accepted
     * @throws ApiException 413 over the limit, 400 for a broken gzip stream or another encoding
     */
    static byte[] read(InputStream body, String contentEncoding, long limit) {
        String encoding = contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        try {
            return switch (encoding) {
                case "identity", "" -> bounded(body, limit);
                case "gzip", "x-gzip" -> {
                    try (InputStream inflated = new GZIPInputStream(body, CHUNK)) {
                        yield bounded(inflated, limit);
                    } catch (ZipException | EOFException broken) {
                        throw ApiException.badRequest("malformed-batch", "the body is not a complete gzip stream");
                    }
                }
                default -> throw ApiException.badRequest("unsupported-encoding",
                        "a batch is sent as gzip or uncompressed (Content-Encoding: gzip or identity)");
            };
        } catch (IOException e) {
            throw new UncheckedIOException("the batch body could not be read", e);
        }
    }

    private static byte[] bounded(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(CHUNK);
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        for (int n; (n = in.read(chunk)) != -1; ) {
            total += n;
            if (total > limit) {
                throw ApiException.tooLarge("the batch is larger than " + limit + " bytes once decompressed; "
                        + "the edge should ship smaller windows");
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }
}
