package io.perimeter.cloud.playbooks;

import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.perimeter.cloud.query.Columns;
import io.perimeter.cloud.query.SqlRows;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A tenant's playbooks and destinations in PostgreSQL. Call inside the tenant's transaction: every query also names
 * the tenant, and row-level security refuses rows of any other.
 */
@Singleton
final class PlaybookStore {
    private static final String PLAYBOOK = "SELECT id, name, description, rules, categories, steps::text AS steps, "
            + "actions::text AS actions, based_on, updated_by, updated_at FROM playbooks";
    private static final String DESTINATION = "SELECT id, name, kind, url, secret, settings::text AS settings "
            + "FROM playbook_destinations";

    private final JdbcOperations jdbc;
    private final SqlRows rows;
    private final JsonMapper json;

    PlaybookStore(JdbcOperations jdbc, SqlRows rows, JsonMapper json) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.json = json;
    }

    List<Playbook> playbooks(UUID tenant) {
        return rows.list(PLAYBOOK + " WHERE tenant_id = ? ORDER BY name", List.of(tenant), this::playbook);
    }

    Optional<Playbook> playbook(UUID tenant, UUID id) {
        return rows.first(PLAYBOOK + " WHERE tenant_id = ? AND id = ?", List.of(tenant, id), this::playbook);
    }

    Optional<Playbook> playbookByName(UUID tenant, String name) {
        return rows.first(PLAYBOOK + " WHERE tenant_id = ? AND name = ?", List.of(tenant, name), this::playbook);
    }

    /** Inserts or replaces the playbook with {@code id}. */
    void save(UUID tenant, UUID id, Playbook playbook, String actor, Instant now) {
        jdbc.prepareStatement("""
                INSERT INTO playbooks (id, tenant_id, name, description, rules, categories, steps, actions, based_on,
                                       created_by, updated_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, CAST(? AS text[]), CAST(? AS text[]), CAST(? AS jsonb), CAST(? AS jsonb), ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
                    rules = excluded.rules, categories = excluded.categories, steps = excluded.steps,
                    actions = excluded.actions, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """, statement -> {
            statement.setObject(1, id);
            statement.setObject(2, tenant);
            statement.setString(3, playbook.name());
            statement.setString(4, playbook.description());
            statement.setArray(5, statement.getConnection().createArrayOf("text", playbook.rules().toArray()));
            statement.setArray(6, statement.getConnection().createArrayOf("text", playbook.categories().toArray()));
            statement.setString(7, write(playbook.steps()));
            statement.setString(8, write(playbook.actions()));
            statement.setString(9, playbook.basedOn());
            statement.setString(10, actor);
            statement.setString(11, actor);
            statement.setObject(12, java.sql.Timestamp.from(now));
            statement.setObject(13, java.sql.Timestamp.from(now));
            return statement.executeUpdate();
        });
    }

    boolean deletePlaybook(UUID tenant, UUID id) {
        return rows.update("DELETE FROM playbooks WHERE tenant_id = ? AND id = ?", tenant, id) == 1;
    }

    List<Destination> destinations(UUID tenant) {
        return rows.list(DESTINATION + " WHERE tenant_id = ? ORDER BY name", List.of(tenant), this::destination);
    }

    Optional<Destination> destination(UUID tenant, UUID id) {
        return rows.first(DESTINATION + " WHERE tenant_id = ? AND id = ?", List.of(tenant, id), this::destination);
    }

    void insert(UUID tenant, Destination destination, String actor) {
        jdbc.prepareStatement("""
                INSERT INTO playbook_destinations (id, tenant_id, name, kind, url, secret, settings, created_by)
                VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)
                """, statement -> {
            statement.setObject(1, destination.id());
            statement.setObject(2, tenant);
            statement.setString(3, destination.name());
            statement.setString(4, destination.kind());
            statement.setString(5, destination.url());
            statement.setString(6, destination.secret());
            statement.setString(7, write(destination.settings()));
            statement.setString(8, actor);
            return statement.executeUpdate();
        });
    }

    boolean deleteDestination(UUID tenant, UUID id) {
        return rows.update("DELETE FROM playbook_destinations WHERE tenant_id = ? AND id = ?", tenant, id) == 1;
    }

    /** Playbooks whose actions deliver to {@code destination}. */
    List<String> usersOf(UUID tenant, UUID destination) {
        return rows.list("SELECT name FROM playbooks WHERE tenant_id = ? AND actions @> CAST(? AS jsonb) ORDER BY name",
                List.of(tenant, "[{\"destinationId\": \"" + destination + "\"}]"), row -> row.getString(1));
    }

    private Playbook playbook(ResultSet row) throws SQLException {
        return new Playbook(row.getString("id"), row.getString("name"), row.getString("description"),
                Columns.strings(row, "rules"), Columns.strings(row, "categories"),
                read(row.getString("steps"), Argument.listOf(String.class)),
                read(row.getString("actions"), Argument.listOf(PlaybookAction.class)), false,
                row.getString("based_on"), row.getString("updated_by"), Columns.instant(row, "updated_at"));
    }

    private Destination destination(ResultSet row) throws SQLException {
        return new Destination(Columns.uuid(row, "id"), row.getString("name"), row.getString("kind"),
                row.getString("url"), row.getString("secret"),
                read(row.getString("settings"), Argument.mapOf(String.class, String.class)));
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T read(String text, Argument<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
