package io.perimeter.analyzer.spool;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one transaction changes: counter deltas, the queue's and the dead letters' change in size, and the batches it
 * evicted. {@link #persist} writes the counter deltas inside the transaction; the in-memory mirror
 * ({@link SpoolCounters#apply}) takes the change only once the transaction is committed, so the mirror never runs
 * ahead of the disk. Not thread-safe: one change belongs to one transaction.
 */
final class SpoolChange {
    final EnumMap<SpoolCounter, Long> counts = new EnumMap<>(SpoolCounter.class);
    /** Evicted batches as {@code "<id> (<size> bytes)"}, oldest first, for the log. */
    final List<String> evicted = new ArrayList<>();
    long queuedBatches;
    long queuedBytes;
    long deadLetters;

    void count(SpoolCounter counter, long delta) {
        counts.merge(counter, delta, Long::sum);
    }

    void queue(long batches, long bytes) {
        queuedBatches += batches;
        queuedBytes += bytes;
    }

    void deadLetters(long delta) {
        deadLetters += delta;
    }

    /** Adds the counter deltas to the {@code counter} table; call inside the transaction that made them. */
    void persist(Connection db) throws SQLException {
        if (counts.isEmpty()) {
            return;
        }
        try (PreparedStatement update = db.prepareStatement("UPDATE counter SET value = value + ? WHERE name = ?")) {
            for (Map.Entry<SpoolCounter, Long> entry : counts.entrySet()) {
                update.setLong(1, entry.getValue());
                update.setString(2, entry.getKey().key());
                update.executeUpdate();
            }
        }
    }
}
