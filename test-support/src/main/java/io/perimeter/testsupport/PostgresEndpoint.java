package io.perimeter.testsupport;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;

/**
 * Where a test's PostgreSQL answers. {@code username} owns {@code database} and may create roles and databases; the
 * application role ({@code appUsername}) is the one the cloud connects as, which owns nothing.
 */
public record PostgresEndpoint(
        String host, int port, String database, String username, String password,
        String appUsername, String appPassword) {

    /** The JDBC URL of the database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /**
     * Creates an empty database named {@code prefix} plus a random suffix, owned by {@code username}, and drops it when
     * the JVM exits, so a suite migrates its own schema from scratch and leaves nothing behind.
     */
    public PostgresEndpoint freshDatabase(String prefix) {
        if (!prefix.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("database prefix must be lower-case letters, digits and _: " + prefix);
        }
        String name = prefix + "_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        execute("CREATE DATABASE " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (IllegalStateException ignored) {
                // the server is gone already; nothing to clean up
            }
        }));
        return new PostgresEndpoint(host, port, name, username, password, appUsername, appPassword);
    }

    /** The cloud's configuration for this database: the pool as the application role, migrations as the owner. */
    public Map<String, Object> cloudProperties() {
        return Map.of(
                "datasources.default.url", jdbcUrl(),
                "datasources.default.username", appUsername,
                "datasources.default.password", appPassword,
                "datasources.default.dialect", "POSTGRES",
                "perimeter.database.owner-username", username,
                "perimeter.database.owner-password", password,
                "perimeter.database.app-role", appUsername,
                "perimeter.database.app-password", appPassword);
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), username, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + jdbcUrl() + " refused: " + sql + " (" + e.getMessage()
                    + "). scripts/services start postgres gives the project's role the CREATEDB right it needs.", e);
        }
    }

    @Override
    public String toString() {
        return "PostgresEndpoint[" + jdbcUrl() + " as " + username + ", application role " + appUsername + "]";
    }
}
