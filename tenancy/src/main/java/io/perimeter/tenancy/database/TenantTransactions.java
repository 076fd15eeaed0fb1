package io.perimeter.tenancy.database;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The only way the cloud touches tenant data: a transaction that first tells PostgreSQL whose rows it may see
 * ({@code set_config(..., true)}, so the setting ends with the transaction and never leaks to the next user of the
 * pooled connection). Repositories called inside {@code work} join that transaction. Code that forgets to come
 * through here sees no rows at all, because the application role is bound by row-level security.
 */
@Singleton
public final class TenantTransactions {
    private static final String TENANT = "perimeter.tenant_id";
    private static final String OPERATOR = "perimeter.operator";

    private final TransactionOperations<Connection> transactions;

    TenantTransactions(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Runs {@code work} in a read-write transaction scoped to {@code tenant}. */
    public <T> T write(UUID tenant, Supplier<T> work) {
        Objects.requireNonNull(tenant, "tenant");
        if (joined(TENANT, tenant.toString())) {
            return work.get();
        }
        return transactions.executeWrite(status -> scoped(status, TENANT, tenant.toString(), work));
    }

    /** Runs {@code work} in a read-only transaction scoped to {@code tenant}. */
    public <T> T read(UUID tenant, Supplier<T> work) {
        Objects.requireNonNull(tenant, "tenant");
        if (joined(TENANT, tenant.toString())) {
            return work.get();
        }
        return transactions.executeRead(status -> scoped(status, TENANT, tenant.toString(), work));
    }

    /** Runs {@code work} as the platform operator: the tenants table in full, no tenant's data. */
    public <T> T asOperator(Supplier<T> work) {
        if (joined(OPERATOR, "on")) {
            return work.get();
        }
        return transactions.executeWrite(status -> scoped(status, OPERATOR, "on", work));
    }

    /** Runs {@code work} in a read-only transaction that may see the rows {@code key} names under {@code lookup}. */
    public <T> T lookUp(Lookup lookup, String key, Supplier<T> work) {
        Objects.requireNonNull(key, "key");
        return transactions.executeRead(status -> {
            refuseNesting(status);
            return scoped(status, lookup.setting(), key, work);
        });
    }

    /** The tenant of the current transaction, if it is scoped to one. */
    public Optional<UUID> currentTenant() {
        return transactions.findTransactionStatus()
                .flatMap(status -> setting((Connection) status.getConnection(), TENANT))
                .map(UUID::fromString);
    }

    /**
     * Inside a transaction already: fine if it carries the same scope (a service calling another), refused
     * otherwise, because changing the scope of a running transaction would hand its earlier reads to another tenant.
     */
    private boolean joined(String name, String value) {
        Optional<? extends TransactionStatus<?>> outer = transactions.findTransactionStatus();
        if (outer.isEmpty()) {
            return false;
        }
        Optional<String> current = setting((Connection) outer.get().getConnection(), name);
        if (current.isPresent() && current.get().equals(value)) {
            return true;
        }
        throw new IllegalStateException("a tenant-scoped transaction may not be nested in a transaction of another scope");
    }

    private void refuseNesting(TransactionStatus<Connection> status) {
        if (!status.isNewTransaction()) {
            throw new IllegalStateException("a lookup runs in its own transaction, not inside another");
        }
    }

    private static <T> T scoped(TransactionStatus<Connection> status, String name, String value, Supplier<T> work) {
        try (PreparedStatement set = status.getConnection().prepareStatement("SELECT set_config(?, ?, true)")) {
            set.setString(1, name);
            set.setString(2, value);
            set.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("could not scope the transaction: " + e.getMessage(), e);
        }
        return work.get();
    }

    private static Optional<String> setting(Connection connection, String name) {
        try (PreparedStatement get = connection.prepareStatement("SELECT nullif(current_setting(?, true), '')")) {
            get.setString(1, name);
            try (ResultSet rows = get.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the transaction's scope: " + e.getMessage(), e);
        }
    }
}
