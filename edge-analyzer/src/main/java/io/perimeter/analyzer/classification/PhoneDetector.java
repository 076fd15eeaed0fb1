package io.perimeter.analyzer.classification;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Recognises telephone numbers that are valid in their numbering plan: libphonenumber's answer to
 * {@code isValidNumber} (assigned ranges and lengths per region, not just a plausible digit count), computed by
 * {@link NumberPlans} from libphonenumber's metadata.
 *
 * <ul>
 *   <li>Numbers with a leading {@code +} (E.164, or international format with spaces, dashes, dots or
 *       parentheses) are parsed without a region, whatever the field name.
 *   <li>Numbers without {@code +} are read in the configured default region. Since many identifiers
 *       are 7–15 digits long, such a number counts only when the field is named as a phone number
 *       ({@code phone}, {@code mobile}, {@code tel}, {@code contactNumber}, …) or when it is written
 *       the way people write phone numbers: an area code in parentheses or at least two separators,
 *       and not a date, an SSN, an IPv4 address or CIDR range, a thousands-grouped amount, or
 *       something with more than five digit groups (OIDs, dotted versions).
 * </ul>
 *
 * <p>An extension ({@code ext. 12}, {@code x12}, {@code #12}) after a number is allowed. Numbers inside
 * free text are found by {@link #containsPhoneNumber} under the same formatting rule. Not recognised
 * (deliberately): vanity numbers with letters ({@code 1-800-FLOWERS}), numbers with the {@code 00}
 * international prefix but no {@code +}, and national numbers of another region than the default.
 *
 * <p>Cheap character checks run first; libphonenumber (which allocates) is called only for values that
 * pass them. Immutable and thread-safe ({@link PhoneNumberUtil} is).
 */
final class PhoneDetector {

    static final int MIN_CHARS = 7;
    static final int MAX_CHARS = 48;
    private static final int MIN_DIGITS = 7;
    private static final int MAX_DIGITS = 15;

    /** Longest text searched for phone numbers by {@link #containsPhoneNumber}. */
    static final int MAX_TEXT_CHARS = 2048;
    /** Candidates of one text validated at most (each may need libphonenumber's parser). */
    static final int MAX_TEXT_TRIES = 32;

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** Words that introduce an extension after a number, longest first. */
    private static final String[] EXTENSION_MARKERS = {"extension", "ext", "x", "#"};

    private static final String UNKNOWN_REGION = "ZZ";

    private final String defaultRegion;
    private final boolean nanpDefault;
    /**
     * A NANP region whose parser takes a number starting with 2–9 as it is (US, CA, DO, JM, PR); the others complete a
     * seven-digit local number with their area code (AG, BB, GU, …).
     */
    private final boolean nanpDigitsAsIs;

    /** @param defaultRegion ISO 3166-1 alpha-2 region for numbers written without {@code +} */
    PhoneDetector(String defaultRegion) {
        this.defaultRegion = defaultRegion;
        this.nanpDefault = UTIL.getCountryCodeForRegion(defaultRegion) == 1;
        this.nanpDigitsAsIs = nanpDefault && !NumberPlans.completesLocalNumbers(defaultRegion);
    }

    /**
     * Whether {@code value} (already trimmed) is a valid phone number.
     *
     * @param fieldNamedPhone whether the field name says it holds a phone number
     */
    boolean isPhoneNumber(String value, boolean fieldNamedPhone) {
        int len = value.length();
        if (len < MIN_CHARS || len > MAX_CHARS) {
            return false;
        }
        int numberEnd = extensionStart(value);
        if (numberEnd > 0) {
            return isPhoneNumber(value.substring(0, numberEnd), fieldNamedPhone);
        }
        char c0 = value.charAt(0);
        boolean international = c0 == '+';
        if (!international && c0 != '(' && (c0 < '0' || c0 > '9')) {
            return false;
        }
        int digits = 0;
        int separators = 0;
        int parentheses = 0;
        char separator = 0;
        boolean mixedSeparators = false;
        // Digit-run lengths: first, last, number of runs, and whether every run after the first is 3 long.
        int runs = 0;
        int run = 0;
        int firstRun = 0;
        boolean laterRunsOfThree = true;
        int[] runLengths = new int[4];
        for (int i = international ? 1 : 0; i < len; i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                run++;
                continue;
            }
            if (c == '(' || c == ')') {
                parentheses++;
            } else if (c == ' ' || c == '-' || c == '.' || c == '/') {
                separators++;
                if (separator != 0 && separator != c) {
                    mixedSeparators = true;
                }
                separator = c;
            } else {
                return false;
            }
            if (run > 0) {
                if (runs < 4) {
                    runLengths[runs] = run;
                }
                if (runs == 0) {
                    firstRun = run;
                } else if (run != 3) {
                    laterRunsOfThree = false;
                }
                runs++;
                run = 0;
            }
        }
        if (run > 0) {
            if (runs < 4) {
                runLengths[runs] = run;
            }
            if (runs == 0) {
                firstRun = run;
            } else if (run != 3) {
                laterRunsOfThree = false;
            }
            runs++;
        }
        if (digits < MIN_DIGITS || digits > MAX_DIGITS || parentheses > 2) {
            return false;
        }
        if (international) {
            return validInternational(value) || valid(value, "ZZ");
        }
        if (!fieldNamedPhone) {
            boolean formatted = parentheses == 2 || separators >= 2;
            if (!formatted) {
                return false;
            }
            if (runs > 5) {
                return false; // OIDs, dotted versions: phone numbers have at most five digit groups
            }
            int slash = value.indexOf('/');
            if (slash > 0 && IpAddressDetector.isIpv4(value, 0, slash)) {
                return false; // a CIDR range
            }
            if (parentheses == 0 && !mixedSeparators) {
                boolean date = runs == 3 && (runLengths[0] == 4 || runLengths[2] == 4)
                        && (runLengths[0] + runLengths[1] + runLengths[2] <= 8);
                boolean ssn = runs == 3 && runLengths[0] == 3 && runLengths[1] == 2 && runLengths[2] == 4
                        && (separator == '-' || separator == ' ');
                boolean ipv4 = runs == 4 && separator == '.' && runLengths[0] <= 3 && runLengths[1] <= 3
                        && runLengths[2] <= 3 && runLengths[3] <= 3;
                boolean thousands = runs >= 3 && firstRun <= 3 && laterRunsOfThree && (separator == ' ' || separator == '.');
                if (date || ssn || ipv4 || thousands) {
                    return false;
                }
            }
        }
        if (nanpDefault) {
            // Ten digits, or eleven after a 1, starting with 2-9 (an area code): the national number itself. Other
            // shapes (0 or 1 where the area code would start, 011 ...) are left to the parser, which may read an exit
            // code or a country code in them.
            if (digits == 10 && digit(value, 0) >= '2' || digits == 11 && digit(value, 0) == '1' && digit(value, 1) >= '2') {
                return validNanp(value, digits == 11);
            }
            if (nanpDigitsAsIs && digit(value, 0) >= '2') {
                // No exit code, country code or trunk prefix to strip, and no local-number rule: the parser would
                // take every digit as the national number (seven digits can be valid: Canada's 310-xxxx)
                return validNanp(value, false);
            }
        }
        return valid(value, defaultRegion);
    }

    /**
     * Fast path for {@code +} numbers: reads the country code (E.164 country codes are prefix-free) and
     * the national number directly instead of running libphonenumber's general parser, then asks
     * {@link NumberPlans#isValid}. A {@code false} here falls back to the full parse, which also understands
     * forms such as {@code +44 (0)20 …}.
     */
    private static boolean validInternational(String value) {
        long digits = 0;
        int count = 0;
        int countryCode = 0;
        int countryDigits = 0;
        int leadingZeros = 0;
        boolean inNational = false;
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (!inNational) {
                countryCode = countryCode * 10 + d;
                countryDigits++;
                // "ZZ" = no such country code (yet); "001" (non-geographic, e.g. +800) is a real one.
                if (!UNKNOWN_REGION.equals(UTIL.getRegionCodeForCountryCode(countryCode))) {
                    inNational = true;
                } else if (countryDigits == 3) {
                    return false;
                }
                continue;
            }
            if (count == leadingZeros && d == 0) {
                leadingZeros++;
            }
            digits = digits * 10 + d;
            count++;
        }
        if (!inNational || count < 2) {
            return false;
        }
        PhoneNumber number = new PhoneNumber().setCountryCode(countryCode).setNationalNumber(digits);
        if (leadingZeros > 0) {
            number.setItalianLeadingZero(true);
            if (leadingZeros > 1) {
                number.setNumberOfLeadingZeros(leadingZeros);
            }
        }
        return NumberPlans.isValid(number);
    }

    /**
     * Fast path for national numbers when the default region is in the NANP (country code 1): the ten
     * digits after an optional {@code 1} trunk prefix are the national number.
     */
    private static boolean validNanp(String value, boolean trunkPrefix) {
        long digits = 0;
        boolean skip = trunkPrefix;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                if (skip) {
                    skip = false;
                    continue;
                }
                digits = digits * 10 + (c - '0');
            }
        }
        return NumberPlans.isValid(new PhoneNumber().setCountryCode(1).setNationalNumber(digits));
    }

    /** The digit of {@code value} at {@code index} among its digits, or 0. */
    private static char digit(String value, int index) {
        int seen = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9' && seen++ == index) {
                return c;
            }
        }
        return 0;
    }

    /**
     * Whether {@code text} (its first {@value #MAX_TEXT_CHARS} characters) contains a phone number written as
     * {@link #isPhoneNumber} accepts one in an unnamed field: in international form, or with an area code in
     * parentheses or at least two separators, and valid in its numbering plan.
     *
     * <p>In each run of phone characters (digits, {@code space + - . ( ) /}) the candidates are its beginning up to the
     * end of any of its digit groups that a separator does not join to the next ({@code 415-555-2671 (home)}), the same
     * from a later {@code +} or {@code (} ({@code tel./fax 0123 (415) 555-2671}), and each of its space-free words
     * ({@code on 2024-01-02 415-555-2671}, {@code 415-555-2671 2 times}); a stretch of several words in the middle of a
     * run is not one (the digit groups of a printed IBAN). As in
     * libphonenumber's text matcher, a candidate that starts with a digit must not follow a Latin letter, {@code %} or
     * currency sign, and none may be followed by one ({@code SKU4155552671}, {@code 12.5%}). A run right after a word
     * such as {@code version} or {@code build} begins with a version, not a number. Bare digit runs (order numbers,
     * timestamps) are not formatted, so they are not taken for phone numbers. At most {@value #MAX_TEXT_TRIES}
     * candidates of {@value #MAX_CHARS} characters at most are validated per text.
     */
    boolean containsPhoneNumber(String text) {
        int len = Math.min(text.length(), MAX_TEXT_CHARS);
        Tries tries = new Tries();
        int i = 0;
        while (i < len && tries.left > 0) {
            char c = text.charAt(i);
            if (!isDigit(c) && c != '+' && c != '(') {
                i++;
                continue;
            }
            int runEnd = i;
            int digits = 0;
            for (char r; runEnd < len && isPhoneCharacter(r = text.charAt(runEnd)); runEnd++) {
                digits += isDigit(r) ? 1 : 0;
            }
            if (digits >= MIN_DIGITS && hasNumberIn(text, i, runEnd, afterVersionWord(text, i), tries)) {
                return true;
            }
            i = runEnd;
        }
        return false;
    }

    /**
     * Whether the run of phone characters {@code text[from, to)} holds a phone number (see {@link #containsPhoneNumber}):
     * its beginning (unless the run follows a version word), or the part from a later {@code +} or {@code (}, up to the
     * end of one of its digit groups; or one of its space-free words (the first one too, unless after a version word).
     */
    private boolean hasNumberIn(String text, int from, int to, boolean afterVersionWord, Tries tries) {
        boolean runStarts = !afterVersionWord
                && !(isDigit(text.charAt(from)) && from > 0 && cannotAdjoin(text.charAt(from - 1)));
        for (int start = from; start < to; start++) {
            char c = text.charAt(start);
            if ((start == from ? runStarts : c == '+' || c == '(') && hasNumberFrom(text, start, to, false, tries)) {
                return true;
            }
        }
        int space = text.indexOf(' ', from);
        int wordStart = runStarts ? from : space < 0 ? to : space + 1;
        while (wordStart < to) {
            int wordEnd = wordStart;
            while (wordEnd < to && text.charAt(wordEnd) != ' ') {
                wordEnd++;
            }
            if (wordEnd - wordStart >= MIN_DIGITS && hasNumberFrom(text, wordStart, wordEnd, true, tries)) {
                return true;
            }
            wordStart = wordEnd + 1;
        }
        return false;
    }

    /**
     * Whether {@code text[start, end)}, for some {@code end <= to} where a number {@link #endsNumber may end}, is one;
     * a {@code word} may also end at {@code to}, whatever follows its space.
     */
    private boolean hasNumberFrom(String text, int start, int to, boolean word, Tries tries) {
        boolean international = text.charAt(start) == '+';
        boolean open = text.charAt(start) == '(';
        int digits = 0;
        int formatting = 0; // separators and parentheses: a national number in text needs two
        for (int end = international ? start + 1 : start; end < to && end - start <= MAX_CHARS; end++) {
            char c = text.charAt(end);
            if (!isDigit(c)) {
                if (c == '+') {
                    return false; // a plus sign only starts a number
                }
                open &= c != ')';
                formatting++;
                continue;
            }
            if (++digits > MAX_DIGITS) {
                return false;
            }
            boolean canEnd = word && end + 1 == to
                    ? to == text.length() || !cannotAdjoin(text.charAt(to))
                    : endsNumber(text, end + 1);
            if (digits >= MIN_DIGITS && (international || formatting >= 2) && canEnd) {
                if (tries.left-- <= 0) {
                    return false;
                }
                if (isPhoneNumber(text.substring(open ? start + 1 : start, end + 1), false)) { // "(" never closed: not the number's
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a number may end just before {@code text[at]}: not inside a digit group, not before a separator that joins
     * it to a next group ({@code 3/4/2015}, {@code 1130 8524 2627 13}), and not next to a letter, {@code %} or currency
     * sign.
     */
    private static boolean endsNumber(String text, int at) {
        if (at == text.length()) {
            return true;
        }
        char c = text.charAt(at);
        if (isDigit(c) || cannotAdjoin(c)) {
            return false;
        }
        return !((c == ' ' || c == '-' || c == '.' || c == '/') && at + 1 < text.length() && isDigit(text.charAt(at + 1)));
    }

    /** The candidates of one text still to validate: hostile text (runs of {@code +} or {@code (}) gets bounded work. */
    private static final class Tries {
        int left = MAX_TEXT_TRIES;
    }

    private static boolean isPhoneCharacter(char c) {
        return isDigit(c) || c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')' || c == '+';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A Latin letter, {@code %} or a currency sign: a number next to one is part of something else. */
    private static boolean cannotAdjoin(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '%' || Character.getType(c) == Character.CURRENCY_SYMBOL;
    }

    /** Whether the word just before {@code offset} is {@code version}, {@code v}, {@code build}, …. */
    private static boolean afterVersionWord(String text, int offset) {
        int end = offset;
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        int start = end;
        while (start > 0 && Character.isLetter(text.charAt(start - 1))) {
            start--;
        }
        return FreeTextScanner.isVersionWord(text, start, end);
    }

    /**
     * Where the number ends if {@code value} ends with an extension ({@code ext. 12}, {@code ext 12},
     * {@code extension 12}, {@code x12}, {@code #12}), otherwise -1.
     */
    static int extensionStart(String value) {
        int i = value.length();
        int digits = 0;
        while (i > 0 && value.charAt(i - 1) >= '0' && value.charAt(i - 1) <= '9') {
            i--;
            digits++;
        }
        if (digits == 0 || digits > 6) {
            return -1;
        }
        while (i > 0 && value.charAt(i - 1) == ' ') {
            i--;
        }
        int markerEnd = i;
        if (i > 0 && value.charAt(i - 1) == '.') {
            i--;
        }
        int marker = -1;
        for (String word : EXTENSION_MARKERS) {
            int start = i - word.length();
            if (start > 0 && value.regionMatches(true, start, word, 0, word.length())) {
                marker = start;
                break;
            }
        }
        if (marker < 0 || (value.charAt(markerEnd - 1) == '.' && !value.regionMatches(true, marker, "ext", 0, 3))) {
            return -1;
        }
        int end = marker;
        while (end > 0 && value.charAt(end - 1) == ' ') {
            end--;
        }
        return end > 0 && value.charAt(end - 1) >= '0' && value.charAt(end - 1) <= '9' ? end : -1;
    }

    private static boolean valid(String value, String region) {
        try {
            PhoneNumber number = UTIL.parse(value, region);
            return NumberPlans.isValid(number);
        } catch (NumberParseException notANumber) {
            return false;
        }
    }
}
