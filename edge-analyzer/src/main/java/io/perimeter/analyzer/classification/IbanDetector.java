package io.perimeter.analyzer.classification;

/**
 * Recognises International Bank Account Numbers (ISO 13616).
 *
 * <p>A value is an IBAN when it is a two-letter country code of a country in the SWIFT IBAN registry,
 * two check digits (02–98), and an alphanumeric BBAN, with the total length that country's IBANs have,
 * and the whole passes the ISO 7064 mod 97-10 check. The electronic form ({@code DE89370400440532013000})
 * and the print form in groups of four separated by single spaces ({@code DE89 3704 0044 0532 0130 00})
 * or single dashes are accepted, in upper or lower case. The country's BBAN layout (which positions are letters) is not
 * checked: the length and the checksum already make an accidental match about one in 10,000 for a
 * string that has the right country code and length.
 *
 * <p>Stateless and thread-safe; allocates nothing.
 */
final class IbanDetector {

    /** Longest IBAN (Russia, 33) in print form: 33 characters plus 8 separators. */
    static final int MAX_CHARS = 33 + 8;
    static final int MIN_CHARS = 15;

    /**
     * Country code followed by IBAN length, from the SWIFT IBAN registry (full members and the
     * countries added up to 2024).
     */
    private static final String REGISTRY =
            "AD24AE23AL28AT20AZ28BA20BE16BG22BH22BI27BR29BY28CH21CR22CY28CZ24DE22DJ27DK18DO28EE20EG29"
                    + "ES24FI18FK18FO18FR27GB22GE22GI23GL18GR27GT28HN28HR21HU28IE22IL23IQ23IS26IT27JO30"
                    + "KW30KZ20LB28LC32LI21LT20LU20LV21LY25MC27MD24ME22MK19MN20MR27MT31MU30NI28NL18NO15"
                    + "OM23PK24PL28PS29PT25QA29RO24RS22RU33SA24SC31SD18SE24SI19SK24SM27SO23ST25SV28TL23"
                    + "TN24TR26UA29VA22VG24XK20YE30";

    /** IBAN length per country, indexed by {@code (first - 'A') * 26 + (second - 'A')}; 0 = no IBAN. */
    private static final byte[] LENGTHS = new byte[26 * 26];

    static {
        for (int i = 0; i < REGISTRY.length(); i += 4) {
            int index = (REGISTRY.charAt(i) - 'A') * 26 + (REGISTRY.charAt(i + 1) - 'A');
            LENGTHS[index] = (byte) Integer.parseInt(REGISTRY, i + 2, i + 4, 10);
        }
    }

    private IbanDetector() {}

    /** The IBAN length of {@code country} (two upper-case letters), or 0 when it has none. */
    static int lengthOf(String country) {
        if (country.length() != 2) {
            return 0;
        }
        int a = country.charAt(0) - 'A';
        int b = country.charAt(1) - 'A';
        return a < 0 || a > 25 || b < 0 || b > 25 ? 0 : LENGTHS[a * 26 + b];
    }

    /** Whether {@code value} (already trimmed) is a valid IBAN in electronic or print form. */
    static boolean isIban(CharSequence value) {
        int len = value.length();
        if (len < MIN_CHARS || len > MAX_CHARS) {
            return false;
        }
        int a = upperLetter(value.charAt(0));
        int b = upperLetter(value.charAt(1));
        if (a < 0 || b < 0 || !isDigit(value.charAt(2)) || !isDigit(value.charAt(3))) {
            return false;
        }
        int expected = LENGTHS[a * 26 + b];
        if (expected == 0) {
            return false;
        }
        int check = (value.charAt(2) - '0') * 10 + (value.charAt(3) - '0');
        if (check < 2 || check > 98) {
            return false;
        }
        // Layout and length: separators (spaces, or dashes), if any, must sit after every fourth character.
        char separator = len > 4 && (value.charAt(4) == ' ' || value.charAt(4) == '-') ? value.charAt(4) : 0;
        int chars = 0;
        for (int i = 0; i < len; i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '-') {
                if (c != separator || chars % 4 != 0 || i + 1 == len || value.charAt(i + 1) == separator) {
                    return false;
                }
            } else if (isDigit(c) || upperLetter(c) >= 0) {
                chars++;
            } else {
                return false;
            }
        }
        if (chars != expected) {
            return false;
        }
        // Mod 97-10 over BBAN + country + check digits, letters as 10..35, computed incrementally.
        int remainder = 0;
        for (int pass = 0; pass < 2; pass++) {
            int from = pass == 0 ? 4 : 0;
            int to = pass == 0 ? len : 4;
            for (int i = from; i < to; i++) {
                char c = value.charAt(i);
                if (c == ' ' || c == '-') {
                    continue;
                }
                if (isDigit(c)) {
                    remainder = (remainder * 10 + (c - '0')) % 97;
                } else {
                    remainder = (remainder * 100 + upperLetter(c) + 10) % 97;
                }
            }
        }
        return remainder == 1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** 0..25 for an ASCII letter of either case, otherwise -1. */
    private static int upperLetter(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        return -1;
    }
}
