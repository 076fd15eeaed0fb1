package io.perimeter.console.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.uri.UriBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The filters, sort and page of a list page as they came in its query string, and the links that keep them: to the
 * next page, back to the first, or sorted another way. Lists page by cursor, as the API does, so a page stays right
 * while rows are added.
 */
public final class ListQuery {
    private final String path;
    private final String sort;
    private final @Nullable String cursor;
    private final Map<String, String> filters = new LinkedHashMap<>();

    private ListQuery(String path, String sort, @Nullable String cursor) {
        this.path = path;
        this.sort = sort;
        this.cursor = cursor;
    }

    public static ListQuery of(String path, @Nullable String sort, String defaultSort, @Nullable String cursor) {
        return new ListQuery(path, blankToNull(sort) == null ? defaultSort : sort, blankToNull(cursor));
    }

    /** Keeps filter {@code name} in the list's links when it has a value. */
    public ListQuery with(String name, @Nullable Object value) {
        if (value != null && !value.toString().isBlank()) {
            filters.put(name, value.toString());
        }
        return this;
    }

    public String sort() {
        return sort;
    }

    /** The value of filter {@code name}, or an empty string, for the filter form. */
    public String filter(String name) {
        return filters.getOrDefault(name, "");
    }

    public boolean filtered() {
        return !filters.isEmpty();
    }

    /** Whether this is a page after the first. */
    public boolean paged() {
        return cursor != null;
    }

    public String first() {
        return link(sort, null);
    }

    public String next(String nextCursor) {
        return link(sort, nextCursor);
    }

    public String sortedBy(String otherSort) {
        return link(otherSort, null);
    }

    private String link(String linkSort, @Nullable String linkCursor) {
        UriBuilder uri = UriBuilder.of(path);
        filters.forEach(uri::queryParam);
        uri.queryParam("sort", linkSort);
        if (linkCursor != null) {
            uri.queryParam("cursor", linkCursor);
        }
        return uri.toString();
    }

    /** A filter of one value as the services take it (a list), or null when it is not set. */
    public static @Nullable List<String> values(@Nullable String value) {
        return blankToNull(value) == null ? null : List.of(value.strip());
    }

    public static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** "true" or "false" from a select; anything else does not filter. */
    public static @Nullable Boolean flag(@Nullable String value) {
        return "true".equals(value) ? Boolean.TRUE : "false".equals(value) ? Boolean.FALSE : null;
    }
}
