package io.perimeter.analyzer.discovery;

/** Which schema of an endpoint a field path belongs to. */
public enum MessagePart {
    /** The query string's parameters. */
    QUERY,
    /** The request body (every content type seen). */
    REQUEST_BODY,
    /** The response body (every status and content type seen). */
    RESPONSE_BODY
}
