package io.perimeter.analyzer.discovery;

/**
 * How a request authenticated itself, as far as the request shows it. Classified from the
 * {@code Authorization} scheme and the token's shape, from API-key-like header and query parameter
 * names, and from session cookie names — never from or with the credential's value.
 *
 * <p>Mutual TLS is not in the list: the sensor sees plaintext above the TLS library, not the handshake,
 * so a client certificate is invisible to it.
 */
public enum AuthScheme {
    /** {@code Authorization: Bearer} with a JWT (three base64url parts, a JSON header). */
    BEARER_JWT("bearer-jwt"),
    /** {@code Authorization: Bearer} (or {@code token}) with an opaque token, or {@code access_token} in the query. */
    BEARER_OPAQUE("bearer-opaque"),
    /** {@code Authorization: Basic}. */
    BASIC("basic"),
    /** {@code Authorization: Digest}. */
    DIGEST("digest"),
    /** An API key: a header such as {@code X-API-Key}, a query parameter such as {@code api_key}, or {@code Authorization: ApiKey}. */
    API_KEY("api-key"),
    /** A session or token cookie ({@code JSESSIONID}, {@code connect.sid}, {@code session}, {@code access_token}, …). */
    COOKIE_SESSION("cookie-session"),
    /** Another {@code Authorization} scheme ({@code AWS4-HMAC-SHA256}, {@code Negotiate}, {@code NTLM}, …). */
    OTHER("other"),
    /** No credential seen. */
    NONE("none");

    private final String contractName;

    AuthScheme(String contractName) {
        this.contractName = contractName;
    }

    /** The name used in the perimeter contract ({@code bearer-jwt}). */
    public String contractName() {
        return contractName;
    }
}
