package io.perimeter.analyzer.classification;

import java.util.Objects;

/**
 * Where a value sits: its location in the message and its field name or path.
 *
 * <p>{@code fieldPath} is the JSON path with {@code .} between object keys and {@code [n]} (or
 * {@code .n}) for array elements ({@code users[0].email}), the form or query parameter name
 * (bracket notation such as {@code user[address][zip]} is understood), the header name or the cookie
 * name. It is {@code null} for {@linkplain FieldLocation#PATH_SEGMENT path segments} and whenever no
 * name is known. The classifier looks at the last named segment and, for a few rules, at its parent
 * ({@code customer.name}, {@code address.line1}).
 *
 * @param location where the value sits, never {@code null}
 * @param fieldPath the field name or path, or {@code null}
 */
public record FieldContext(FieldLocation location, String fieldPath) {

    public FieldContext {
        Objects.requireNonNull(location, "location");
    }

    /** A leaf of a JSON body at {@code path}. */
    public static FieldContext json(String path) {
        return new FieldContext(FieldLocation.JSON_BODY, path);
    }

    /** A form field. */
    public static FieldContext form(String name) {
        return new FieldContext(FieldLocation.FORM, name);
    }

    /** A query-string parameter. */
    public static FieldContext query(String name) {
        return new FieldContext(FieldLocation.QUERY, name);
    }

    /** A header value. */
    public static FieldContext header(String name) {
        return new FieldContext(FieldLocation.HEADER, name);
    }

    /** A cookie value. */
    public static FieldContext cookie(String name) {
        return new FieldContext(FieldLocation.COOKIE, name);
    }

    /** A URL path segment (no name). */
    public static FieldContext pathSegment() {
        return new FieldContext(FieldLocation.PATH_SEGMENT, null);
    }
}
