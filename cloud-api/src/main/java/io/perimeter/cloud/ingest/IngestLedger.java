package io.perimeter.cloud.ingest;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

/**
 * What ingest has applied ({@code ingested_batches}) and given up on ({@code ingest_dead_letters}). A part is claimed
 * in the transaction that applies it: the primary key (tenant, batch, part) lets exactly one transaction claim it, and
 * a second delivery of the same part (a retry, a redelivery after a crash) finds it claimed and changes nothing. Every
 * method runs inside a tenant transaction.
 */
@Singleton
final class IngestLedger {
    private final JdbcOperations jdbc;

    IngestLedger(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims {@code part} for this transaction; false if it was applied before (or is being applied right now). */
    boolean claim(BatchPart part) {
        return jdbc.prepareStatement("""
                INSERT INTO ingested_batches (tenant_id, batch_id, part, edge_id, observations)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, insert -> {
            insert.setObject(1, part.tenantId());
            insert.setObject(2, part.batchId());
            insert.setInt(3, part.index());
            insert.setObject(4, part.edgeId());
            insert.setInt(5, part.observations());
            return insert.executeUpdate() == 1;
        });
    }

    /** Whether any part of the batch was applied: then the batch was accepted before. */
    boolean applied(UUID tenant, UUID batchId) {
        return jdbc.prepareStatement("SELECT 1 FROM ingested_batches WHERE tenant_id = ? AND batch_id = ? LIMIT 1",
                query -> {
                    query.setObject(1, tenant);
                    query.setObject(2, batchId);
                    try (ResultSet row = query.executeQuery()) {
                        return row.next();
                    }
                });
    }

    /** Records that a part was given up on, and why (an exception class and SQL state: never a message or a value). */
    void deadLetter(UUID tenant, UUID batchId, Integer part, String reason) {
        jdbc.prepareStatement("INSERT INTO ingest_dead_letters (tenant_id, batch_id, part, reason) VALUES (?, ?, ?, ?)",
                (PreparedStatement insert) -> {
                    insert.setObject(1, tenant);
                    insert.setObject(2, batchId);
                    insert.setObject(3, part);
                    insert.setString(4, reason);
                    return insert.executeUpdate();
                });
    }
}
