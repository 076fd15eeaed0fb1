package io.perimeter.cloud.ingest;

import io.micronaut.data.exceptions.DataAccessException;
import io.perimeter.tenancy.database.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Applies parts exactly once: in one tenant transaction, each part is claimed in the ledger and, if the claim is new,
 * written to the inventory; a part applied before is skipped. Either everything of the transaction commits or
 * nothing does, so a crash at any point leaves a part either applied and claimed, or neither. A transaction that
 * loses a lock race (deadlock, serialization failure) runs again, up to {@value #ATTEMPTS} times.
 */
@Singleton
final class PartApplier {
    private static final int ATTEMPTS = 3;

    private final TenantTransactions transactions;
    private final IngestLedger ledger;
    private final InventoryWriter writer;

    PartApplier(TenantTransactions transactions, IngestLedger ledger, InventoryWriter writer) {
        this.transactions = transactions;
        this.ledger = ledger;
        this.writer = writer;
    }

    /**
     * @param tenant whose parts they are
     * @param parts  parts of that tenant, applied together
     * @return how many of them were applied now; the others had been applied before
     */
    int apply(UUID tenant, List<BatchPart> parts) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.write(tenant, () -> applyClaimed(parts));
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || ApplyFailure.of(e) != ApplyFailure.CONFLICT) {
                    throw e;
                }
            }
        }
    }

    private int applyClaimed(List<BatchPart> parts) {
        int applied = 0;
        for (BatchPart part : parts) {
            if (ledger.claim(part)) {
                try {
                    writer.write(part);
                } catch (SQLException e) {
                    throw new DataAccessException("part " + part.index() + " of batch " + part.batchId()
                            + " could not be written (SQL state " + e.getSQLState() + ")", e);
                }
                applied++;
            }
        }
        return applied;
    }
}
