package io.perimeter.analyzer.classification;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

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
 * <p>A context may be made once per field and passed with each of its values: what the name says is read once.
 * Thread-safe.
 */
public final class FieldContext {

    private static final int UNREAD = -1;
    private static final int MAX_SHARED = 8_192;
    private static final int MAX_SHARED_NAME_CHARS = 256;
    private static final ConcurrentHashMap<FieldContext, FieldContext> SHARED = new ConcurrentHashMap<>();
    private static final FieldContext PATH_SEGMENT = new FieldContext(FieldLocation.PATH_SEGMENT, null);

    private final FieldLocation location;
    private final String fieldPath;
    /** {@link FieldNameHints#analyze} of the field path, read on first use: a context made once per field serves all its values. */
    private int hints = UNREAD;

    public FieldContext(FieldLocation location, String fieldPath) {
        this.location = Objects.requireNonNull(location, "location");
        this.fieldPath = fieldPath;
    }

    /**
     * A context equal to {@code new FieldContext(location, fieldPath)}, the same instance for every caller that asks for
     * the same one: what the name says is read once per name, and holders of contexts (a schema node per field) keep
     * one copy of each. At most 8,192 are kept (all dropped when full, then filled again with the names in use), of
     * names up to 256 characters; names only, never values. The factories below return shared contexts.
     */
    public static FieldContext shared(FieldLocation location, String fieldPath) {
        FieldContext made = new FieldContext(location, fieldPath);
        if (fieldPath != null && fieldPath.length() > MAX_SHARED_NAME_CHARS) {
            return made;
        }
        FieldContext known = SHARED.get(made);
        if (known != null) {
            return known;
        }
        if (SHARED.size() >= MAX_SHARED) {
            SHARED.clear();
        }
        known = SHARED.putIfAbsent(made, made);
        return known == null ? made : known;
    }

    public FieldLocation location() {
        return location;
    }

    public String fieldPath() {
        return fieldPath;
    }

    /** What the field name says (an int is written whole, so a race at most reads the name twice). */
    int hints() {
        int known = hints;
        if (known == UNREAD) {
            known = FieldNameHints.analyze(fieldPath);
            hints = known;
        }
        return known;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldContext that && location == that.location && Objects.equals(fieldPath, that.fieldPath);
    }

    @Override
    public int hashCode() {
        return 31 * location.hashCode() + Objects.hashCode(fieldPath);
    }

    @Override
    public String toString() {
        return "FieldContext[location=" + location + ", fieldPath=" + fieldPath + "]";
    }

    /** A leaf of a JSON body at {@code path}. */
    public static FieldContext json(String path) {
        return shared(FieldLocation.JSON_BODY, path);
    }

    /** A form field. */
    public static FieldContext form(String name) {
        return shared(FieldLocation.FORM, name);
    }

    /** A query-string parameter. */
    public static FieldContext query(String name) {
        return shared(FieldLocation.QUERY, name);
    }

    /** A header value. */
    public static FieldContext header(String name) {
        return shared(FieldLocation.HEADER, name);
    }

    /** A cookie value. */
    public static FieldContext cookie(String name) {
        return shared(FieldLocation.COOKIE, name);
    }

    /** A URL path segment (no name). */
    public static FieldContext pathSegment() {
        return PATH_SEGMENT;
    }
}
