package io.perimeter.analyzer.classification;

/**
 * What one pass over a value's characters says about which detectors could match it, so that most values skip most
 * detectors: each test below is a condition the detector's own format requires, never a guess, so skipping a
 * detector on it cannot change a result.
 *
 * @param digits      ASCII digits in the value
 * @param dots        {@code .} characters
 * @param colons      {@code :} characters
 * @param at          whether the value has an {@code @}
 * @param longestWord the longest run of characters without a space, tab or line break
 */
record ValueShape(int digits, int dots, int colons, boolean at, int longestWord) {

    /** The shape of {@code v}, read once. */
    static ValueShape of(String v) {
        int digits = 0;
        int dots = 0;
        int colons = 0;
        boolean at = false;
        int word = 0;
        int longestWord = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { // where FreeTextScanner cuts words, among others
                longestWord = Math.max(longestWord, word);
                word = 0;
                continue;
            }
            word++;
            // counted without branching on the character: text mixes them too evenly for a branch to be predicted
            digits += (char) (c - '0') <= 9 ? 1 : 0;
            dots += c == '.' ? 1 : 0;
            colons += c == ':' ? 1 : 0;
            at |= c == '@';
        }
        return new ValueShape(digits, dots, colons, at, Math.max(longestWord, word));
    }

    /** A card number has at least {@value CardNumberDetector#MIN_DIGITS} digits. */
    boolean mayBeCardNumber() {
        return digits >= CardNumberDetector.MIN_DIGITS;
    }

    /** An SSN has nine digits, grouped or not. */
    boolean mayBeSsn() {
        return digits == 9;
    }

    /** An IPv4 address is a dotted quad; an IPv6 address has at least two colons (a list holds at least one). */
    boolean mayBeIpAddress() {
        return dots >= 3 && digits >= 4 || colons >= 2;
    }

    /** A phone number has at least seven digits. */
    boolean mayBePhoneNumber() {
        return digits >= 7;
    }

    /**
     * Whether free text could hold a value {@link FreeTextScanner} finds: every one of them needs a digit (card, SSN,
     * IBAN, IPv4, phone), an {@code @} (e-mail), colons (IPv6) or a word of at least 16 characters (JWT, provider
     * secrets).
     */
    boolean mayHoldTokens() {
        return digits > 0 || at || colons >= 2 || longestWord >= 16;
    }
}
