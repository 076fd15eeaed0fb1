package io.perimeter.analyzer.discovery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Types one path segment (or one field name) from its characters: a single scan that counts character
 * classes, then constant-time checks in a fixed order. No regular expressions, no allocation except
 * for the rare segment that holds a percent escape.
 *
 * <p>The order, first match wins: percent escapes are decoded first; a date-time; an {@code @}
 * (e-mail, or {@link SegmentKind#PARAM}); characters no endpoint name uses ({@code PARAM}); all
 * digits ({@code ID}); UUID; ULID; hex digest; date; version; longer than {@value #MAX_WORD_LENGTH}
 * ({@code TOKEN} or {@code PARAM}); a Stripe-style prefixed id ({@code cus_NffrFeUfNV2Hib}, {@code ID});
 * an opaque token (20+ characters mixing capitals, small letters and digits, a JWT, or 16+ letters whose
 * case switches throughout as in random base64); letters with digits ({@code ID}, except a word with a
 * one- or two-digit suffix such as {@code oauth2}, and well-known words such as {@code k8s}); digits
 * with separators ({@code ID}); otherwise {@code WORD}.
 *
 * <p>Stateless and thread-safe.
 */
final class SegmentShapes {

    /** Segments longer than this are never literal. */
    static final int MAX_WORD_LENGTH = 48;

    private static final String[] PRE_RELEASE = {"alpha", "beta", "rc"};

    private SegmentShapes() {}

    /** The kind of {@code s[from, to)}; an empty region is a {@link SegmentKind#WORD}. */
    static SegmentKind classify(String s, int from, int to) {
        int len = to - from;
        int digits = 0;
        int lower = 0;
        int upper = 0;
        int hexLetters = 0;
        int separators = 0; // - _ . ~
        int dots = 0;
        int at = -1;
        int ats = 0;
        int percent = 0;
        int other = 0;
        int wordPunct = 0; // $ ! allowed in literal words ($everything)
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c >= 'a' && c <= 'z') {
                lower++;
                if (c <= 'f') {
                    hexLetters++;
                }
            } else if (c >= 'A' && c <= 'Z') {
                upper++;
                if (c <= 'F') {
                    hexLetters++;
                }
            } else if (c == '-' || c == '_' || c == '~') {
                separators++;
            } else if (c == '.') {
                separators++;
                dots++;
            } else if (c == '@') {
                ats++;
                at = i;
            } else if (c == '%') {
                percent++;
            } else if (c == '$' || c == '!') {
                wordPunct++;
            } else {
                other++;
            }
        }
        if (len == 0) {
            return SegmentKind.WORD;
        }
        if (percent > 0) {
            String decoded = percentDecode(s, from, to);
            if (decoded == null || decoded.indexOf('%') >= 0 || decoded.indexOf('/') >= 0 || decoded.isEmpty()) {
                return SegmentKind.PARAM;
            }
            return classify(decoded, 0, decoded.length());
        }
        if (len >= 16 && len <= 35 && isDate(s, from) && (s.charAt(from + 10) == 'T' || s.charAt(from + 10) == 't')) {
            return isTimeTail(s, from + 11, to) ? SegmentKind.DATE_TIME : SegmentKind.PARAM;
        }
        if (ats > 0) {
            return ats == 1 && other == 0 && isEmail(s, from, at, to) ? SegmentKind.EMAIL : SegmentKind.PARAM;
        }
        if (other > 0) {
            return SegmentKind.PARAM;
        }
        if (digits == len) {
            return SegmentKind.ID;
        }
        int letters = lower + upper;
        if (len == 36 && isUuid(s, from)) {
            return SegmentKind.UUID;
        }
        if (len == 26 && digits > 0 && letters > 0 && isUlid(s, from, to)) {
            return SegmentKind.ULID;
        }
        if (len >= 16 && digits + hexLetters == len && isHexLength(len, digits, hexLetters)) {
            return SegmentKind.HASH;
        }
        if (len == 10 && isDate(s, from)) {
            return SegmentKind.DATE;
        }
        if (isVersion(s, from, to)) {
            return SegmentKind.VERSION;
        }
        if (len > MAX_WORD_LENGTH) {
            return digits > 0 && letters > 0 ? SegmentKind.TOKEN : SegmentKind.PARAM;
        }
        if (isPrefixedId(s, from, to)) {
            return SegmentKind.ID;
        }
        if (len >= 20 && digits > 0 && lower > 0 && upper > 0) {
            return SegmentKind.TOKEN;
        }
        if (len >= 16 && 3 * upper >= letters && 3 * lower >= letters && 3 * caseChanges(s, from, to) >= letters) {
            // random base64url without a digit: a third or more capitals, case switching throughout
            // (camelCase names have a capital per word, about a fifth of the letters)
            return SegmentKind.TOKEN;
        }
        if (len >= 20 && dots == 2 && s.startsWith("eyJ", from)) {
            return SegmentKind.TOKEN;
        }
        if (digits > 0 && letters > 0) {
            if (separators == 0 && wordPunct == 0 && isWordWithShortNumber(s, from, to)) {
                return SegmentKind.WORD;
            }
            return WellKnownWords.contains(s, from, to) ? SegmentKind.WORD : SegmentKind.ID;
        }
        if (digits > 0) {
            return SegmentKind.ID; // digits with separators: 2024-01, 1.2.3
        }
        return SegmentKind.WORD;
    }

    /** True when {@code s[from, to)} is all ASCII digits (and not empty). */
    static boolean isAllDigits(String s, int from, int to) {
        if (to <= from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes {@code %XX} escapes (as UTF-8) in {@code s[from, to)}; {@code null} when an escape is
     * malformed or the bytes are not UTF-8.
     */
    static String percentDecode(String s, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= to) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        byte[] bytes = out.toByteArray();
        String decoded = new String(bytes, StandardCharsets.UTF_8);
        return decoded.indexOf('\uFFFD') >= 0 ? null : decoded;
    }

    private static boolean isHexLength(int len, int digits, int hexLetters) {
        return switch (len) {
            case 32, 40, 56, 64, 96, 128 -> true;
            default -> digits > 0 && hexLetters > 0;
        };
    }

    private static boolean isUuid(String s, int from) {
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(from + i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!isHex(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUlid(String s, int from, int to) {
        char first = s.charAt(from);
        if (first < '0' || first > '7') {
            return false;
        }
        boolean lowerSeen = false;
        boolean upperSeen = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                lowerSeen = true;
                c = (char) (c - 32);
            } else if (c >= 'A' && c <= 'Z') {
                upperSeen = true;
            }
            boolean crockford = c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' && c != 'I' && c != 'L' && c != 'O' && c != 'U';
            if (!crockford) {
                return false;
            }
        }
        return !(lowerSeen && upperSeen);
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** {@code yyyy-mm-dd} at {@code from} with a plausible month and day (years 1000–2999). */
    static boolean isDate(String s, int from) {
        if (s.length() < from + 10 || s.charAt(from + 4) != '-' || s.charAt(from + 7) != '-') {
            return false;
        }
        int year = number(s, from, 4);
        int month = number(s, from + 5, 2);
        int day = number(s, from + 8, 2);
        return year >= 1000 && year <= 2999 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    private static boolean isTimeTail(String s, int from, int to) {
        // hh:mm[:ss[.fff]][Z|±hh:mm]; only the character set and the first colon are checked
        if (to - from < 5 || s.charAt(from + 2) != ':' || number(s, from, 2) < 0 || number(s, from + 3, 2) < 0) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c == ':' || c == '.' || c == '+' || c == '-' || c == 'Z' || c == 'z')) {
                return false;
            }
        }
        return true;
    }

    private static int number(String s, int from, int digits) {
        int n = 0;
        for (int i = from; i < from + digits; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static boolean isEmail(String s, int from, int at, int to) {
        if (at == from || at >= to - 3) {
            return false;
        }
        int lastDot = -1;
        for (int i = at + 1; i < to; i++) {
            if (s.charAt(i) == '.') {
                if (i == at + 1 || i == lastDot + 1) {
                    return false;
                }
                lastDot = i;
            }
        }
        return lastDot > at + 1 && lastDot < to - 1;
    }

    /** {@code v1}, {@code V2}, {@code v2.1}, {@code v1.0.3}, {@code v1beta1}, {@code v2alpha}, {@code v3rc2}. */
    static boolean isVersion(String s, int from, int to) {
        int len = to - from;
        if (len < 2 || len > 12 || (s.charAt(from) != 'v' && s.charAt(from) != 'V')) {
            return false;
        }
        int i = from + 1;
        int groups = 0;
        while (true) {
            int start = i;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (i == start || i - start > 3) {
                return false;
            }
            groups++;
            if (i < to && s.charAt(i) == '.' && groups < 3) {
                i++;
                continue;
            }
            break;
        }
        if (i == to) {
            return true;
        }
        for (String tag : PRE_RELEASE) {
            if (s.startsWith(tag, i)) {
                int j = i + tag.length();
                int digitsStart = j;
                while (j < to && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
                    j++;
                }
                return j == to && j - digitsStart <= 3;
            }
        }
        return false;
    }

    /**
     * A type prefix, an underscore and a random tail, as Stripe-style ids are written:
     * {@code cus_NffrFeUfNV2Hib}, {@code card_CaUptrNYrkVTxULEcb}. The prefix is 1–6 lower-case letters;
     * the tail at least 10 letters and digits with a digit or at least two capitals
     * ({@code payment_intents} and {@code user_Preferences} stay words).
     */
    private static boolean isPrefixedId(String s, int from, int to) {
        int i = from;
        while (i < to && s.charAt(i) >= 'a' && s.charAt(i) <= 'z') {
            i++;
        }
        if (i == from || i - from > 6 || i >= to || s.charAt(i) != '_' || to - i - 1 < 10) {
            return false;
        }
        int capitals = 0;
        int digits = 0;
        for (int j = i + 1; j < to; j++) {
            char c = s.charAt(j);
            if (c >= 'A' && c <= 'Z') {
                capitals++;
            } else if (c >= '0' && c <= '9') {
                digits++;
            } else if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return digits > 0 || capitals >= 2;
    }

    /** How often consecutive letters switch between upper and lower case. */
    private static int caseChanges(String s, int from, int to) {
        int changes = 0;
        int last = 0; // 1 upper, -1 lower
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int now = c >= 'A' && c <= 'Z' ? 1 : c >= 'a' && c <= 'z' ? -1 : 0;
            if (now != 0) {
                if (last != 0 && now != last) {
                    changes++;
                }
                last = now;
            }
        }
        return changes;
    }

    /** Letters followed by one or two digits and nothing else: {@code oauth2}, {@code ipv6}, {@code step1}. */
    private static boolean isWordWithShortNumber(String s, int from, int to) {
        int i = from;
        while (i < to && Character.isLetter(s.charAt(i))) {
            i++;
        }
        int letters = i - from;
        int digitsStart = i;
        while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        int digits = i - digitsStart;
        return i == to && letters >= 1 && digits >= 1 && digits <= 2;
    }
}
