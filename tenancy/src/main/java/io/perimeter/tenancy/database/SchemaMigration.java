package io.perimeter.tenancy.database;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date when the application starts, as the owner role, before any request is served: the
 * application role first (when provisioned here), then Flyway's migrations, whose last step grants the application
 * role what it may do.
 */
@Context
@Requires(property = "perimeter.database.migrate", notEquals = "false")
public final class SchemaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);

    SchemaMigration(DatabaseSettings settings, @Property(name = "datasources.default.url") String url) {
        if (settings.ownerUsername() == null || settings.ownerUsername().isBlank()) {
            throw new IllegalStateException("perimeter.database.owner-username is not set: migrations need the role that "
                    + "owns the schema (set PERIMETER_DB_OWNER_USER and PERIMETER_DB_OWNER_PASSWORD)");
        }
        if (settings.provisionAppRole()) {
            provisionAppRole(url, settings);
        }
        MigrateResult result = Flyway.configure()
                .dataSource(url, settings.ownerUsername(), settings.ownerPassword())
                .locations("classpath:db/migration")
                .placeholders(Map.of("appRole", settings.appRole()))
                .load()
                .migrate();
        LOG.info("schema at version {} ({} migration(s) applied)", result.targetSchemaVersion, result.migrationsExecuted);
    }

    /** Creates the application role, or sets its password, so that it can log in with the configured one. */
    private static void provisionAppRole(String url, DatabaseSettings settings) {
        if (settings.appPassword() == null || settings.appPassword().isBlank()) {
            throw new IllegalStateException("perimeter.database.app-password is not set (PERIMETER_DB_APP_PASSWORD)");
        }
        try (Connection owner = DriverManager.getConnection(url, settings.ownerUsername(), settings.ownerPassword())) {
            boolean exists;
            try (PreparedStatement query = owner.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                query.setString(1, settings.appRole());
                try (ResultSet rows = query.executeQuery()) {
                    exists = rows.next();
                }
            }
            // The statement is built by the server (format with %I and %L), so neither value is spliced in here.
            String ddl;
            try (PreparedStatement format = owner.prepareStatement(
                    exists ? "SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', ?, ?)"
                           : "SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS "
                                   + "PASSWORD %L', ?, ?)")) {
                format.setString(1, settings.appRole());
                format.setString(2, settings.appPassword());
                try (ResultSet rows = format.executeQuery()) {
                    rows.next();
                    ddl = rows.getString(1);
                }
            }
            try (Statement statement = owner.createStatement()) {
                statement.execute(ddl);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not provision the application role " + settings.appRole() + " as "
                    + settings.ownerUsername() + " (it needs CREATEROLE): " + e.getMessage(), e);
        }
    }
}
