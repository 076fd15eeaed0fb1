package io.perimeter.cloud.query;

import io.perimeter.cloud.problem.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A sort order a list offers, for keyset pagination: sort keys that end with the row's unique id, all in one
 * direction, so that "the rows after this one" is a single row-value comparison that an index on the same columns
 * answers, and no row is skipped or repeated when rows are added between two pages.
 *
 * @param name       the name clients use in {@code sort=}
 * @param descending whether every key is sorted descending
 * @param keys       SQL expressions over the query's tables; the last one is unique
 */
public record Keyset(String name, boolean descending, List<Key> keys) {

    /** One sort key: a SQL expression and the type of its values. */
    public record Key(String expression, Kind kind) {
    }

    /** Value types of sort keys; cursor values are checked against them before they reach SQL. */
    public enum Kind {
        TIMESTAMP, NUMBER, TEXT, UUID
    }

    public Keyset {
        keys = List.copyOf(keys);
    }

    /** A keyset over {@code keys} in order. */
    public static Keyset of(String name, boolean descending, Key... keys) {
        return new Keyset(name, descending, List.of(keys));
    }

    public static Key timestamp(String expression) {
        return new Key(expression, Kind.TIMESTAMP);
    }

    public static Key number(String expression) {
        return new Key(expression, Kind.NUMBER);
    }

    public static Key text(String expression) {
        return new Key(expression, Kind.TEXT);
    }

    public static Key uuid(String expression) {
        return new Key(expression, Kind.UUID);
    }

    /** The select-list items that carry the keys of each row, for the cursor. */
    String selectKeys() {
        return IntStream.range(0, keys.size())
                .mapToObj(i -> keys.get(i).expression() + " AS page_key_" + i)
                .collect(Collectors.joining(", "));
    }

    /** The condition "after the row whose keys are {@code cursor}", with one placeholder per key. */
    String after() {
        String columns = keys.stream().map(Key::expression).collect(Collectors.joining(", "));
        String placeholders = keys.stream().map(k -> "?").collect(Collectors.joining(", "));
        return "(" + columns + ") " + (descending ? "<" : ">") + " (" + placeholders + ")";
    }

    String orderBy() {
        return keys.stream().map(k -> k.expression() + (descending ? " DESC" : " ASC"))
                .collect(Collectors.joining(", "));
    }

    /** The keys of the current row, as the cursor stores them. */
    List<String> keysOf(ResultSet row) throws SQLException {
        List<String> values = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            String column = "page_key_" + i;
            values.add(keys.get(i).kind() == Kind.TIMESTAMP
                    ? row.getObject(column, OffsetDateTime.class).toString()
                    : row.getString(column));
        }
        return values;
    }

    /** The cursor's values as typed SQL parameters; a value that does not fit its key is a bad cursor. */
    List<Object> parameters(List<String> values) {
        if (values.size() != keys.size()) {
            throw Cursor.bad();
        }
        List<Object> parameters = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            try {
                parameters.add(switch (keys.get(i).kind()) {
                    case TIMESTAMP -> OffsetDateTime.parse(value);
                    case NUMBER -> Long.parseLong(value);
                    case UUID -> UUID.fromString(value);
                    case TEXT -> value;
                });
            } catch (DateTimeParseException | IllegalArgumentException | NullPointerException e) {
                throw Cursor.bad();
            }
        }
        return parameters;
    }

    /** The keyset named {@code sort} among {@code offered}; 400 naming the choices when there is none. */
    public static Keyset choose(String sort, List<Keyset> offered) {
        return offered.stream().filter(k -> k.name().equals(sort)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("bad-sort", "sort must be one of "
                        + offered.stream().map(Keyset::name).collect(Collectors.joining(", "))));
    }
}
