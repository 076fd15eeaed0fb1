package io.perimeter.analyzer.classification;

/**
 * Recognises e-mail addresses.
 *
 * <p>The accepted syntax is the dot-atom subset of RFC 5322 that real mailboxes use:
 *
 * <ul>
 *   <li>local part: 1–64 characters of letters, digits and {@code !#$%&'*+/=?^_`{|}~-}, with dots
 *       between them (no leading, trailing or doubled dot);
 *   <li>domain: at least two dot-separated labels of letters, digits and inner hyphens, each 1–63
 *       characters; the last label (the TLD) is 2–63 letters, or an IDNA {@code xn--} label, and is not
 *       a common file extension ({@code icon@2x.png} is a file name, not an address);
 *   <li>letters and digits may be non-ASCII (RFC 6531 addresses such as {@code josé@correo.es} and
 *       internationalised domain names in Unicode form);
 *   <li>at most 254 characters in all.
 * </ul>
 *
 * <p>Also accepted: a {@code mailto:} prefix and the display form {@code Jane Doe <jane@example.com>}.
 * Not accepted (deliberately): quoted local parts, domain literals ({@code user@[192.0.2.1]}),
 * dotless domains ({@code root@localhost}). Addresses inside longer text are found by
 * {@link FreeTextScanner}.
 *
 * <p>Stateless and thread-safe; allocates nothing.
 */
final class EmailDetector {

    static final int MAX_ADDRESS = 254;
    /** Room for a display name in front of the address. */
    static final int MAX_CHARS = 400;

    /** File extensions that are not top-level domains but follow {@code @2x} in asset names. */
    private static final String[] FILE_EXTENSIONS = {
        "png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "bmp", "tif", "tiff", "avif", "heic", "pdf",
        "js", "mjs", "css", "html", "htm", "json", "xml", "txt", "csv", "mp4", "mp3", "wav", "woff",
        "woff2", "ttf", "otf", "eot", "map", "gz", "tgz", "jar", "war", "yaml", "yml", "toml", "lock"
    };

    private EmailDetector() {}

    /** Whether {@code value} (already trimmed) is an e-mail address, bare or in display form. */
    static boolean isEmail(String value) {
        int len = value.length();
        if (len < 6 || len > MAX_CHARS) {
            return false;
        }
        int from = 0;
        int to = len;
        if (value.charAt(len - 1) == '>') {
            int open = value.lastIndexOf('<');
            if (open < 0) {
                return false;
            }
            from = open + 1;
            to = len - 1;
        } else if (value.regionMatches(true, 0, "mailto:", 0, 7)) {
            from = 7;
        }
        return isAddress(value, from, to);
    }

    /** Whether {@code value[from, to)} is a bare address. */
    static boolean isAddress(String value, int from, int to) {
        int len = to - from;
        if (len < 6 || len > MAX_ADDRESS) {
            return false;
        }
        int at = -1;
        for (int i = from; i < to; i++) {
            if (value.charAt(i) == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            }
        }
        if (at < 0 || at - from > 64) {
            return false;
        }
        return isLocalPart(value, from, at) && isDomain(value, at + 1, to);
    }

    private static boolean isLocalPart(String s, int from, int to) {
        if (from == to || s.charAt(from) == '.' || s.charAt(to - 1) == '.') {
            return false;
        }
        char previous = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (previous == '.') {
                    return false;
                }
            } else if (!isAtext(c)) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    private static boolean isAtext(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        if (c > 127) {
            return Character.isLetterOrDigit(c); // RFC 6531 internationalised local parts
        }
        return switch (c) {
            case '!', '#', '$', '%', '&', '\'', '*', '+', '/', '=', '?', '^', '_', '`', '{', '|', '}', '~', '-' -> true;
            default -> false;
        };
    }

    private static boolean isDomain(String s, int from, int to) {
        int labels = 0;
        int labelStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || s.charAt(i) == '.') {
                if (!isLabel(s, labelStart, i)) {
                    return false;
                }
                labels++;
                labelStart = i + 1;
            }
        }
        return labels >= 2 && isTld(s, to - lastLabelLength(s, from, to), to);
    }

    private static int lastLabelLength(String s, int from, int to) {
        int i = to;
        while (i > from && s.charAt(i - 1) != '.') {
            i--;
        }
        return to - i;
    }

    private static boolean isLabel(String s, int from, int to) {
        int len = to - from;
        if (len < 1 || len > 63 || s.charAt(from) == '-' || s.charAt(to - 1) == '-') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || (c > 127 && Character.isLetterOrDigit(c)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTld(String s, int from, int to) {
        int len = to - from;
        if (len < 2) {
            return false;
        }
        if (len > 4 && s.regionMatches(true, from, "xn--", 0, 4)) {
            return true; // label characters were checked already
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c > 127 && Character.isLetter(c)))) {
                return false;
            }
        }
        for (String extension : FILE_EXTENSIONS) {
            if (extension.length() == len && s.regionMatches(true, from, extension, 0, len)) {
                return false;
            }
        }
        return true;
    }
}
