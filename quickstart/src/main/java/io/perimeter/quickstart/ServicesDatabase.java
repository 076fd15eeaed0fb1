package io.perimeter.quickstart;

import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The PostgreSQL of {@code scripts/services}, as the API's own application role sees it: under row-level security,
 * so a reader names its tenant exactly as the API's transactions do.
 */
record ServicesDatabase(String url, String username, String password) implements CloudDatabase {
    /** The database the API in {@code api} uses. */
    static ServicesDatabase of(ApplicationContext api) {
        return new ServicesDatabase(api.getRequiredProperty("datasources.default.url", String.class),
                api.getRequiredProperty("datasources.default.username", String.class),
                api.getRequiredProperty("datasources.default.password", String.class));
    }

    @Override
    public Connection reader(UUID tenant) throws SQLException {
        Connection connection = DriverManager.getConnection(url, username, password);
        try (PreparedStatement scope = connection.prepareStatement("SELECT set_config('perimeter.tenant_id', ?, false)")) {
            scope.setString(1, tenant.toString());
            scope.execute();
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "ServicesDatabase[" + url + " as " + username + "]";
    }
}
