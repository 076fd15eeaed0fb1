package io.perimeter.sensor.call;

/**
 * A request line, headers and body.
 *
 * @param method  e.g. {@code GET}
 * @param target  the request target as sent (origin form {@code /path?query}, or absolute form)
 * @param version e.g. {@code HTTP/1.1}
 */
public record HttpRequest(String method, String target, String version, Headers headers, Body body) {}
