package io.perimeter.analyzer.classification;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
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
    private static final long MAX_TEXT_TRIES = 16;

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** Words that introduce an extension after a number, longest first. */
    private static final String[] EXTENSION_MARKERS = {"extension", "ext", "x", "#"};

    private static final String UNKNOWN_REGION = "ZZ";

    private final String defaultRegion;
    private final boolean nanpDefault;

    /** @param defaultRegion ISO 3166-1 alpha-2 region for numbers written without {@code +} */
    PhoneDetector(String defaultRegion) {
        this.defaultRegion = defaultRegion;
        this.nanpDefault = UTIL.getCountryCodeForRegion(defaultRegion) == 1;
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
        if (nanpDefault && (digits == 10 || (digits == 11 && firstDigit(value) == '1'))) {
            return validNanp(value, digits == 11);
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

    private static char firstDigit(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                return c;
            }
        }
        return 0;
    }

    /**
     * Whether {@code text} contains a phone number: libphonenumber's matcher finds valid numbers in the
     * default region, and each candidate must then pass {@link #isPhoneNumber} as an unnamed value
     * (international form, or written with phone punctuation), so that bare digit runs in text
     * (order numbers, references) are not taken for phone numbers.
     */
    boolean containsPhoneNumber(String text) {
        int len = Math.min(text.length(), MAX_TEXT_CHARS);
        if (!hasPhoneShapedSpan(text, len)) {
            return false;
        }
        CharSequence bounded = text.length() > MAX_TEXT_CHARS ? text.subSequence(0, MAX_TEXT_CHARS) : text;
        for (PhoneNumberMatch match : UTIL.findNumbers(bounded, defaultRegion, PhoneNumberUtil.Leniency.VALID, MAX_TEXT_TRIES)) {
            if (!afterVersionWord(text, match.start()) && isPhoneNumber(match.rawString(), false)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Cheap gate before libphonenumber's matcher: a run of digits and phone punctuation
     * ({@code space + - . ( ) /}) holding 7–17 digits and a {@code +}, a {@code (} or two separators,
     * that is not a dotted quad, a date or an SSN.
     */
    private static boolean hasPhoneShapedSpan(String text, int len) {
        int digits = 0;
        int separators = 0;
        char pending = 0;
        boolean marker = false;
        boolean onlyDots = true;
        int runs = 0;
        int run = 0;
        int longestRun = 0;
        int runShape = 0; // the first three run lengths as decimal digits, e.g. 324 for NNN-NN-NNNN
        for (int i = 0; i <= len; i++) {
            char c = i == len ? '|' : text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (pending != 0) {
                    separators++;
                    onlyDots &= pending == '.';
                    pending = 0;
                }
                digits++;
                run++;
                continue;
            }
            if (run > 0) {
                runs++;
                longestRun = Math.max(longestRun, run);
                if (runs <= 3) {
                    runShape = runShape * 10 + Math.min(run, 9);
                }
                run = 0;
            }
            if (c == ' ' || c == '-' || c == '.' || c == '/' || c == ')') {
                if (digits > 0) {
                    pending = c;
                }
            } else if (c == '+' || c == '(') {
                marker = true;
            } else {
                boolean dottedQuad = onlyDots && runs == 4 && longestRun <= 3;
                boolean dateLike = !marker && runs == 3 && longestRun == 4 && digits <= 8;
                boolean ssnLike = !marker && runs == 3 && runShape == 324;
                if (digits >= MIN_DIGITS && digits <= MAX_DIGITS + 2 && (marker || separators >= 2)
                        && !dottedQuad && !dateLike && !ssnLike) {
                    return true;
                }
                digits = 0;
                separators = 0;
                pending = 0;
                marker = false;
                onlyDots = true;
                runs = 0;
                longestRun = 0;
                runShape = 0;
            }
        }
        return false;
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
