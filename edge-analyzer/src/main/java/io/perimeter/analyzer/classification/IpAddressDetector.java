package io.perimeter.analyzer.classification;

/**
 * Recognises IPv4 and IPv6 addresses in textual form, without any name resolution.
 *
 * <p>Accepted:
 *
 * <ul>
 *   <li>IPv4 dotted quads, each part 0–255 without leading zeros ({@code 010.1.1.1} is ambiguous:
 *       some parsers read octal), optionally with {@code :port};
 *   <li>IPv6 in full, compressed ({@code ::}) and IPv4-suffixed ({@code ::ffff:192.0.2.1}) forms, with
 *       an optional zone ({@code fe80::1%eth0}), optionally in brackets with {@code :port}
 *       ({@code [2001:db8::1]:443}); the bare unspecified address {@code ::} is not accepted, as that
 *       token mostly appears in other text;
 *   <li>comma-separated lists of the above, as in {@code X-Forwarded-For: 203.0.113.7, 10.0.0.1}.
 * </ul>
 *
 * <p>Not accepted: CIDR ranges ({@code 10.0.0.0/8}), shortened IPv4 ({@code 127.1}), integer or hex
 * forms, and addresses inside longer text. A four-part version number such as {@code 1.2.3.4} has the
 * same shape as an address: {@link Classifier} drops the match when the field is named as a version.
 *
 * <p>Stateless and thread-safe; allocates nothing.
 */
final class IpAddressDetector {

    /** Longest single IPv6 with zone and port, generously. */
    private static final int MAX_ONE = 80;
    /** Longest list (X-Forwarded-For) inspected. */
    static final int MAX_CHARS = 1024;

    private IpAddressDetector() {}

    /** Whether a value starting with {@code c} could be an address (or a list of them): a hex digit, ':' or '['. */
    static boolean mayStartWith(char c) {
        return isHex(c) || c == ':' || c == '[';
    }

    /** Whether {@code value} (already trimmed) is an IP address or a comma-separated list of them. */
    static boolean isIpAddress(String value) {
        int len = value.length();
        if (len < 3 || len > MAX_CHARS) {
            return false;
        }
        if (!mayStartWith(value.charAt(0))) {
            return false;
        }
        int start = 0;
        while (start <= len) {
            int comma = value.indexOf(',', start, len);
            int end = comma < 0 ? len : comma;
            int from = start;
            int to = end;
            while (from < to && value.charAt(from) == ' ') {
                from++;
            }
            while (to > from && value.charAt(to - 1) == ' ') {
                to--;
            }
            if (!isOne(value, from, to)) {
                return false;
            }
            if (comma < 0) {
                return true;
            }
            start = comma + 1;
        }
        return false;
    }

    /** One address, possibly with port or zone. */
    static boolean isOne(String s, int from, int to) {
        int len = to - from;
        if (len < 2 || len > MAX_ONE) {
            return false;
        }
        if (s.charAt(from) == '[') {
            int close = s.indexOf(']', from, to);
            if (close < 0) {
                return false;
            }
            if (close + 1 < to && !(s.charAt(close + 1) == ':' && isPort(s, close + 2, to))) {
                return false;
            }
            return isIpv6(s, from + 1, close);
        }
        int colons = 0;
        int lastColon = -1;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == ':') {
                colons++;
                lastColon = i;
            }
        }
        if (colons == 0) {
            return isIpv4(s, from, to);
        }
        if (colons == 1) {
            return isIpv4(s, from, lastColon) && isPort(s, lastColon + 1, to);
        }
        return isIpv6(s, from, to);
    }

    /** A dotted quad, each part 0–255 without leading zeros. */
    static boolean isIpv4(String s, int from, int to) {
        int parts = 0;
        int value = 0;
        int digits = 0;
        for (int i = from; i <= to; i++) {
            char c = i == to ? '.' : s.charAt(i);
            if (c == '.') {
                if (digits == 0 || ++parts > 4) {
                    return false;
                }
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                if (digits == 1 && value == 0) {
                    return false; // leading zero
                }
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return parts == 4;
    }

    /** RFC 4291 text forms with an optional RFC 4007 zone. */
    static boolean isIpv6(String s, int from, int to) {
        int percent = s.indexOf('%', from, to);
        if (percent >= 0) {
            if (percent + 1 == to || !isZone(s, percent + 1, to)) {
                return false;
            }
            to = percent;
        }
        int len = to - from;
        if (len < 2 || len > 45) {
            return false;
        }
        int groups = 0;
        boolean compressed = false;
        int i = from;
        if (s.charAt(i) == ':') {
            if (s.charAt(i + 1) != ':') {
                return false;
            }
            compressed = true;
            i += 2;
            if (i == to) {
                return false; // bare "::"
            }
        }
        while (i < to) {
            int groupStart = i;
            int hex = 0;
            boolean dot = false;
            while (i < to && s.charAt(i) != ':') {
                char c = s.charAt(i);
                if (c == '.') {
                    dot = true;
                } else if (!isHex(c)) {
                    return false;
                }
                hex++;
                i++;
            }
            if (dot) {
                // An embedded IPv4 must be the last thing and counts as two groups.
                if (i != to || !isIpv4(s, groupStart, i)) {
                    return false;
                }
                groups += 2;
                break;
            }
            if (hex == 0 || hex > 4) {
                return false;
            }
            groups++;
            if (i == to) {
                break;
            }
            i++; // the ':'
            if (i == to) {
                return false; // trailing single ':'
            }
            if (s.charAt(i) == ':') {
                if (compressed) {
                    return false; // second "::"
                }
                compressed = true;
                i++;
            }
        }
        return compressed ? groups <= 7 : groups == 8;
    }

    private static boolean isZone(String s, int from, int to) {
        if (to - from > 32) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-' || c == '~')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPort(String s, int from, int to) {
        int len = to - from;
        if (len < 1 || len > 5 || s.charAt(from) == '0') {
            return false;
        }
        int port = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            port = port * 10 + (c - '0');
        }
        return port <= 65535;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
