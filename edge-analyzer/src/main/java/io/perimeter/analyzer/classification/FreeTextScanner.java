package io.perimeter.analyzer.classification;

/**
 * Finds validator-backed values embedded in free text ({@code "notes": "call me, jane@example.com"},
 * an error message quoting a token). The text is cut into tokens at whitespace and at
 * {@code , ; ( ) [ ] < > " ' ` !} (a trailing {@code . : ?} is dropped), and each token is
 * checked, whole, by the same detectors as a whole value:
 *
 * <ul>
 *   <li>EMAIL, JWT and SECRET (provider formats) anywhere;
 *   <li>IP_ADDRESS unless the word before it is {@code version}, {@code v}, {@code build}, … (a dotted
 *       quad after those is a version number);
 *   <li>US_SSN only in the {@code NNN-NN-NNNN} layout, CARD_NUMBER only as 13–19 contiguous digits
 *       (issuer range and Luhn), IBAN only in electronic form;
 *   <li>PHONE ({@link PhoneDetector#containsPhoneNumber}) only in international form or written with phone
 *       punctuation, never as a bare digit run, and valid in its numbering plan.
 * </ul>
 *
 * <p>At most {@value #MAX_TOKENS} tokens are checked. Stateless and thread-safe; allocates only for
 * tokens that pass a detector's first checks, and for the phone-number candidates of a text that holds at
 * least seven digits.
 */
final class FreeTextScanner {

    static final int MAX_TOKENS = 512;
    /** The shortest value {@link #isText} takes for text. */
    static final int MIN_CHARS = 10;

    private static final String[] VERSION_WORDS = {"version", "v", "ver", "build", "release", "firmware", "revision"};

    /** Classes (as {@link DataClass} ordinal bits) found, and the secret kind if any. */
    record Found(int classes, SecretKind secretKind) {}

    private static final Found NOTHING = new Found(0, null);

    private FreeTextScanner() {}

    /**
     * Whether {@code text} is prose worth scanning: room for a token, a space or line break, and at
     * least two letters (digits and punctuation alone were already judged as a whole value).
     */
    static boolean isText(String text) {
        int len = text.length();
        if (len < MIN_CHARS || (text.indexOf(' ') < 0 && text.indexOf('\n') < 0)) {
            return false;
        }
        int letters = 0;
        for (int i = 0; i < len && letters < 2; i++) {
            if (Character.isLetter(text.charAt(i))) {
                letters++;
            }
        }
        return letters >= 2;
    }

    /** @param mayHoldPhone false when the text has too few digits for a phone number: the matcher is skipped */
    static Found scan(String text, PhoneDetector phones, boolean mayHoldPhone) {
        int len = Math.min(text.length(), Classifier.MAX_INSPECTED_CHARS);
        int classes = 0;
        SecretKind kind = null;
        int tokens = 0;
        int previousStart = -1;
        int previousEnd = -1;
        int i = 0;
        while (i < len && tokens < MAX_TOKENS) {
            while (i < len && isBreak(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < len && !isBreak(text.charAt(i))) {
                i++;
            }
            int end = i;
            while (end > start && isTrailing(text.charAt(end - 1))) {
                end--;
            }
            if (end - start < 6) {
                if (end > start) {
                    previousStart = start;
                    previousEnd = end;
                }
                continue;
            }
            tokens++;
            classes |= token(text, start, end, previousStart, previousEnd);
            previousStart = start;
            previousEnd = end;
            if (kind == null && end - start >= 20) {
                char c0 = text.charAt(start);
                if (c0 == 'A' || c0 == 'g' || c0 == 'x' || c0 == 'h' || c0 == 's' || c0 == 'r' || c0 == 'w'
                        || c0 == 'S' || c0 == 'n') {
                    kind = SecretDetector.detect(text.substring(start, end));
                }
            }
        }
        if (kind != null) {
            classes |= 1 << DataClass.SECRET.ordinal();
        }
        if (mayHoldPhone && phones.containsPhoneNumber(text)) {
            classes |= 1 << DataClass.PHONE.ordinal();
        }
        return classes == 0 ? NOTHING : new Found(classes, kind);
    }

    private static int token(String text, int start, int end, int previousStart, int previousEnd) {
        int len = end - start;
        char c0 = text.charAt(start);
        int at = text.indexOf('@', start, end);
        if (at > start && at < end - 3) {
            return EmailDetector.isAddress(text, start, end) ? 1 << DataClass.EMAIL.ordinal() : 0;
        }
        if ((isHexDigit(c0) || c0 == ':' || c0 == '[') && len >= 7 && len <= 64
                && !afterVersionWord(text, previousStart, previousEnd) && IpAddressDetector.isOne(text, start, end)) {
            return 1 << DataClass.IP_ADDRESS.ordinal();
        }
        if (c0 >= '0' && c0 <= '9') {
            if (len == 11 && text.charAt(start + 3) == '-' && SsnDetector.isSsn(text.substring(start, end), false)) {
                return 1 << DataClass.US_SSN.ordinal();
            }
            if (len >= 13 && len <= CardNumberDetector.MAX_DIGITS && allDigits(text, start, end)
                    && CardNumberDetector.isCardNumber(text.substring(start, end))) {
                return 1 << DataClass.CARD_NUMBER.ordinal();
            }
            return 0;
        }
        if (c0 == 'e' && len >= 16 && text.startsWith("eyJ", start)) {
            return JwtDetector.isJwt(text.substring(start, end)) ? 1 << DataClass.JWT.ordinal() : 0;
        }
        if (len >= IbanDetector.MIN_CHARS && len <= 34 && c0 >= 'A' && c0 <= 'Z' && Character.isDigit(text.charAt(start + 2))
                && IbanDetector.isIban(text.substring(start, end))) {
            return 1 << DataClass.IBAN.ordinal();
        }
        return 0;
    }

    /** The previous token is {@code version}, {@code v}, {@code build}, …: a dotted quad after it is a version. */
    private static boolean afterVersionWord(String text, int from, int to) {
        return from >= 0 && isVersionWord(text, from, to);
    }

    /** Whether {@code text[from, to)} is one of the words that introduce a version number. */
    static boolean isVersionWord(String text, int from, int to) {
        for (String word : VERSION_WORDS) {
            if (word.length() == to - from && text.regionMatches(true, from, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isBreak(char c) {
        return switch (c) {
            case ' ', '\t', '\n', '\r', ',', ';', '(', ')', '[', ']', '<', '>', '"', '\'', '`', '!', '{', '}', '|' -> true;
            default -> false;
        };
    }

    private static boolean isTrailing(char c) {
        return c == '.' || c == ':' || c == '?';
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
