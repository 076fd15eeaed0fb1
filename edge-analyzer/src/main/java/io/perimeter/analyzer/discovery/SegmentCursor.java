package io.perimeter.analyzer.discovery;

/**
 * Walks the segments of a path {@code s[from, to)}: skips empty segments, cuts matrix parameters
 * ({@code ;jsessionid=…}) and counts the depth. The one segment loop shared by everything in
 * {@link PathTemplater}.
 */
final class SegmentCursor {
    private final String s;
    private final int to;
    private int next;
    private int start;
    private int end;
    private int depth = -1;

    SegmentCursor(String s, int from, int to) {
        this.s = s;
        this.to = to;
        this.next = from;
    }

    /** Moves to the next non-empty segment; false when the path is done. */
    boolean advance() {
        int i = next;
        while (i < to) {
            if (s.charAt(i) == '/') {
                i++;
                continue;
            }
            int slash = indexOf(s, '/', i, to);
            int semicolon = indexOf(s, ';', i, slash);
            if (semicolon == i) {
                i = slash;
                continue;
            }
            start = i;
            end = semicolon;
            next = slash;
            depth++;
            return true;
        }
        next = i;
        return false;
    }

    /** Segments before the current one (0 for the first). */
    int depth() {
        return depth;
    }

    SegmentKind classify() {
        return SegmentShapes.classify(s, start, end);
    }

    /** The kind whose placeholder the current segment is ({@code {id}}, {@code {param}}), or null. */
    SegmentKind placeholder() {
        return SegmentKind.ofPlaceholder(s, start, end);
    }

    boolean isAllDigits() {
        return SegmentShapes.isAllDigits(s, start, end);
    }

    /** The current segment, percent-decoded when it decodes. */
    String literal() {
        for (int i = start; i < end; i++) {
            if (s.charAt(i) == '%') {
                String decoded = SegmentShapes.percentDecode(s, start, end);
                return decoded != null ? decoded : s.substring(start, end);
            }
        }
        return s.substring(start, end);
    }

    private static int indexOf(String s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return to;
    }
}
