package io.perimeter.cloud.query;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Runs read queries that a repository cannot derive (optional filters, sort orders chosen per request, aggregates)
 * on the connection of the current transaction. Call it inside {@code TenantTransactions.read}: outside one it has
 * no connection, and without the tenant's scope row-level security shows no rows anyway.
 */
@Singleton
public final class SqlRows {
    private final JdbcOperations jdbc;

    SqlRows(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Every row of {@code sql}. */
    public <T> List<T> list(String sql, List<Object> parameters, RowMapper<T> mapper) {
        return jdbc.prepareStatement(sql, statement -> {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(mapper.map(rows));
                }
                return out;
            }
        });
    }

    /** Runs an INSERT, UPDATE or DELETE with positional parameters; the number of rows it changed. */
    public int update(String sql, Object... parameters) {
        return jdbc.prepareStatement(sql, statement -> {
            bind(statement, Arrays.asList(parameters)); // parameters may be null
            return statement.executeUpdate();
        });
    }

    /** The first row of {@code sql}, if any. */
    public <T> Optional<T> first(String sql, List<Object> parameters, RowMapper<T> mapper) {
        return list(sql, parameters, mapper).stream().findFirst();
    }

    /**
     * One page of {@code select} (a select list without ORDER BY or LIMIT) {@code from} (FROM and joins) filtered by
     * {@code conditions}, in {@code keyset} order, starting after {@code cursor}.
     */
    public <T> Page<T> page(String select, String from, Conditions conditions, Keyset keyset, @Nullable String cursor,
                            int limit, RowMapper<T> mapper) {
        List<Object> parameters = new ArrayList<>(conditions.parameters());
        String where = conditions.where();
        if (cursor != null && !cursor.isBlank()) {
            where += " AND " + keyset.after();
            parameters.addAll(keyset.parameters(Cursor.decode(cursor, keyset.name())));
        }
        String sql = "SELECT " + select + ", " + keyset.selectKeys() + " FROM " + from + " WHERE " + where
                + " ORDER BY " + keyset.orderBy() + " LIMIT " + (limit + 1);
        record Keyed<T>(T item, List<String> keys) {
        }
        List<Keyed<T>> rows = list(sql, parameters, row -> new Keyed<>(mapper.map(row), keyset.keysOf(row)));
        if (rows.size() <= limit) {
            return new Page<>(rows.stream().map(Keyed::item).toList(), null);
        }
        List<Keyed<T>> served = rows.subList(0, limit);
        return new Page<>(served.stream().map(Keyed::item).toList(),
                Cursor.encode(keyset.name(), served.getLast().keys()));
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }
}
