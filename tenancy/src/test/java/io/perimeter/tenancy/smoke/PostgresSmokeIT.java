package io.perimeter.tenancy.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("services")
@RequiresServices(Service.POSTGRES)
class PostgresSmokeIT {

    @Test
    void realPostgresAnswersQueriesInATransaction(PostgresEndpoint postgres) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password())) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            assertThat(connection.getMetaData().getDatabaseMajorVersion()).isGreaterThanOrEqualTo(15);

            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("CREATE TEMP TABLE smoke (id int PRIMARY KEY, name text NOT NULL) ON COMMIT DROP");
                statement.execute("INSERT INTO smoke VALUES (1, 'one'), (2, 'two'), (3, 'three')");
                List<String> names = new ArrayList<>();
                try (var rows = statement.executeQuery("SELECT name FROM smoke WHERE id >= 2 ORDER BY id")) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
                assertThat(names).containsExactly("two", "three");
            }
            connection.commit();
        }
    }
}
