package io.perimeter.analyzer.discovery;

/**
 * A JSON Schema string format recognised cheaply from a value's shape. The format is metadata; the
 * value it was recognised in is never kept.
 */
public enum StringFormat {
    DATE_TIME("date-time"),
    DATE("date"),
    UUID("uuid"),
    EMAIL("email"),
    URI("uri");

    private final String jsonName;

    StringFormat(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The JSON Schema / OpenAPI name ({@code date-time}). */
    public String jsonName() {
        return jsonName;
    }

    /** Values longer than this are not inspected for a format. */
    static final int MAX_INSPECTED = 64;

    /** The format of {@code s}, or {@code null}. Reads at most {@link #MAX_INSPECTED} characters. */
    static StringFormat of(String s) {
        int len = s.length();
        if (len < 5 || len > MAX_INSPECTED) {
            return null;
        }
        char c0 = s.charAt(0);
        if (c0 >= '0' && c0 <= '9') {
            if (len == 10 && isDate(s)) {
                return DATE;
            }
            if (len >= 16 && isDate(s) && (s.charAt(10) == 'T' || s.charAt(10) == 't' || s.charAt(10) == ' ')
                    && isTime(s, 11)) {
                return DATE_TIME;
            }
        }
        if (len == 36 && isUuid(s)) {
            return UUID;
        }
        char scheme = (char) (c0 | 0x20); // lower case for letters (the schemes below start with h, u, f or w)
        if ((scheme == 'h' || scheme == 'u' || scheme == 'f' || scheme == 'w')
                && (startsWith(s, "http://") || startsWith(s, "https://") || startsWith(s, "urn:") || startsWith(s, "ftp://")
                || startsWith(s, "wss://") || startsWith(s, "ws://"))) {
            return hasNoSpace(s) ? URI : null;
        }
        return isEmail(s) ? EMAIL : null;
    }

    private static boolean isDate(String s) {
        return s.charAt(4) == '-' && s.charAt(7) == '-' && digits(s, 0, 4) && digits(s, 5, 7) && digits(s, 8, 10)
                && (s.charAt(5) == '0' || s.charAt(5) == '1') && s.charAt(8) <= '3';
    }

    private static boolean isTime(String s, int from) {
        if (s.length() < from + 5 || !digits(s, from, from + 2) || s.charAt(from + 2) != ':'
                || !digits(s, from + 3, from + 5)) {
            return false;
        }
        for (int i = from + 5; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c == ':' || c == '.' || c == '+' || c == '-' || c == 'Z' || c == 'z')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUuid(String s) {
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEmail(String s) {
        int len = s.length();
        int at = s.indexOf('@'); // most strings have none: found without reading them character by character
        if (at < 1 || at > len - 4) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c == '@' ? i != at : c <= ' ' || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' || c == ';'
                    || c == ':' || c == '"' || c == '[' || c == ']' || c == '\\') {
                return false;
            }
        }
        int lastDot = -1;
        for (int i = at + 1; i < len; i++) {
            if (s.charAt(i) == '.') {
                if (i == at + 1 || i == lastDot + 1) {
                    return false;
                }
                lastDot = i;
            }
        }
        return lastDot > at + 1 && lastDot < len - 2;
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(String s, String prefix) {
        if (s.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasNoSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) <= ' ') {
                return false;
            }
        }
        return true;
    }
}
