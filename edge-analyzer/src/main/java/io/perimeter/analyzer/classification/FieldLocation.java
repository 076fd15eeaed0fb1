package io.perimeter.analyzer.classification;

/** Where in an HTTP message a classified value sits. */
public enum FieldLocation {
    /** A leaf of a JSON request or response body; the field path is dotted ({@code user.address.zip}). */
    JSON_BODY,
    /** A field of an {@code application/x-www-form-urlencoded} or multipart body. */
    FORM,
    /** A query-string parameter. */
    QUERY,
    /** A segment of the URL path; it has no field name. */
    PATH_SEGMENT,
    /** A header value; the field name is the header name. */
    HEADER,
    /** A cookie value; the field name is the cookie name. */
    COOKIE
}
