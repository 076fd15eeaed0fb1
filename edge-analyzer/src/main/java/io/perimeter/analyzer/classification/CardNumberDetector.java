package io.perimeter.analyzer.classification;

/**
 * Recognises payment card numbers (PANs).
 *
 * <p>A value is a card number when all of these hold:
 *
 * <ul>
 *   <li>it is 12 to 19 digits, either contiguous or grouped with single spaces or single dashes (not
 *       both) in the groupings printed on cards: 4-4-4-4(-3), 4-6-5 and 4-6-4, or groups of four with
 *       a shorter last group;
 *   <li>its prefix and length belong to one of the issuer ranges below;
 *   <li>its last digit is the Luhn check digit.
 * </ul>
 *
 * <p>Issuer ranges (IIN prefixes and lengths): Visa {@code 4} (13, 16, 19); Mastercard {@code 51–55}
 * and {@code 2221–2720} (16); American Express {@code 34, 37} (15); Discover {@code 6011, 644–649, 65,
 * 622126–622925} (16–19); JCB {@code 3528–3589} (16–19); Diners Club {@code 300–305, 3095, 36, 38, 39}
 * (14–19); UnionPay {@code 62} (16–19); Maestro {@code 5018, 5020, 5038, 5893, 6304, 6759, 6761–6763}
 * (12–19).
 *
 * <p>A random 16-digit number passes Luhn one time in ten and has a known issuer prefix about one time
 * in four, so the caller ({@link Classifier}) also refuses an ungrouped number sitting in a field
 * whose name marks it as another kind of identifier ({@code order_id}, {@code tracking_number}, …).
 *
 * <p>Stateless and thread-safe; allocates nothing.
 */
final class CardNumberDetector {

    static final int MIN_DIGITS = 12;
    static final int MAX_DIGITS = 19;
    /** 19 digits plus at most 4 separators. */
    static final int MAX_CHARS = MAX_DIGITS + 4;

    private CardNumberDetector() {}

    /** Whether {@code value} (already trimmed) is a valid card number in an accepted layout. */
    static boolean isCardNumber(CharSequence value) {
        int len = value.length();
        if (len < MIN_DIGITS || len > MAX_CHARS) {
            return false;
        }
        // One pass: check the layout and collect the digits into a long (every issued 19-digit
        // number is below Long.MAX_VALUE); Luhn and the issuer ranges then work on that long.
        char separator = 0;
        int digits = 0;
        int groupLen = 0;
        int groups = 0;
        int firstGroup = 0;
        int secondGroup = 0;
        boolean middleGroupsOfFour = true;
        long number = 0;
        for (int i = 0; i < len; i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                if (digits > MAX_DIGITS || number > (Long.MAX_VALUE - 9) / 10) {
                    return false; // too long, or a 19-digit number starting with 9 (no issuer has one)
                }
                number = number * 10 + (c - '0');
                groupLen++;
            } else if (c == ' ' || c == '-') {
                if (groupLen == 0 || (separator != 0 && c != separator)) {
                    return false; // leading, doubled or mixed separators
                }
                separator = c;
                groups++;
                if (groups == 1) {
                    firstGroup = groupLen;
                } else if (groups == 2) {
                    secondGroup = groupLen;
                } else if (groupLen != 4) {
                    middleGroupsOfFour = false;
                }
                groupLen = 0;
            } else {
                return false;
            }
        }
        if (digits < MIN_DIGITS || groupLen == 0) {
            return false;
        }
        if (separator != 0) {
            groups++; // the last group
            boolean fours = firstGroup == 4 && secondGroup == 4 && middleGroupsOfFour && groupLen <= 4;
            boolean amexLike = groups == 3 && firstGroup == 4 && secondGroup == 6 && (groupLen == 5 || groupLen == 4);
            if (!fours && !amexLike) {
                return false;
            }
        }
        return issuerAccepts(number, digits) && luhnValid(number);
    }

    /** Luhn (mod 10) check over the decimal digits of {@code number}. */
    static boolean luhnValid(long number) {
        int sum = 0;
        boolean doubleIt = false;
        long n = number;
        while (n > 0) {
            int d = (int) (n % 10);
            n /= 10;
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /** Whether a known issuer issues numbers of {@code length} digits starting like {@code number}. */
    static boolean issuerAccepts(long number, int length) {
        int p6 = prefix(number, length, 6);
        int p4 = p6 / 100;
        int p3 = p6 / 1000;
        int p2 = p6 / 10000;
        int p1 = p6 / 100000;
        if (p1 == 4) { // Visa
            return length == 13 || length == 16 || length == 19;
        }
        if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) { // Mastercard
            return length == 16;
        }
        if (p2 == 34 || p2 == 37) { // American Express
            return length == 15;
        }
        if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925)) { // Discover
            return length >= 16 && length <= 19;
        }
        if (p4 >= 3528 && p4 <= 3589) { // JCB
            return length >= 16 && length <= 19;
        }
        if ((p3 >= 300 && p3 <= 305) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39) { // Diners Club
            return length >= 14 && length <= 19;
        }
        if (p2 == 62) { // UnionPay
            return length >= 16 && length <= 19;
        }
        if (p4 == 5018 || p4 == 5020 || p4 == 5038 || p4 == 5893 || p4 == 6304 || p4 == 6759
                || (p4 >= 6761 && p4 <= 6763)) { // Maestro
            return length >= 12 && length <= 19;
        }
        return false;
    }

    private static int prefix(long number, int length, int digits) {
        long n = number;
        for (int i = length; i > digits; i--) {
            n /= 10;
        }
        return (int) n;
    }
}
