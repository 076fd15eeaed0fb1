package io.perimeter.sensor.http;

import io.perimeter.sensor.call.Header;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Accumulates one line of the head, and reads its parts straight from the bytes: the parser makes a
 * {@link String} only of what it keeps (the parts of a start line, a header's name and value), not of every line
 * first. Text is decoded as ISO-8859-1, which maps every byte.
 */
final class LineBuffer {
    private static final byte[] HTTP_1 = {'H', 'T', 'T', 'P', '/', '1', '.'};
    /** A chunk size has at most this many hex digits: more would not fit in a long. */
    private static final int MAX_HEX_DIGITS = 15;

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

    /** The length of the buffered line without its CRLF or LF. */
    int contentLength() {
        int end = size;
        if (end > 0 && bytes[end - 1] == '\n') {
            end--;
        }
        if (end > 0 && bytes[end - 1] == '\r') {
            end--;
        }
        return end;
    }

    /** The buffered line without its CRLF / LF; clears the buffer. */
    String takeLine() {
        String text = text(0, contentLength());
        size = 0;
        return text;
    }

    /**
     * The three parts of a start line of this kind, as {@link HttpMessage#startLine()} holds them, or null if the
     * line is not one.
     */
    String[] startLine(HttpStreamParser.Kind kind) {
        int end = contentLength();
        int sp1 = indexOf(' ', 0, end);
        if (sp1 <= 0) {
            return null;
        }
        int sp2 = indexOf(' ', sp1 + 1, end);
        if (kind == HttpStreamParser.Kind.REQUEST) {
            if (sp2 < 0 || sp1 > 16 || !isToken(0, sp1) || !startsWith(HTTP_1, sp2 + 1, end) || sp2 == sp1 + 1) {
                return null;
            }
            return new String[] {text(0, sp1), text(sp1 + 1, sp2), text(sp2 + 1, end)};
        }
        if (sp1 != 8 || !startsWith(HTTP_1, 0, end)) {
            return null;
        }
        int statusEnd = sp2 < 0 ? end : sp2;
        if (statusEnd - sp1 - 1 != 3 || !isDigit(sp1 + 1) || !isDigit(sp1 + 2) || !isDigit(sp1 + 3)) {
            return null;
        }
        return new String[] {text(0, sp1), text(sp1 + 1, statusEnd), sp2 < 0 ? "" : text(sp2 + 1, end)};
    }

    /** The header field on the line, name and value stripped of whitespace, or null if it has no name before a colon. */
    Header header() {
        int end = contentLength();
        int colon = indexOf(':', 0, end);
        if (colon <= 0) {
            return null;
        }
        return new Header(stripped(0, colon), stripped(colon + 1, end));
    }

    /** The size on a chunk-size line (extensions after {@code ;} ignored), or -1 if it is not a hex number. */
    long chunkSize() {
        int end = contentLength();
        int semicolon = indexOf(';', 0, end);
        int from = 0;
        int to = semicolon < 0 ? end : semicolon;
        while (from < to && isWhitespace(bytes[from])) {
            from++;
        }
        while (to > from && isWhitespace(bytes[to - 1])) {
            to--;
        }
        if (from == to || to - from > MAX_HEX_DIGITS) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(bytes[i], 16);
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /** Whether the partial first line could still become a start line of this kind. */
    boolean couldStart(HttpStreamParser.Kind kind) {
        if (kind == HttpStreamParser.Kind.RESPONSE) {
            for (int i = 0; i < Math.min(size, HTTP_1.length); i++) {
                if (bytes[i] != HTTP_1[i]) {
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
            if (!isTokenByte(b) || i >= 16) {
                return false;
            }
        }
        return true;
    }

    void clear() {
        size = 0;
    }

    private String text(int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** The text of [from, to) without leading and trailing whitespace, as {@link String#strip()} leaves it. */
    private String stripped(int from, int to) {
        while (from < to && isWhitespace(bytes[from])) {
            from++;
        }
        while (to > from && isWhitespace(bytes[to - 1])) {
            to--;
        }
        return text(from, to);
    }

    private int indexOf(char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private boolean startsWith(byte[] prefix, int at, int end) {
        if (end - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean isToken(int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isTokenByte(bytes[i])) {
                return false;
            }
        }
        return true;
    }

    private boolean isDigit(int i) {
        return bytes[i] >= '0' && bytes[i] <= '9';
    }

    /** The bytes a method may have here: upper-case letters, '-' and '_'. */
    private static boolean isTokenByte(byte b) {
        return (b >= 'A' && b <= 'Z') || b == '-' || b == '_';
    }

    private static boolean isWhitespace(byte b) {
        return Character.isWhitespace((char) (b & 0xff));
    }
}
