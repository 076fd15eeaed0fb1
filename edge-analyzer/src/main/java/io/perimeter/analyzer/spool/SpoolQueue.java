package io.perimeter.analyzer.spool;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The statements on the spool's two tables, the queue ({@code batch}, oldest first by {@code seq}) and the dead
 * letters ({@code dead_letter}). Each runs inside the caller's transaction and records what it does in the caller's
 * {@link SpoolChange}; none commits, logs or touches the in-memory mirror. Not thread-safe: the spool's lock guards it.
 */
final class SpoolQueue {
    private final Connection db;
    private final SpoolSettings settings;
    private final SpoolCounters mirror;

    SpoolQueue(Connection db, SpoolSettings settings, SpoolCounters mirror) {
        this.db = db;
        this.settings = settings;
        this.mirror = mirror;
    }

    /**
     * Appends a batch as the newest unless one of its id is queued or dead-lettered, evicting the oldest batches first
     * to make room; counts it all in {@code change} and persists the counts.
     */
    AppendResult append(String batchId, byte[] body, long spooledAtMillis, SpoolChange change) throws SQLException {
        if (isKnown(batchId)) {
            change.count(SpoolCounter.DUPLICATES, 1);
            change.persist(db);
            return AppendResult.DUPLICATE;
        }
        evictFor(body.length, change);
        insert(batchId, body, spooledAtMillis);
        change.queue(1, body.length);
        change.count(SpoolCounter.APPENDED, 1);
        change.persist(db);
        return AppendResult.SPOOLED;
    }

    /** Removes a queued batch, counted and persisted; whether it was queued. */
    boolean acknowledge(String batchId, SpoolChange change) throws SQLException {
        long size = queuedSize(batchId);
        if (size < 0) {
            return false;
        }
        delete("batch", batchId);
        change.queue(-1, -size);
        change.count(SpoolCounter.ACKNOWLEDGED, 1);
        change.persist(db);
        return true;
    }

    /** Moves a queued batch to the dead letters ({@link #moveToDeadLetters}), persisted; whether it was queued. */
    boolean deadLetter(String batchId, int status, Optional<String> problemType, long deadAtMillis, SpoolChange change)
            throws SQLException {
        long size = queuedSize(batchId);
        if (size < 0) {
            return false;
        }
        moveToDeadLetters(batchId, size, status, problemType, deadAtMillis, change);
        change.persist(db);
        return true;
    }

    /** Whether a batch of this id is queued or dead-lettered. */
    boolean isKnown(String batchId) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(
                "SELECT 1 FROM batch WHERE batch_id = ? UNION ALL SELECT 1 FROM dead_letter WHERE batch_id = ?")) {
            select.setString(1, batchId);
            select.setString(2, batchId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /** The size of a queued batch, or -1 if it is not queued. */
    long queuedSize(String batchId) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT size FROM batch WHERE batch_id = ?")) {
            select.setString(1, batchId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : -1;
            }
        }
    }

    /** Queues a batch as the newest. */
    void insert(String batchId, byte[] body, long spooledAtMillis) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO batch (batch_id, body, size, spooled_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, batchId);
            insert.setBytes(2, body);
            insert.setLong(3, body.length);
            insert.setLong(4, spooledAtMillis);
            insert.executeUpdate();
        }
    }

    /** The oldest queued batch, if any. */
    Optional<SpooledBatch> oldest() throws SQLException {
        try (Statement select = db.createStatement();
                ResultSet row = select.executeQuery(
                        "SELECT seq, batch_id, body, spooled_at FROM batch ORDER BY seq LIMIT 1")) {
            if (!row.next()) {
                return Optional.empty();
            }
            return Optional.of(new SpooledBatch(row.getLong(1), row.getString(2), row.getBytes(3),
                    Instant.ofEpochMilli(row.getLong(4))));
        }
    }

    /** Removes a batch from {@code batch} (the queue) or {@code dead_letter}. */
    void delete(String table, String batchId) throws SQLException {
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM " + table + " WHERE batch_id = ?")) {
            delete.setString(1, batchId);
            delete.executeUpdate();
        }
    }

    /**
     * Evicts the oldest batches until one more of {@code bytes} fits (or, for 0 bytes, until the queue fits), counting
     * each eviction in {@code change}.
     */
    void evictFor(long bytes, SpoolChange change) throws SQLException {
        int adding = bytes > 0 ? 1 : 0;
        while (mirror.queuedBatches() + change.queuedBatches + adding > settings.maxBatches()
                || mirror.queuedBytes() + change.queuedBytes + bytes > settings.maxBytes()) {
            String id;
            long size;
            try (Statement select = db.createStatement();
                    ResultSet row = select.executeQuery("SELECT batch_id, size FROM batch ORDER BY seq LIMIT 1")) {
                if (!row.next()) {
                    return;
                }
                id = row.getString(1);
                size = row.getLong(2);
            }
            delete("batch", id);
            change.queue(-1, -size);
            change.count(SpoolCounter.EVICTED_BATCHES, 1);
            change.count(SpoolCounter.EVICTED_BYTES, size);
            change.evicted.add(id + " (" + size + " bytes)");
        }
    }

    /**
     * Moves a queued batch of {@code size} bytes to the dead letters with its status and problem type, then deletes
     * the oldest dead letters beyond {@link SpoolSettings#maxDeadLetters()}; all counted in {@code change}.
     */
    void moveToDeadLetters(String batchId, long size, int status, Optional<String> problemType, long deadAtMillis,
            SpoolChange change) throws SQLException {
        try (PreparedStatement move = db.prepareStatement("""
                INSERT OR REPLACE INTO dead_letter (batch_id, body, size, status, problem_type, dead_at)
                SELECT batch_id, body, size, ?, ?, ? FROM batch WHERE batch_id = ?""")) {
            move.setInt(1, status);
            move.setString(2, problemType.orElse(null));
            move.setLong(3, deadAtMillis);
            move.setString(4, batchId);
            move.executeUpdate();
        }
        delete("batch", batchId);
        change.queue(-1, -size);
        change.deadLetters(1);
        change.count(SpoolCounter.DEAD_LETTERED, 1);
        while (mirror.deadLetters() + change.deadLetters > settings.maxDeadLetters()) {
            try (Statement drop = db.createStatement()) {
                drop.executeUpdate("DELETE FROM dead_letter WHERE seq = (SELECT min(seq) FROM dead_letter)");
            }
            change.deadLetters(-1);
            change.count(SpoolCounter.DEAD_LETTERS_DROPPED, 1);
        }
    }

    /** The dead letters kept, oldest first, without their bodies. */
    List<DeadLetter> deadLetters() throws SQLException {
        List<DeadLetter> letters = new ArrayList<>();
        try (Statement select = db.createStatement();
                ResultSet row = select.executeQuery(
                        "SELECT batch_id, status, problem_type, size, dead_at FROM dead_letter ORDER BY seq")) {
            while (row.next()) {
                letters.add(new DeadLetter(row.getString(1), row.getInt(2), Optional.ofNullable(row.getString(3)),
                        row.getLong(4), Instant.ofEpochMilli(row.getLong(5))));
            }
        }
        return List.copyOf(letters);
    }
}
