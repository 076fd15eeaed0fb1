package io.perimeter.analyzer.discovery;

import io.perimeter.sensor.call.Header;
import io.perimeter.sensor.call.Headers;
import java.util.Locale;

/**
 * Normalises {@code Content-Type} values to a bare media type ({@code application/json; charset=utf-8}
 * → {@code application/json}): parameters (charsets, multipart boundaries) are dropped, case is
 * lowered, and anything that is not {@code token/token} becomes {@value #ANY}. Stateless and thread-safe.
 */
final class MediaTypes {

    /** Used when the header is missing or unusable. */
    static final String ANY = "*/*";
    static final String JSON = "application/json";
    static final String FORM = "application/x-www-form-urlencoded";

    private MediaTypes() {}

    static String normalise(String header) {
        if (header == null) {
            return ANY;
        }
        if (header.equals(JSON)) {
            return JSON;
        }
        int end = header.indexOf(';');
        if (end < 0) {
            end = header.length();
        }
        int from = 0;
        while (from < end && header.charAt(from) == ' ') {
            from++;
        }
        while (end > from && header.charAt(end - 1) == ' ') {
            end--;
        }
        int len = end - from;
        if (len < 3 || len > 127) {
            return ANY;
        }
        int slashes = 0;
        for (int i = from; i < end; i++) {
            char c = header.charAt(i);
            if (c == '/') {
                if (++slashes > 1 || i == from || i == end - 1) {
                    return ANY;
                }
            } else if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '+'
                    || c == '.' || c == '_' || c == '!' || c == '#' || c == '$' || c == '&' || c == '^')) {
                return ANY;
            }
        }
        if (slashes != 1) {
            return ANY;
        }
        String type = header.substring(from, end).toLowerCase(Locale.ROOT);
        return type.equals(JSON) ? JSON : type.equals(FORM) ? FORM : type;
    }

    /** The first value of header {@code name} (case-insensitive), or null; a loop, no stream per call. */
    static String header(Headers headers, String name) {
        for (Header h : headers.fields()) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    static boolean isJson(String mediaType) {
        return mediaType.equals(JSON) || mediaType.endsWith("+json") || mediaType.equals("text/json");
    }

    static boolean isForm(String mediaType) {
        return mediaType.equals(FORM);
    }

    /** True when the first non-blank byte opens a JSON object or array. */
    static boolean looksLikeJson(byte[] body) {
        for (byte b : body) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            return b == '{' || b == '[';
        }
        return false;
    }
}
