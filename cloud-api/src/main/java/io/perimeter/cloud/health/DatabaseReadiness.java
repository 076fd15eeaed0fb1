package io.perimeter.cloud.health;

import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;

/**
 * Ready when the application's pool gets a connection as the application role and that role can read the schema the
 * migrations made: a read-only transaction without a tenant (row-level security shows it no row, which is all the
 * check needs) that plans a query on {@code tenants}.
 */
@Singleton
@Readiness
final class DatabaseReadiness implements HealthIndicator {
    private static final String QUERY = "SELECT 1 FROM tenants LIMIT 0";

    private final TransactionOperations<Connection> transactions;
    private final DependencyCheck check;

    DatabaseReadiness(TransactionOperations<Connection> transactions, HealthSettings settings,
                      @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.transactions = transactions;
        this.check = new DependencyCheck("database", settings.checkTimeout(), executor);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return check.result(() -> transactions.executeRead(status -> {
            try (PreparedStatement query = status.getConnection().prepareStatement(QUERY);
                 ResultSet ignored = query.executeQuery()) {
                return true;
            } catch (SQLException e) {
                throw new IllegalStateException("the readiness query failed: " + e.getMessage(), e);
            }
        }));
    }
}
