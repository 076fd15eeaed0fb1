package io.perimeter.sensor.http;

import io.perimeter.sensor.call.Body;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Undoes gzip and deflate content codings with a cap on the output, so a compression bomb costs at most
 * {@code cap} bytes. A body cut by the capture decodes as far as its bytes go.
 */
final class BodyDecoder {
    private BodyDecoder() {}

    /**
     * @return the decoded body, or empty when the coding is unknown or the bytes do not decode
     */
    static Optional<Body> decode(Body body, String contentEncoding, int cap) {
        String coding = contentEncoding.strip().toLowerCase(Locale.ROOT);
        if (coding.isEmpty() || coding.equals("identity")) {
            return Optional.of(body);
        }
        byte[] encoded = body.bytes();
        try (InputStream in = switch (coding) {
            case "gzip", "x-gzip" -> new GZIPInputStream(new ByteArrayInputStream(encoded), 8192);
            case "deflate" -> deflate(encoded);
            default -> null;
        }) {
            if (in == null) {
                return Optional.empty();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(cap, encoded.length * 4 + 64));
            byte[] buffer = new byte[8192];
            boolean complete = true;
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    int room = cap - out.size();
                    if (n > room) {
                        out.write(buffer, 0, room);
                        complete = false;
                        break;
                    }
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                if (!body.truncated() || out.size() == 0) {
                    return Optional.empty(); // corrupt, not merely cut
                }
                complete = false; // the capture cut the compressed stream: keep what decoded
            }
            return Optional.of(new Body(out.toByteArray(), body.wireLength(), body.truncated() || !complete));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** "deflate" is meant to be zlib-wrapped, but some servers send raw deflate: accept both. */
    private static InputStream deflate(byte[] encoded) {
        boolean zlib = encoded.length >= 2 && (encoded[0] & 0x0f) == 8 && ((encoded[0] & 0xff) << 8 | (encoded[1] & 0xff)) % 31 == 0;
        return new InflaterInputStream(new ByteArrayInputStream(encoded), new Inflater(!zlib), 8192);
    }
}
