package io.perimeter.analyzer.discovery;

/**
 * What a path segment (or a field name) is, judged from its characters alone.
 *
 * <p>{@link #WORD} and {@link #VERSION} may stay literal in a template; every other kind is a
 * parameter and is written as its {@linkplain #placeholder() placeholder}, so its value never reaches
 * a template. {@link #PARAM} is also the kind of a parameter found by cardinality (many distinct
 * words at one position).
 */
public enum SegmentKind {
    /** Letters, optionally with {@code - _ . ~ $ !} and at most a short digit suffix ({@code oauth2}). */
    WORD(null),
    /** An API version: {@code v1}, {@code v2.1}, {@code v1beta1}. Always literal. */
    VERSION(null),
    /** A number, or an identifier mixing letters and digits ({@code a1b2c3}, {@code INV-2024-0042}). */
    ID("{id}"),
    /** An RFC 4122 UUID in its 8-4-4-4-12 form. */
    UUID("{uuid}"),
    /** A ULID: 26 Crockford base32 characters. */
    ULID("{ulid}"),
    /** A hex digest: 32, 40, 56, 64, 96 or 128 hex characters, or at least 16 mixing digits and a-f. */
    HASH("{hash}"),
    /** An ISO 8601 calendar date, {@code 2024-03-01}. */
    DATE("{date}"),
    /** An ISO 8601 date and time, {@code 2024-03-01T10:15:00Z}. */
    DATE_TIME("{datetime}"),
    /** An e-mail address. */
    EMAIL("{email}"),
    /** A long opaque token: at least 20 characters mixing upper case, lower case and digits, or a JWT. */
    TOKEN("{token}"),
    /**
     * A value without a more precise type: characters no endpoint name uses, a very long segment, or a
     * word position that cardinality showed to be a parameter.
     */
    PARAM("{param}");

    private static final SegmentKind[] VALUES = values();

    private final String placeholder;

    SegmentKind(String placeholder) {
        this.placeholder = placeholder;
    }

    /** The placeholder written in templates ({@code {id}}), or {@code null} for the literal kinds. */
    public String placeholder() {
        return placeholder;
    }

    /** The placeholder's name without braces ({@code id}), or {@code null} for the literal kinds. */
    public String parameterName() {
        return placeholder == null ? null : placeholder.substring(1, placeholder.length() - 1);
    }

    /** True for the kinds that are written as a placeholder. */
    public boolean isParameter() {
        return placeholder != null;
    }

    /**
     * The kind whose placeholder is {@code s[from, to)} (braces included), or {@code null} when that
     * text is not a placeholder of this enum.
     */
    public static SegmentKind ofPlaceholder(CharSequence s, int from, int to) {
        int len = to - from;
        if (len < 3 || s.charAt(from) != '{' || s.charAt(to - 1) != '}') {
            return null;
        }
        for (SegmentKind kind : VALUES) {
            String p = kind.placeholder;
            if (p != null && p.length() == len && regionEquals(s, from, p)) {
                return kind;
            }
        }
        return null;
    }

    private static boolean regionEquals(CharSequence s, int from, String p) {
        for (int i = 0; i < p.length(); i++) {
            if (s.charAt(from + i) != p.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
