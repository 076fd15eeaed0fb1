package io.perimeter.cloud.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The WHERE clause of a list query, built from the filters a request names: each condition is SQL with {@code ?}
 * placeholders, its values are bound, never spliced in.
 */
public final class Conditions {
    private final List<String> sql = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();

    /** Adds {@code condition}, whose placeholders take {@code values} in order. */
    public Conditions add(String condition, Object... values) {
        sql.add(condition);
        parameters.addAll(List.of(values));
        return this;
    }

    /** Adds {@code condition} when {@code value} is not null, with the value as its one parameter. */
    public Conditions addIf(Object value, String condition) {
        return value == null ? this : add(condition, value);
    }

    /**
     * Adds {@code condition} when {@code values} has any, with them as one {@code text[]} parameter (the condition
     * casts its placeholder, e.g. {@code severity = ANY(CAST(? AS text[]))}).
     */
    public Conditions addIfAny(Collection<String> values, String condition) {
        return values == null || values.isEmpty() ? this : add(condition, (Object) values.toArray(String[]::new));
    }

    String where() {
        return sql.isEmpty() ? "TRUE" : String.join(" AND ", sql);
    }

    List<Object> parameters() {
        return List.copyOf(parameters);
    }
}
