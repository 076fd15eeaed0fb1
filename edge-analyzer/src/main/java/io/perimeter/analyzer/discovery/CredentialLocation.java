package io.perimeter.analyzer.discovery;

/** Where a request carried its credential. */
public enum CredentialLocation {
    HEADER,
    QUERY,
    COOKIE,
    /** No credential (for {@link AuthScheme#NONE}). */
    NONE
}
