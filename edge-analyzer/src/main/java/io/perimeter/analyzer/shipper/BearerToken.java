package io.perimeter.analyzer.shipper;

import java.util.regex.Pattern;

/**
 * What an edge credential may look like: an RFC 6750 bearer token ({@code token68}). Nothing else can break the
 * {@code Authorization} header (no CR/LF, no spaces), so anything else is refused before it is stored or sent.
 */
public final class BearerToken {
    private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

    private BearerToken() {}

    /** Whether {@code value} is a usable bearer token. */
    public static boolean isWellFormed(String value) {
        return value != null && TOKEN68.matcher(value).matches();
    }
}
