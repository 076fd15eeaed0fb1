package io.perimeter.sensor.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Accumulates one line of the head; decodes as ISO-8859-1, which maps every byte. */
final class LineBuffer {
    private byte[] bytes = new byte[256];
    private int size;

    void append(byte[] src, int from, int length) {
        if (size + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
        }
        System.arraycopy(src, from, bytes, size, length);
        size += length;
    }

    int size() {
        return size;
    }

    /** The buffered line without its CRLF / LF; clears the buffer. */
    String takeLine() {
        int end = size;
        if (end > 0 && bytes[end - 1] == '\n') {
            end--;
        }
        if (end > 0 && bytes[end - 1] == '\r') {
            end--;
        }
        String text = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
        size = 0;
        return text;
    }

    /** Whether the partial first line could still become a start line of this kind. */
    boolean couldStart(HttpStreamParser.Kind kind) {
        if (kind == HttpStreamParser.Kind.RESPONSE) {
            byte[] prefix = {'H', 'T', 'T', 'P', '/', '1', '.'};
            for (int i = 0; i < Math.min(size, prefix.length); i++) {
                if (bytes[i] != prefix[i]) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < size; i++) {
            byte b = bytes[i];
            if (b == ' ') {
                return i > 0;
            }
            if (!(b >= 'A' && b <= 'Z') && b != '-' && b != '_' || i >= 16) {
                return false;
            }
        }
        return true;
    }

    void clear() {
        size = 0;
    }
}
