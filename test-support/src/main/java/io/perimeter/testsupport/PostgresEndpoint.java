package io.perimeter.testsupport;

/** Where a test's PostgreSQL answers; the user owns {@code database} and may create roles. */
public record PostgresEndpoint(String host, int port, String database, String username, String password) {

    /** The JDBC URL of the database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "PostgresEndpoint[" + jdbcUrl() + " as " + username + "]";
    }
}
