package io.perimeter.analyzer.discovery;

/** A part of a call whose values are found by name rather than by schema: where data classes were seen. */
public enum NamedPart {
    /** A request or response header, by header name. */
    HEADER,
    /** A request cookie, by cookie name. */
    COOKIE,
    /** A path parameter of the template, by parameter name. */
    PATH
}
