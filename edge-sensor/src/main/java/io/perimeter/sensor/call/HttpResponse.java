package io.perimeter.sensor.call;

/**
 * A status line, headers and body.
 *
 * @param status  the status code
 * @param reason  the reason phrase as sent (may be empty)
 * @param version e.g. {@code HTTP/1.1}
 */
public record HttpResponse(int status, String reason, String version, Headers headers, Body body) {}
