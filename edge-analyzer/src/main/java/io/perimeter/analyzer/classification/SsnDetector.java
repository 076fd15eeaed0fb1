package io.perimeter.analyzer.classification;

/**
 * Recognises US Social Security numbers.
 *
 * <p>Accepted layouts are {@code NNN-NN-NNNN} and {@code NNN NN NNNN} anywhere, and nine contiguous
 * digits only when the caller says the field is named as an SSN ({@code ssn},
 * {@code social_security_number}, …): a bare nine-digit number is far more often an account, order or
 * routing number, so taking it from any field would cost a lot of precision for little recall.
 *
 * <p>The number must be one the SSA could have issued: area not {@code 000}, {@code 666} or
 * {@code 900–999} (the 9xx range is used by ITINs and advertising), group not {@code 00}, serial not
 * {@code 0000}, and not one of the well-known invalid numbers ({@code 078-05-1120} from the Woolworth
 * wallet insert, {@code 219-09-9999} from an SSA pamphlet, {@code 457-55-5462} from an advertising
 * campaign, and the placeholder {@code 123-45-6789}).
 *
 * <p>Stateless and thread-safe; allocates nothing.
 */
final class SsnDetector {

    private static final int[] WELL_KNOWN_INVALID = {78_05_1120, 219_09_9999, 457_55_5462, 123_45_6789};

    private SsnDetector() {}

    /**
     * Whether {@code value} (already trimmed) is an SSN.
     *
     * @param fieldNamedSsn whether the field name says the value is an SSN, which admits the
     *     unformatted nine-digit layout
     */
    static boolean isSsn(CharSequence value, boolean fieldNamedSsn) {
        int len = value.length();
        int area;
        int group;
        int serial;
        if (len == 11) {
            char sep = value.charAt(3);
            if ((sep != '-' && sep != ' ') || value.charAt(6) != sep) {
                return false;
            }
            area = digits(value, 0, 3);
            group = digits(value, 4, 6);
            serial = digits(value, 7, 11);
        } else if (len == 9 && fieldNamedSsn) {
            area = digits(value, 0, 3);
            group = digits(value, 3, 5);
            serial = digits(value, 5, 9);
        } else {
            return false;
        }
        if (area < 0 || group < 0 || serial < 0) {
            return false;
        }
        if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
            return false;
        }
        int whole = area * 1_000_000 + group * 10_000 + serial;
        for (int invalid : WELL_KNOWN_INVALID) {
            if (whole == invalid) {
                return false;
            }
        }
        return true;
    }

    /** The decimal value of {@code value[from, to)}, or -1 if a character is not a digit. */
    private static int digits(CharSequence value, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
