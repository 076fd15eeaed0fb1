package io.perimeter.analyzer.classification;

/**
 * Recognises JSON Web Tokens in compact serialisation.
 *
 * <p>A value is a JWT when it is three (JWS, RFC 7515) or five (JWE, RFC 7516) unpadded base64url
 * segments separated by dots, its first segment decodes to a JSON object whose {@code alg} member is a
 * string (a JWE header must also have an {@code enc} string), and, for a JWS, the payload decodes to
 * something that starts like a JSON object. The signature segment may be empty ({@code alg: none}).
 * A value with a look-alike shape but no such header, such as a Flask session cookie
 * ({@code eyJ…} JSON, timestamp, signature), is not a JWT.
 *
 * <p>The header is decoded into a small buffer (at most {@value #MAX_HEADER_CHARS} characters are
 * considered); the rest is only checked for its alphabet. Stateless and thread-safe.
 */
final class JwtDetector {

    /** Longest header segment decoded; real headers (even with an embedded JWK) are far shorter. */
    static final int MAX_HEADER_CHARS = 2048;

    private static final byte[] BASE64URL = new byte[128];

    static {
        java.util.Arrays.fill(BASE64URL, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64URL[alphabet.charAt(i)] = (byte) i;
        }
    }

    private JwtDetector() {}

    /** Whether {@code value} (already trimmed) is a JWS or JWE compact serialisation. */
    static boolean isJwt(String value) {
        int len = value.length();
        // '{"' base64url-encodes to "eyJ"; a header written with whitespace first ("{ \"" -> "eyAi",
        // "{\n" -> "ewo") is accepted too.
        if (len < 16 || value.charAt(0) != 'e' || (value.charAt(1) != 'y' && value.charAt(1) != 'w')) {
            return false;
        }
        int[] dots = new int[4];
        int count = 0;
        for (int i = 0; i < len; i++) {
            char c = value.charAt(i);
            if (c == '.') {
                if (count == 4) {
                    return false;
                }
                dots[count++] = i;
            } else if (c >= 128 || BASE64URL[c] < 0) {
                return false;
            }
        }
        if (count != 2 && count != 4) {
            return false;
        }
        int headerEnd = dots[0];
        if (headerEnd < 4 || headerEnd > MAX_HEADER_CHARS || headerEnd % 4 == 1) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            int segStart = dots[i] + 1;
            int segEnd = i + 1 < count ? dots[i + 1] : len;
            if ((segEnd - segStart) % 4 == 1) {
                return false;
            }
        }
        byte[] header = decode(value, 0, headerEnd);
        if (header == null) {
            return false;
        }
        int members = JsonHeader.scan(header);
        if (members < 0 || (members & JsonHeader.ALG) == 0) {
            return false;
        }
        if (count == 4) {
            // JWE: header, encrypted key (empty for "dir"), IV, ciphertext, tag.
            return (members & JsonHeader.ENC) != 0 && dots[2] > dots[1] + 1 && dots[3] > dots[2] + 1 && len > dots[3] + 1;
        }
        int payloadStart = dots[0] + 1;
        int payloadEnd = dots[1];
        if (payloadEnd - payloadStart < 2) {
            return false;
        }
        return payloadLooksLikeJson(value, payloadStart, Math.min(payloadEnd, payloadStart + 8));
    }

    private static boolean payloadLooksLikeJson(String value, int from, int to) {
        byte[] start = decode(value, from, to - ((to - from) % 4 == 1 ? 1 : 0));
        if (start == null) {
            return false;
        }
        for (byte b : start) {
            if (b == '{') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return false;
    }

    /** Decodes unpadded base64url {@code s[from, to)}; {@code null} if a final group is impossible. */
    static byte[] decode(String s, int from, int to) {
        int len = to - from;
        int rest = len % 4;
        if (rest == 1) {
            return null;
        }
        byte[] out = new byte[len / 4 * 3 + (rest == 0 ? 0 : rest - 1)];
        int o = 0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            int n = (BASE64URL[s.charAt(i)] << 18) | (BASE64URL[s.charAt(i + 1)] << 12)
                    | (BASE64URL[s.charAt(i + 2)] << 6) | BASE64URL[s.charAt(i + 3)];
            out[o++] = (byte) (n >> 16);
            out[o++] = (byte) (n >> 8);
            out[o++] = (byte) n;
        }
        if (rest >= 2) {
            int n = (BASE64URL[s.charAt(i)] << 18) | (BASE64URL[s.charAt(i + 1)] << 12);
            if (rest == 3) {
                n |= BASE64URL[s.charAt(i + 2)] << 6;
            }
            out[o++] = (byte) (n >> 16);
            if (rest == 3) {
                out[o] = (byte) (n >> 8);
            }
        }
        return out;
    }

    /**
     * A strict, minimal JSON syntax check for a JOSE header: the bytes must be exactly one JSON
     * object; reports which of the top-level members {@code alg} and {@code enc} have string values.
     */
    static final class JsonHeader {
        static final int ALG = 1;
        static final int ENC = 2;
        private static final int MAX_DEPTH = 8;

        /** Thrown to unwind on malformed input; shared and without a stack trace, so it costs nothing. */
        private static final class Malformed extends RuntimeException {
            static final Malformed INSTANCE = new Malformed();

            private Malformed() {
                super(null, null, false, false);
            }
        }

        private final byte[] json;
        private int pos;
        private int members;

        private JsonHeader(byte[] json) {
            this.json = json;
        }

        /** The ALG/ENC bits found, or -1 if {@code json} is not a single JSON object. */
        static int scan(byte[] json) {
            JsonHeader scanner = new JsonHeader(json);
            try {
                scanner.skipWhitespace();
                if (scanner.peek() != '{') {
                    return -1;
                }
                scanner.object(0);
                scanner.skipWhitespace();
                return scanner.pos == json.length ? scanner.members : -1;
            } catch (Malformed malformed) {
                return -1;
            }
        }

        private void object(int depth) {
            if (depth > MAX_DEPTH) {
                throw Malformed.INSTANCE;
            }
            expect('{');
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return;
            }
            while (true) {
                skipWhitespace();
                int keyStart = pos + 1;
                string();
                int keyEnd = pos - 1;
                skipWhitespace();
                expect(':');
                skipWhitespace();
                boolean isString = peek() == '"';
                value(depth);
                if (depth == 0 && isString && keyEnd - keyStart == 3) {
                    if (json[keyStart] == 'a' && json[keyStart + 1] == 'l' && json[keyStart + 2] == 'g') {
                        members |= ALG;
                    } else if (json[keyStart] == 'e' && json[keyStart + 1] == 'n' && json[keyStart + 2] == 'c') {
                        members |= ENC;
                    }
                }
                skipWhitespace();
                byte b = next();
                if (b == '}') {
                    return;
                }
                if (b != ',') {
                    throw Malformed.INSTANCE;
                }
            }
        }

        private void array(int depth) {
            if (depth > MAX_DEPTH) {
                throw Malformed.INSTANCE;
            }
            expect('[');
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return;
            }
            while (true) {
                skipWhitespace();
                value(depth);
                skipWhitespace();
                byte b = next();
                if (b == ']') {
                    return;
                }
                if (b != ',') {
                    throw Malformed.INSTANCE;
                }
            }
        }

        private void value(int depth) {
            byte b = peek();
            switch (b) {
                case '{' -> object(depth + 1);
                case '[' -> array(depth + 1);
                case '"' -> string();
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                default -> number();
            }
        }

        private void string() {
            expect('"');
            while (true) {
                byte b = next();
                if (b == '"') {
                    return;
                }
                if (b == '\\') {
                    byte e = next();
                    if (e == 'u') {
                        for (int i = 0; i < 4; i++) {
                            byte h = next();
                            if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) {
                                throw Malformed.INSTANCE;
                            }
                        }
                    } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                        throw Malformed.INSTANCE;
                    }
                } else if (b >= 0 && b < 0x20) {
                    throw Malformed.INSTANCE; // control characters must be escaped
                }
            }
        }

        private void number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            int digits = 0;
            while (pos < json.length) {
                byte b = json[pos];
                if ((b >= '0' && b <= '9') || b == '.' || b == 'e' || b == 'E' || b == '+' || b == '-') {
                    if (b >= '0' && b <= '9') {
                        digits++;
                    }
                    pos++;
                } else {
                    break;
                }
            }
            if (digits == 0 || pos == start) {
                throw Malformed.INSTANCE;
            }
        }

        private void literal(String word) {
            for (int i = 0; i < word.length(); i++) {
                if (next() != word.charAt(i)) {
                    throw Malformed.INSTANCE;
                }
            }
        }

        private void skipWhitespace() {
            while (pos < json.length && (json[pos] == ' ' || json[pos] == '\t' || json[pos] == '\n' || json[pos] == '\r')) {
                pos++;
            }
        }

        private void expect(char c) {
            if (next() != c) {
                throw Malformed.INSTANCE;
            }
        }

        private byte peek() {
            if (pos >= json.length) {
                throw Malformed.INSTANCE;
            }
            return json[pos];
        }

        private byte next() {
            byte b = peek();
            pos++;
            return b;
        }
    }
}
