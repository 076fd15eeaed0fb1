package io.perimeter.analyzer.classification;

/**
 * Recognises API keys, tokens and private keys by their published formats.
 *
 * <table>
 *   <caption>Formats recognised</caption>
 *   <tr><th>kind</th><th>shape</th></tr>
 *   <tr><td>{@link SecretKind#AWS_ACCESS_KEY}</td><td>{@code AKIA|ASIA|ABIA|ACCA} + 16 of {@code [A-Z0-9]}</td></tr>
 *   <tr><td>{@link SecretKind#GCP_API_KEY}</td><td>{@code AIza} + 35 of {@code [A-Za-z0-9_-]}</td></tr>
 *   <tr><td>{@link SecretKind#GITHUB_TOKEN}</td><td>{@code gh[pousr]_} + 36 of {@code [A-Za-z0-9]};
 *       {@code github_pat_} + 50–255 of {@code [A-Za-z0-9_]}</td></tr>
 *   <tr><td>{@link SecretKind#GITLAB_TOKEN}</td><td>{@code glpat-}, {@code gldt-}, {@code glrt-},
 *       {@code glptt-}, {@code glft-}, {@code glimt-}, {@code glagent-}, {@code gloas-},
 *       {@code glcbt-}, {@code glsoat-}, {@code glffct-} + 20–255 of {@code [A-Za-z0-9_.-]}</td></tr>
 *   <tr><td>{@link SecretKind#SLACK_TOKEN}</td><td>{@code xox[abposre]-} or {@code xapp-} + 20–255 of
 *       {@code [A-Za-z0-9-]} (also the {@code xoxe.xox?-} refresh form)</td></tr>
 *   <tr><td>{@link SecretKind#SLACK_WEBHOOK}</td><td>{@code https://hooks.slack.com/services/T…/B…/…}</td></tr>
 *   <tr><td>{@link SecretKind#STRIPE_KEY}</td><td>{@code sk_|rk_} + {@code live_|test_} + 16–255 of
 *       {@code [A-Za-z0-9]}; {@code whsec_} + 24–255 of {@code [A-Za-z0-9+/=]}. Publishable keys
 *       ({@code pk_…}) are public by design and not reported.</td></tr>
 *   <tr><td>{@link SecretKind#SENDGRID_KEY}</td><td>{@code SG.} + 22 + {@code .} + 43 of {@code [A-Za-z0-9_-]}</td></tr>
 *   <tr><td>{@link SecretKind#TWILIO_API_KEY}</td><td>{@code SK} + 32 of {@code [0-9a-f]}</td></tr>
 *   <tr><td>{@link SecretKind#NPM_TOKEN}</td><td>{@code npm_} + 36 of {@code [A-Za-z0-9]}</td></tr>
 *   <tr><td>{@link SecretKind#PRIVATE_KEY_PEM}</td><td>{@code -----BEGIN … PRIVATE KEY( BLOCK)?-----}
 *       followed by at least 32 base64 characters, anywhere in the value</td></tr>
 * </table>
 *
 * <p>{@link SecretKind#NAMED_CREDENTIAL} is decided by {@link Classifier} from the field name; this class
 * only supplies the token-shape check for it ({@link #looksLikeOpaqueToken}).
 *
 * <p>Stateless and thread-safe; allocates nothing.
 */
final class SecretDetector {

    /** Longest value checked for a prefix-shaped token (not for PEM). */
    static final int MAX_TOKEN_CHARS = 300;
    /** Shortest value searched for a PEM private key. */
    static final int MIN_PEM_CHARS = 80;

    private static final String[] GITLAB_PREFIXES = {
        "glpat-", "gldt-", "glrt-", "glptt-", "glft-", "glimt-", "glagent-", "gloas-", "glcbt-", "glsoat-", "glffct-"
    };

    private static final String SLACK_WEBHOOK = "https://hooks.slack.com/services/";

    private SecretDetector() {}

    /** The kind of secret {@code value} (already trimmed) is, or {@code null} if it has no known shape. */
    static SecretKind detect(String value) {
        int len = value.length();
        if (len >= MIN_PEM_CHARS && isPemPrivateKey(value)) {
            return SecretKind.PRIVATE_KEY_PEM;
        }
        if (len < 20 || len > MAX_TOKEN_CHARS) {
            return null;
        }
        return switch (value.charAt(0)) {
            case 'A' -> aws(value);
            case 'g' -> gitHubOrGitLab(value);
            case 'x' -> slack(value);
            case 'h' -> value.startsWith(SLACK_WEBHOOK) && isSlackWebhookPath(value, SLACK_WEBHOOK.length())
                    ? SecretKind.SLACK_WEBHOOK : null;
            case 's', 'r' -> stripe(value);
            case 'w' -> value.startsWith("whsec_") && all(value, 6, len, BASE64) && len - 6 >= 24
                    ? SecretKind.STRIPE_KEY : null;
            case 'S' -> sendGridOrTwilio(value);
            case 'n' -> len == 40 && value.startsWith("npm_") && all(value, 4, len, ALNUM) ? SecretKind.NPM_TOKEN : null;
            default -> null;
        };
    }

    private static SecretKind aws(String v) {
        int len = v.length();
        if (len == 20 && (v.startsWith("AKIA") || v.startsWith("ASIA") || v.startsWith("ABIA") || v.startsWith("ACCA"))
                && all(v, 4, len, UPPER_DIGIT)) {
            return SecretKind.AWS_ACCESS_KEY;
        }
        if (len == 39 && v.startsWith("AIza") && all(v, 4, len, URL_SAFE)) {
            return SecretKind.GCP_API_KEY;
        }
        return null;
    }

    private static SecretKind gitHubOrGitLab(String v) {
        int len = v.length();
        if (len == 40 && v.charAt(1) == 'h' && v.charAt(3) == '_' && "pousr".indexOf(v.charAt(2)) >= 0
                && all(v, 4, len, ALNUM)) {
            return SecretKind.GITHUB_TOKEN;
        }
        if (v.startsWith("github_pat_") && len - 11 >= 50 && all(v, 11, len, WORD)) {
            return SecretKind.GITHUB_TOKEN;
        }
        if (v.charAt(1) == 'l') {
            for (String prefix : GITLAB_PREFIXES) {
                if (v.startsWith(prefix)) {
                    return len - prefix.length() >= 20 && all(v, prefix.length(), len, GITLAB) ? SecretKind.GITLAB_TOKEN : null;
                }
            }
        }
        return null;
    }

    private static SecretKind slack(String v) {
        int start;
        if (v.startsWith("xoxe.xox") && v.length() > 10 && v.charAt(9) == '-') {
            start = 10;
        } else if (v.startsWith("xox") && v.charAt(4) == '-' && "abposre".indexOf(v.charAt(3)) >= 0) {
            start = 5;
        } else if (v.startsWith("xapp-")) {
            start = 5;
        } else {
            return null;
        }
        int len = v.length();
        return len - start >= 20 && all(v, start, len, ALNUM_DASH) && hasDigit(v, start, len) ? SecretKind.SLACK_TOKEN : null;
    }

    private static boolean isSlackWebhookPath(String v, int from) {
        // T<team>/B<bot>/<secret>
        int slash1 = v.indexOf('/', from);
        if (slash1 < 0 || v.charAt(from) != 'T' || slash1 - from < 8 || !all(v, from, slash1, UPPER_DIGIT)) {
            return false;
        }
        int slash2 = v.indexOf('/', slash1 + 1);
        if (slash2 < 0 || v.charAt(slash1 + 1) != 'B' || slash2 - slash1 - 1 < 8 || !all(v, slash1 + 1, slash2, UPPER_DIGIT)) {
            return false;
        }
        return v.length() - slash2 - 1 >= 20 && all(v, slash2 + 1, v.length(), ALNUM);
    }

    private static SecretKind stripe(String v) {
        if (v.charAt(1) != 'k' || v.charAt(2) != '_') {
            return null;
        }
        if (!(v.startsWith("live_", 3) || v.startsWith("test_", 3))) {
            return null;
        }
        int len = v.length();
        return len - 8 >= 16 && all(v, 8, len, ALNUM) ? SecretKind.STRIPE_KEY : null;
    }

    private static SecretKind sendGridOrTwilio(String v) {
        int len = v.length();
        if (len == 69 && v.startsWith("SG.") && v.charAt(25) == '.' && all(v, 3, 25, URL_SAFE) && all(v, 26, len, URL_SAFE)) {
            return SecretKind.SENDGRID_KEY;
        }
        if (len == 34 && v.charAt(1) == 'K' && all(v, 2, len, LOWER_HEX)) {
            return SecretKind.TWILIO_API_KEY;
        }
        return null;
    }

    /** A PEM private-key block anywhere in {@code v}: BEGIN line, then at least 32 base64 characters. */
    static boolean isPemPrivateKey(String v) {
        int limit = Math.min(v.length(), Classifier.MAX_INSPECTED_CHARS);
        int begin = v.indexOf("-----BEGIN ", 0, limit);
        if (begin < 0) {
            return false;
        }
        int labelStart = begin + 11;
        int labelEnd = v.indexOf("-----", labelStart, Math.min(v.length(), labelStart + 64));
        if (labelEnd < 0 || labelEnd - labelStart > 40) {
            return false;
        }
        boolean privateKey = v.startsWith("PRIVATE KEY", labelEnd - 11) || v.startsWith("PRIVATE KEY BLOCK", labelEnd - 17);
        if (!privateKey) {
            return false;
        }
        int base64 = 0;
        int end = Math.min(v.length(), labelEnd + 5 + 4096);
        for (int i = labelEnd + 5; i < end && base64 < 32; i++) {
            char c = v.charAt(i);
            if (c == '-') {
                break; // END line reached with no body
            }
            if (c < 128 && (CLASSES[c] & BASE64) != 0) {
                base64++;
            }
        }
        return base64 >= 32;
    }

    /**
     * The value shape required for {@link SecretKind#NAMED_CREDENTIAL}: 16–512 characters of the token
     * alphabet {@code [A-Za-z0-9._~+/=:-]}, no whitespace, at least one digit and one letter, and not
     * a repetition of one character (masked placeholders like {@code ********} or {@code xxxxxxxx…}).
     */
    static boolean looksLikeOpaqueToken(String v) {
        int len = v.length();
        if (len < 16 || len > 512) {
            return false;
        }
        boolean digit = false;
        boolean letter = false;
        boolean varied = false;
        char first = v.charAt(0);
        for (int i = 0; i < len; i++) {
            char c = v.charAt(i);
            if (c >= 128 || (CLASSES[c] & TOKEN) == 0) {
                return false;
            }
            digit |= c >= '0' && c <= '9';
            letter |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            varied |= c != first;
        }
        return digit && letter && varied;
    }

    // Character classes as bits, one table lookup per character.
    private static final int UPPER_DIGIT = 1;
    private static final int ALNUM = 1 << 1;
    private static final int URL_SAFE = 1 << 2;
    private static final int WORD = 1 << 3;
    private static final int GITLAB = 1 << 4;
    private static final int ALNUM_DASH = 1 << 5;
    private static final int BASE64 = 1 << 6;
    private static final int LOWER_HEX = 1 << 7;
    private static final int TOKEN = 1 << 8;
    private static final int[] CLASSES = new int[128];

    static {
        for (char c = 0; c < 128; c++) {
            boolean upper = c >= 'A' && c <= 'Z';
            boolean lower = c >= 'a' && c <= 'z';
            boolean digit = c >= '0' && c <= '9';
            boolean alnum = upper || lower || digit;
            int bits = 0;
            if (upper || digit) {
                bits |= UPPER_DIGIT;
            }
            if (alnum) {
                bits |= ALNUM | URL_SAFE | WORD | GITLAB | ALNUM_DASH | BASE64 | TOKEN;
            }
            if (c == '_' || c == '-') {
                bits |= URL_SAFE | GITLAB | TOKEN;
            }
            if (c == '_') {
                bits |= WORD;
            }
            if (c == '-') {
                bits |= ALNUM_DASH;
            }
            if (c == '.') {
                bits |= GITLAB | TOKEN;
            }
            if (c == '+' || c == '/' || c == '=') {
                bits |= BASE64 | TOKEN;
            }
            if (c == '~' || c == ':') {
                bits |= TOKEN;
            }
            if (digit || (c >= 'a' && c <= 'f')) {
                bits |= LOWER_HEX;
            }
            CLASSES[c] = bits;
        }
    }

    private static boolean all(String v, int from, int to, int cls) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c >= 128 || (CLASSES[c] & cls) == 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasDigit(String v, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }
}
