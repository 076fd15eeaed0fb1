package io.perimeter.analyzer.classification;

/**
 * Value-shape checks that confirm a class suggested by a field name: a person name must look like a
 * name, a date of birth like a calendar date, a postal code like a postal code, an address like an
 * address. They only have to separate such values from the other things the same fields carry
 * (booleans, ids, placeholders, e-mail addresses, timestamps), not to validate them.
 *
 * <p>Stateless and thread-safe; allocates nothing.
 */
final class TextShapes {

    private static final String[] MONTHS = {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december"
    };

    private TextShapes() {}

    /**
     * 1–100 characters of letters (any script) with spaces, hyphens, apostrophes, periods and commas
     * between them, at most eight words, and no digits: {@code Zoë}, {@code O'Brien},
     * {@code Anne-Marie van der Berg}, {@code Dr. J. Smith}.
     */
    static boolean looksLikePersonName(String v) {
        int len = v.length();
        if (len < 1 || len > 100 || !Character.isLetter(v.charAt(0)) && v.charAt(0) != '\'') {
            return false;
        }
        int letters = 0;
        int spaces = 0;
        for (int i = 0; i < len; i++) {
            char c = v.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
            } else if (c == ' ') {
                if (++spaces > 7) {
                    return false;
                }
            } else if (c != '-' && c != '\'' && c != '\u2019' && c != '.' && c != ',') {
                return false;
            }
        }
        return letters >= 1 && !isLiteral(v);
    }

    /**
     * A calendar date with a year from 1900 to 2100, in one of the layouts APIs use: ISO
     * {@code 1985-03-12} (optionally followed by a time), {@code 1985/03/12}, {@code 19850312},
     * {@code 12/03/1985}, {@code 03-12-1985}, {@code 12.03.1985} (day-month or month-day), and with
     * month names: {@code 12 March 1985}, {@code March 12, 1985}, {@code 12-Mar-1985}.
     */
    static boolean looksLikeDate(String v) {
        int len = v.length();
        if (len < 8 || len > 40) {
            return false;
        }
        char c0 = v.charAt(0);
        if (c0 >= '0' && c0 <= '9') {
            return numericDate(v) || namedMonthDate(v);
        }
        return Character.isLetter(c0) && namedMonthDate(v);
    }

    private static boolean numericDate(String v) {
        int len = v.length();
        if (len == 8 && allDigits(v, 0, 8)) {
            return validDate(number(v, 0, 4), number(v, 4, 6), number(v, 6, 8));
        }
        if (len >= 10 && allDigits(v, 0, 4) && (v.charAt(4) == '-' || v.charAt(4) == '/' || v.charAt(4) == '.')
                && v.charAt(7) == v.charAt(4) && allDigits(v, 5, 7) && allDigits(v, 8, 10)) {
            if (len > 10 && !isTimeSuffix(v, 10)) {
                return false;
            }
            return validDate(number(v, 0, 4), number(v, 5, 7), number(v, 8, 10));
        }
        // d/m/yyyy, m/d/yyyy and dotted or dashed equivalents with one- or two-digit parts.
        int sep1 = -1;
        int sep2 = -1;
        for (int i = 0; i < len; i++) {
            char c = v.charAt(i);
            if (c == '/' || c == '.' || c == '-') {
                if (sep1 < 0) {
                    sep1 = i;
                } else if (sep2 < 0) {
                    sep2 = i;
                } else {
                    return false;
                }
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        if (sep1 < 1 || sep1 > 2 || sep2 - sep1 < 2 || sep2 - sep1 > 3 || len - sep2 - 1 != 4
                || v.charAt(sep1) != v.charAt(sep2)) {
            return false;
        }
        int a = number(v, 0, sep1);
        int b = number(v, sep1 + 1, sep2);
        int year = number(v, sep2 + 1, len);
        return validDate(year, b, a) || validDate(year, a, b);
    }

    /** {@code T} or a space, then a time of day with optional fraction and zone: {@code T00:00:00.000Z}. */
    private static boolean isTimeSuffix(String v, int from) {
        char c = v.charAt(from);
        if ((c != 'T' && c != ' ') || from + 1 == v.length()) {
            return false;
        }
        for (int i = from + 1; i < v.length(); i++) {
            char t = v.charAt(i);
            if (!((t >= '0' && t <= '9') || t == ':' || t == '.' || t == 'Z' || t == '+' || t == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Exactly one month name (or its three-letter abbreviation), a day 1–31 and a four-digit year. */
    private static boolean namedMonthDate(String v) {
        int len = v.length();
        int month = 0;
        int day = 0;
        int year = 0;
        int i = 0;
        while (i < len) {
            char c = v.charAt(i);
            if (c == ' ' || c == ',' || c == '-' || c == '/' || c == '.') {
                i++;
                continue;
            }
            int start = i;
            if (c >= '0' && c <= '9') {
                while (i < len && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
                    i++;
                }
                int digits = i - start;
                int n = number(v, start, i);
                // Ordinal suffix: 1st, 2nd, 3rd, 4th.
                if (i + 2 <= len && Character.isLetter(v.charAt(i))) {
                    if (!(v.regionMatches(true, i, "st", 0, 2) || v.regionMatches(true, i, "nd", 0, 2)
                            || v.regionMatches(true, i, "rd", 0, 2) || v.regionMatches(true, i, "th", 0, 2))) {
                        return false;
                    }
                    i += 2;
                }
                if (digits == 4 && year == 0) {
                    year = n;
                } else if (digits <= 2 && day == 0) {
                    day = n;
                } else {
                    return false;
                }
            } else if (Character.isLetter(c)) {
                while (i < len && Character.isLetter(v.charAt(i))) {
                    i++;
                }
                int m = monthOf(v, start, i);
                if (m == 0 || month != 0) {
                    return false;
                }
                month = m;
            } else {
                return false;
            }
        }
        return month != 0 && validDate(year, month, day);
    }

    private static int monthOf(String v, int from, int to) {
        int len = to - from;
        if (len < 3) {
            return 0;
        }
        for (int m = 0; m < MONTHS.length; m++) {
            String name = MONTHS[m];
            if ((len == 3 || len == name.length() || (len == 4 && name.equals("september")))
                    && len <= name.length() && v.regionMatches(true, from, name, 0, len)) {
                return m + 1;
            }
        }
        return 0;
    }

    private static boolean validDate(int year, int month, int day) {
        if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) {
            return false;
        }
        int days = switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        return day <= days;
    }

    /**
     * 3–10 characters of letters, digits, one space or one hyphen, with at least two digits and at
     * most five letters: {@code 94105}, {@code 94105-1234}, {@code SW1A 1AA}, {@code K1A 0B1},
     * {@code 1012 AB}, {@code 01310-100}.
     */
    static boolean looksLikePostalCode(String v) {
        int len = v.length();
        if (len < 3 || len > 10) {
            return false;
        }
        int digits = 0;
        int letters = 0;
        int separators = 0;
        for (int i = 0; i < len; i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
                letters++;
            } else if ((c == ' ' || c == '-') && i > 0 && i < len - 1) {
                separators++;
            } else {
                return false;
            }
        }
        return digits >= 2 && letters <= 5 && separators <= 1;
    }

    /**
     * 5–300 characters with at least two letters and one space, and neither {@code @} nor
     * {@code ://}: {@code 221B Baker Street}, {@code Hauptstraße 5, 10115 Berlin}, {@code Apt 4}.
     */
    static boolean looksLikeAddress(String v) {
        int len = v.length();
        if (len < 5 || len > 300) {
            return false;
        }
        int letters = 0;
        boolean space = false;
        for (int i = 0; i < len; i++) {
            char c = v.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
            } else if (c == ' ') {
                space = true;
            } else if (c == '@' || (c == ':' && v.startsWith("//", i + 1))) {
                return false;
            }
        }
        return letters >= 2 && space;
    }

    /** {@code true}, {@code false} or {@code null} in any case: JSON literals passed as text. */
    static boolean isLiteral(String v) {
        return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false") || v.equalsIgnoreCase("null");
    }

    private static boolean allDigits(String v, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String v, int from, int to) {
        int n = 0;
        for (int i = from; i < to && i - from < 9; i++) {
            n = n * 10 + (v.charAt(i) - '0');
        }
        return n;
    }
}
