package io.perimeter.analyzer.spool;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The in-memory mirror of what the spool's database holds: the persistent counters and the sizes of the queue and of
 * the dead letters. Read once from the database when the spool opens ({@link #read}), then kept in step by applying
 * each committed {@link SpoolChange}, so that {@link #stats()} needs no disk access. Not thread-safe: the spool's lock
 * guards it.
 */
final class SpoolCounters {
    private final EnumMap<SpoolCounter, Long> counters = new EnumMap<>(SpoolCounter.class);
    private long queuedBatches;
    private long queuedBytes;
    private long deadLetters;

    /** An empty mirror, for a spool not yet read. */
    SpoolCounters() {}

    /** What the database holds now; call inside a transaction, after {@link SpoolDatabase#prepareSchema()}. */
    static Stored read(SpoolDatabase database) throws SQLException {
        Map<String, Long> values = new HashMap<>();
        try (Statement select = database.connection().createStatement();
                ResultSet row = select.executeQuery("SELECT name, value FROM counter")) {
            while (row.next()) {
                values.put(row.getString(1), row.getLong(2));
            }
        }
        return new Stored(values, database.single("SELECT count(*) FROM batch"),
                database.single("SELECT coalesce(sum(size), 0) FROM batch"),
                database.single("SELECT count(*) FROM dead_letter"));
    }

    /** The counters and sizes as read from the database, to be {@linkplain #load loaded} once committed. */
    record Stored(Map<String, Long> counters, long queuedBatches, long queuedBytes, long deadLetters) {}

    /** Replaces the mirror with what was read; counters missing from the database count as 0. */
    void load(Stored stored) {
        for (SpoolCounter counter : SpoolCounter.values()) {
            counters.put(counter, stored.counters().getOrDefault(counter.key(), 0L));
        }
        queuedBatches = stored.queuedBatches();
        queuedBytes = stored.queuedBytes();
        deadLetters = stored.deadLetters();
    }

    /** Takes a committed change into the mirror. */
    void apply(SpoolChange change) {
        change.counts.forEach((counter, delta) -> counters.merge(counter, delta, Long::sum));
        queuedBatches += change.queuedBatches;
        queuedBytes += change.queuedBytes;
        deadLetters += change.deadLetters;
    }

    long count(SpoolCounter counter) {
        return counters.getOrDefault(counter, 0L);
    }

    long queuedBatches() {
        return queuedBatches;
    }

    long queuedBytes() {
        return queuedBytes;
    }

    long deadLetters() {
        return deadLetters;
    }

    SpoolStats stats() {
        return new SpoolStats(queuedBatches, queuedBytes, deadLetters, count(SpoolCounter.APPENDED),
                count(SpoolCounter.DUPLICATES), count(SpoolCounter.ACKNOWLEDGED), count(SpoolCounter.EVICTED_BATCHES),
                count(SpoolCounter.EVICTED_BYTES), count(SpoolCounter.DEAD_LETTERED),
                count(SpoolCounter.DEAD_LETTERS_DROPPED), count(SpoolCounter.REFUSED_TOO_LARGE));
    }
}
