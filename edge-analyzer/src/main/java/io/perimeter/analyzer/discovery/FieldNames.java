package io.perimeter.analyzer.discovery;

/**
 * Turns a JSON key, form or query parameter name, header or cookie name into what a schema may keep.
 * Names are metadata, but a "name" can be a value: maps keyed by e-mail address, user id, date or
 * token. Such names are replaced by a placeholder ({@code {email}}, {@code {id}}, {@code {uuid}},
 * {@code {date}}, {@code {hash}}, {@code {token}}); names with characters that field names do not use,
 * or longer than {@value #MAX_NAME_LENGTH}, become {@code {key}}.
 *
 * <p>Stateless and thread-safe.
 */
final class FieldNames {

    /** The placeholder for a name that is not kept. */
    static final String KEY = "{key}";

    static final int MAX_NAME_LENGTH = 64;

    private FieldNames() {}

    /** The name to keep for {@code raw}. */
    static String normalise(String raw) {
        int len = raw.length();
        if (len == 0 || len > MAX_NAME_LENGTH) {
            return KEY;
        }
        int digits = 0;
        int letters = 0;
        boolean odd = false; // characters a path segment does not use but a field name may: space @ : $
        for (int i = 0; i < len; i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                letters++;
            } else if (c == '-' || c == '_' || c == '.' || c == '~') {
                // fine
            } else if (c == ' ' || c == '@' || c == ':' || c == '$' || c == '#') {
                odd = true;
            } else {
                return KEY; // quotes, slashes, non-ASCII, control characters, …
            }
        }
        SegmentKind kind = SegmentShapes.classify(raw, 0, len);
        switch (kind) {
            case WORD, VERSION -> {
                return raw;
            }
            case ID -> {
                // camelCase names with a number in them (x509Certificate, base64Data) are names;
                // digit-heavy ones (usr_8f3k2, a1b2c3, 12345) are values.
                return digits * 2 >= letters ? kind.placeholder() : raw;
            }
            case PARAM -> {
                // @type, xml:lang, First Name are names; anything with digits besides is not trusted
                return odd && digits == 0 && raw.indexOf('@', 1) < 0 ? raw : KEY;
            }
            default -> {
                return kind.placeholder();
            }
        }
    }
}
