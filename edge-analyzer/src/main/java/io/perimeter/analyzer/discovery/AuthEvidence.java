package io.perimeter.analyzer.discovery;

import java.util.Objects;

/**
 * An authentication scheme seen on a request and where its credential was: a header, query parameter or
 * cookie <em>name</em> (lower case), never its value.
 *
 * @param scheme   the scheme
 * @param location where the credential was
 * @param name     the header, query parameter or cookie name, lower case ({@code authorization},
 *                 {@code x-api-key}, {@code jsessionid}); for {@link AuthScheme#OTHER} via
 *                 {@code Authorization}, the scheme token ({@code aws4-hmac-sha256}); empty for none
 */
public record AuthEvidence(AuthScheme scheme, CredentialLocation location, String name) {

    public static final AuthEvidence NONE = new AuthEvidence(AuthScheme.NONE, CredentialLocation.NONE, "");

    public AuthEvidence {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(name, "name");
    }
}
