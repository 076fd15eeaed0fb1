package io.perimeter.analyzer.spool;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * The edge's durable queue of outgoing batches: one SQLite database ({@value #DATABASE_FILE}) in a directory of its
 * own, in WAL mode with {@code synchronous=FULL}, so that a batch is on disk when {@link #append} returns and stays
 * there through {@code kill -9}, a crash of the host or a restart, until the control plane has stored it
 * ({@link #acknowledge}) or refused it for good ({@link #deadLetter}).
 *
 * <p>What it keeps: per batch, its id (a UUID), its gzipped JSON exactly as appended, and when it came; per dead
 * letter, also the HTTP status and a problem-type token; and counters. Nothing else is written to the directory.
 * Batches are contract batches, validated before they get here, so the spool holds no raw value of any request.
 *
 * <p>Bounded: an append that would take the queue over {@link SpoolSettings#maxBytes()} or
 * {@link SpoolSettings#maxBatches()} first evicts the oldest batches, in the same transaction; every eviction is
 * counted in {@link #stats()} (persistently) and logged with the batch id. A batch larger than the whole bound is
 * refused and counted. Nothing is dropped silently.
 *
 * <p>One process at a time: the directory is locked ({@value #LOCK_FILE}) while the spool is open; the operating
 * system releases the lock when the process dies, however it dies.
 *
 * <p>Thread-safe: every method may be called from any thread; they run one at a time. The caller who opens a spool
 * closes it. Failures of the disk or the database surface as {@link SpoolException}; their messages name files and
 * steps, never batch contents. Logs name batch ids and sizes only.
 */
public final class Spool implements AutoCloseable {
    /** The database file in the spool directory (SQLite adds {@code -wal} and {@code -shm} files beside it). */
    public static final String DATABASE_FILE = "spool.db";
    /** The lock file that keeps a second process out of an open spool. */
    public static final String LOCK_FILE = "spool.lock";
    /** What a dead letter's problem type may look like: a short lower-case token, so that it cannot carry data. */
    public static final Pattern PROBLEM_TYPE = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    /** A batch id as the contract writes it: a lower-case UUID. */
    static final Pattern BATCH_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static final int SCHEMA_VERSION = 1;
    private static final System.Logger LOG = System.getLogger(Spool.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private enum Counter {
        APPENDED, DUPLICATES, ACKNOWLEDGED, EVICTED_BATCHES, EVICTED_BYTES, DEAD_LETTERED, DEAD_LETTERS_DROPPED,
        REFUSED_TOO_LARGE;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Path directory;
    private final Path databaseFile;
    private final SpoolSettings settings;
    private final Clock clock;
    private final FileChannel lockChannel;
    private final Connection db;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final EnumMap<Counter, Long> counters = new EnumMap<>(Counter.class);
    private long queuedBatches;
    private long queuedBytes;
    private long deadLetters;
    private boolean closed;

    /**
     * Opens the spool in {@code directory}, creating the directory (owner-only) and the database if needed. Checks the
     * database, and if it holds more than {@code settings} allow (the bounds were lowered), evicts the oldest batches,
     * counted.
     *
     * @throws SpoolException if the directory is locked by another process, or the database cannot be opened, is
     *                        damaged or was written by a newer edge
     */
    public static Spool open(Path directory, SpoolSettings settings) {
        return open(directory, settings, Clock.systemUTC());
    }

    /** As {@link #open(Path, SpoolSettings)}, with the clock that stamps appends and dead letters. */
    public static Spool open(Path directory, SpoolSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        createDirectory(directory);
        FileChannel channel = null;
        Connection db = null;
        try {
            channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock;
            try {
                fileLock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                fileLock = null;
            }
            if (fileLock == null) {
                throw new SpoolException("spool " + directory + " is in use by another spool (" + LOCK_FILE + " is locked)");
            }
            db = connect(directory.resolve(DATABASE_FILE));
            return new Spool(directory, settings, clock, channel, db);
        } catch (IOException e) {
            closeQuietly(db, channel);
            throw new SpoolException("cannot lock spool " + directory, e);
        } catch (RuntimeException | Error e) {
            closeQuietly(db, channel);
            throw e;
        }
    }

    private Spool(Path directory, SpoolSettings settings, Clock clock, FileChannel lockChannel, Connection db) {
        this.directory = directory;
        this.databaseFile = directory.resolve(DATABASE_FILE);
        this.settings = settings;
        this.clock = clock;
        this.lockChannel = lockChannel;
        this.db = db;
        prepare();
    }

    /** The spool's directory. */
    public Path directory() {
        return directory;
    }

    /** The bounds in force. */
    public SpoolSettings settings() {
        return settings;
    }

    /**
     * Appends a contract batch: gzips its JSON and appends it under its {@code batchId}.
     *
     * @throws IllegalArgumentException if the batch has no {@code batchId} in the contract's form
     * @see #append(String, byte[])
     */
    public AppendResult append(ObjectNode batch) {
        JsonNode id = batch.get("batchId");
        if (id == null || !id.isTextual()) {
            throw new IllegalArgumentException("a batch needs a batchId");
        }
        return append(id.textValue(), gzip(batch));
    }

    /**
     * Appends one batch, durably: when this returns {@link AppendResult#SPOOLED}, the batch is on disk. Idempotent on
     * {@code batchId}: a batch already queued or dead-lettered is left as it is ({@link AppendResult#DUPLICATE}). If
     * the spool is full, the oldest batches are evicted first, counted and logged.
     *
     * @param batchId the batch's {@code batchId}, a lower-case UUID
     * @param gzipped the batch's JSON, gzipped; copied, so the caller may reuse the array
     * @throws IllegalArgumentException if the id is not a lower-case UUID or the bytes are not gzip
     * @throws SpoolException           if the spool is closed or the disk refuses the write (nothing changed then)
     */
    public AppendResult append(String batchId, byte[] gzipped) {
        requireBatchId(batchId);
        if (gzipped.length < 18 || (gzipped[0] & 0xff) != 0x1f || (gzipped[1] & 0xff) != 0x8b) {
            throw new IllegalArgumentException("batch " + batchId + " is not gzipped");
        }
        byte[] body = gzipped.clone();
        lock.lock();
        try {
            ensureOpen();
            Change change = new Change();
            if (body.length > settings.maxBytes()) {
                change.count(Counter.REFUSED_TOO_LARGE, 1);
                transaction("append", () -> {
                    change.persist(db);
                    return null;
                });
                apply(change);
                LOG.log(WARNING, "spool refused batch {0}: {1,number,#} bytes gzipped, more than the spool''s bound of {2,number,#} bytes; "
                        + "{3,number,#} refused so far", batchId, body.length, settings.maxBytes(), count(Counter.REFUSED_TOO_LARGE));
                return AppendResult.TOO_LARGE;
            }
            AppendResult result = transaction("append", () -> {
                if (isKnown(batchId)) {
                    change.count(Counter.DUPLICATES, 1);
                    change.persist(db);
                    return AppendResult.DUPLICATE;
                }
                evictFor(body.length, change);
                try (PreparedStatement insert = db.prepareStatement(
                        "INSERT INTO batch (batch_id, body, size, spooled_at) VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, batchId);
                    insert.setBytes(2, body);
                    insert.setLong(3, body.length);
                    insert.setLong(4, clock.millis());
                    insert.executeUpdate();
                }
                change.queue(1, body.length);
                change.count(Counter.APPENDED, 1);
                change.persist(db);
                return AppendResult.SPOOLED;
            });
            apply(change);
            logEvictions(change);
            if (result == AppendResult.SPOOLED) {
                changed.signalAll();
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** The oldest batch waiting to be shipped, if any; it stays queued until acknowledged or dead-lettered. */
    public Optional<SpooledBatch> peekOldest() {
        lock.lock();
        try {
            ensureOpen();
            return transaction("read", () -> {
                try (Statement select = db.createStatement();
                        ResultSet row = select.executeQuery(
                                "SELECT seq, batch_id, body, spooled_at FROM batch ORDER BY seq LIMIT 1")) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new SpooledBatch(row.getLong(1), row.getString(2), row.getBytes(3),
                            Instant.ofEpochMilli(row.getLong(4))));
                }
            });
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes a batch the control plane has stored.
     *
     * @return whether it was queued (it may have been evicted while it was being sent)
     */
    public boolean acknowledge(String batchId) {
        requireBatchId(batchId);
        lock.lock();
        try {
            ensureOpen();
            Change change = new Change();
            boolean removed = transaction("acknowledge", () -> {
                long size = queuedSize(batchId);
                if (size < 0) {
                    return false;
                }
                delete("batch", batchId);
                change.queue(-1, -size);
                change.count(Counter.ACKNOWLEDGED, 1);
                change.persist(db);
                return true;
            });
            apply(change);
            return removed;
        } finally {
            lock.unlock();
        }
    }

    /** As {@link #deadLetter(String, int, Optional)} without a problem type. */
    public boolean deadLetter(String batchId, int status) {
        return deadLetter(batchId, status, Optional.empty());
    }

    /**
     * Moves a batch the control plane refused for good to the dead-letter area, keeping its bytes, the status and the
     * problem type, and nothing else about the refusal. Keeps at most {@link SpoolSettings#maxDeadLetters()}: the
     * oldest beyond that are deleted, counted.
     *
     * @param status      the HTTP status of the refusal (100–599)
     * @param problemType a token matching {@link #PROBLEM_TYPE}, if the refusal named one
     * @return whether the batch was queued
     * @throws IllegalArgumentException if the status or the problem type is not of the allowed form
     */
    public boolean deadLetter(String batchId, int status, Optional<String> problemType) {
        requireBatchId(batchId);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        if (problemType.isPresent() && !PROBLEM_TYPE.matcher(problemType.get()).matches()) {
            throw new IllegalArgumentException("a problem type is a short lower-case token");
        }
        lock.lock();
        try {
            ensureOpen();
            Change change = new Change();
            boolean moved = transaction("dead-letter", () -> {
                long size = queuedSize(batchId);
                if (size < 0) {
                    return false;
                }
                try (PreparedStatement move = db.prepareStatement("""
                        INSERT OR REPLACE INTO dead_letter (batch_id, body, size, status, problem_type, dead_at)
                        SELECT batch_id, body, size, ?, ?, ? FROM batch WHERE batch_id = ?""")) {
                    move.setInt(1, status);
                    move.setString(2, problemType.orElse(null));
                    move.setLong(3, clock.millis());
                    move.setString(4, batchId);
                    move.executeUpdate();
                }
                delete("batch", batchId);
                change.queue(-1, -size);
                change.deadLetters(1);
                change.count(Counter.DEAD_LETTERED, 1);
                while (deadLetters + change.deadLetters > settings.maxDeadLetters()) {
                    try (Statement drop = db.createStatement()) {
                        drop.executeUpdate("DELETE FROM dead_letter WHERE seq = (SELECT min(seq) FROM dead_letter)");
                    }
                    change.deadLetters(-1);
                    change.count(Counter.DEAD_LETTERS_DROPPED, 1);
                }
                change.persist(db);
                return true;
            });
            apply(change);
            if (moved) {
                LOG.log(WARNING, "spool moved batch {0} to the dead letters (HTTP {1,number,#}{2}); {3,number,#} dead-lettered so far",
                        batchId, status, problemType.map(p -> ", " + p).orElse(""), count(Counter.DEAD_LETTERED));
            }
            return moved;
        } finally {
            lock.unlock();
        }
    }

    /** The dead letters kept, oldest first. */
    public List<DeadLetter> deadLetters() {
        lock.lock();
        try {
            ensureOpen();
            return transaction("read", () -> {
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
            });
        } finally {
            lock.unlock();
        }
    }

    /** What the spool holds and its counters since it was created. Cheap: no disk access. */
    public SpoolStats stats() {
        lock.lock();
        try {
            return new SpoolStats(queuedBatches, queuedBytes, deadLetters, count(Counter.APPENDED),
                    count(Counter.DUPLICATES), count(Counter.ACKNOWLEDGED), count(Counter.EVICTED_BATCHES),
                    count(Counter.EVICTED_BYTES), count(Counter.DEAD_LETTERED), count(Counter.DEAD_LETTERS_DROPPED),
                    count(Counter.REFUSED_TOO_LARGE));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a batch is queued, the spool is closed or {@code timeout} has passed.
     *
     * @return whether a batch is queued
     */
    public boolean awaitBatch(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lockInterruptibly();
        try {
            while (!closed && queuedBatches == 0) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return !closed && queuedBatches > 0;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the spool is open. */
    public boolean isOpen() {
        lock.lock();
        try {
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /** SQLite's full integrity check: {@code ["ok"]} for a sound database, else the problems it found. */
    List<String> integrityCheck() {
        lock.lock();
        try {
            ensureOpen();
            return transaction("check", () -> check("integrity_check"));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the database (checkpointing its log into the database file) and releases the directory. Idempotent. The
     * queued batches stay on disk for the next {@link #open}.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            changed.signalAll();
            try {
                db.close();
            } catch (SQLException e) {
                throw new SpoolException("cannot close spool " + databaseFile, e);
            } finally {
                closeQuietly(null, lockChannel);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Spool[" + directory + "]";
    }

    // ---- inside ----

    private void prepare() {
        try {
            Stored stored = transaction("open", () -> {
                int version = (int) single("PRAGMA user_version");
                if (version > SCHEMA_VERSION) {
                    throw new SpoolException("spool " + databaseFile + " was written by a newer edge (schema " + version
                            + ", this edge knows " + SCHEMA_VERSION + ")");
                }
                List<String> problems = check("quick_check");
                if (!problems.equals(List.of("ok"))) {
                    throw new SpoolException("spool " + databaseFile + " is damaged (" + problems.size()
                            + " problems found by SQLite's quick_check); move the directory aside to start a new spool");
                }
                try (Statement ddl = db.createStatement()) {
                    ddl.executeUpdate("""
                            CREATE TABLE IF NOT EXISTS batch (
                              seq INTEGER PRIMARY KEY AUTOINCREMENT,
                              batch_id TEXT NOT NULL UNIQUE,
                              body BLOB NOT NULL,
                              size INTEGER NOT NULL,
                              spooled_at INTEGER NOT NULL)""");
                    ddl.executeUpdate("""
                            CREATE TABLE IF NOT EXISTS dead_letter (
                              seq INTEGER PRIMARY KEY AUTOINCREMENT,
                              batch_id TEXT NOT NULL UNIQUE,
                              body BLOB NOT NULL,
                              size INTEGER NOT NULL,
                              status INTEGER NOT NULL,
                              problem_type TEXT,
                              dead_at INTEGER NOT NULL)""");
                    ddl.executeUpdate(
                            "CREATE TABLE IF NOT EXISTS counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID");
                    ddl.executeUpdate("PRAGMA user_version = " + SCHEMA_VERSION);
                }
                try (PreparedStatement seed = db.prepareStatement("INSERT OR IGNORE INTO counter (name, value) VALUES (?, 0)")) {
                    for (Counter counter : Counter.values()) {
                        seed.setString(1, counter.key());
                        seed.executeUpdate();
                    }
                }
                Map<String, Long> values = new HashMap<>();
                try (Statement select = db.createStatement();
                        ResultSet row = select.executeQuery("SELECT name, value FROM counter")) {
                    while (row.next()) {
                        values.put(row.getString(1), row.getLong(2));
                    }
                }
                return new Stored(values, single("SELECT count(*) FROM batch"),
                        single("SELECT coalesce(sum(size), 0) FROM batch"), single("SELECT count(*) FROM dead_letter"));
            });
            for (Counter counter : Counter.values()) {
                counters.put(counter, stored.counters().getOrDefault(counter.key(), 0L));
            }
            queuedBatches = stored.queuedBatches();
            queuedBytes = stored.queuedBytes();
            deadLetters = stored.deadLetters();
            // The bounds may have been lowered since the spool was written.
            Change change = new Change();
            transaction("open", () -> {
                evictFor(0, change);
                change.persist(db);
                return null;
            });
            apply(change);
            logEvictions(change);
            LOG.log(INFO, "spool {0} open: {1,number,#} batches ({2,number,#} bytes) queued, {3,number,#} dead letters", directory, queuedBatches,
                    queuedBytes, deadLetters);
        } catch (RuntimeException e) {
            try {
                db.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private record Stored(Map<String, Long> counters, long queuedBatches, long queuedBytes, long deadLetters) {}

    /** Evicts the oldest batches until one more of {@code bytes} fits (or, for 0 bytes, until the queue fits). */
    private void evictFor(long bytes, Change change) throws SQLException {
        int adding = bytes > 0 ? 1 : 0;
        while (queuedBatches + change.queuedBatches + adding > settings.maxBatches()
                || queuedBytes + change.queuedBytes + bytes > settings.maxBytes()) {
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
            change.count(Counter.EVICTED_BATCHES, 1);
            change.count(Counter.EVICTED_BYTES, size);
            change.evicted.add(id + " (" + size + " bytes)");
        }
    }

    /** Call after {@link #apply}: logs each eviction with the running total. */
    private void logEvictions(Change change) {
        long total = count(Counter.EVICTED_BATCHES) - change.evicted.size();
        for (String evicted : change.evicted) {
            LOG.log(WARNING, "spool full: evicted the oldest batch {0} unsent; {1,number,#} evicted since the spool was "
                    + "created", evicted, ++total);
        }
    }

    private boolean isKnown(String batchId) throws SQLException {
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
    private long queuedSize(String batchId) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT size FROM batch WHERE batch_id = ?")) {
            select.setString(1, batchId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : -1;
            }
        }
    }

    private void delete(String table, String batchId) throws SQLException {
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM " + table + " WHERE batch_id = ?")) {
            delete.setString(1, batchId);
            delete.executeUpdate();
        }
    }

    private long single(String sql) throws SQLException {
        try (Statement select = db.createStatement(); ResultSet row = select.executeQuery(sql)) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    private List<String> check(String pragma) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Statement select = db.createStatement(); ResultSet row = select.executeQuery("PRAGMA " + pragma)) {
            while (row.next()) {
                result.add(row.getString(1));
            }
        }
        return result;
    }

    private long count(Counter counter) {
        return counters.getOrDefault(counter, 0L);
    }

    private void apply(Change change) {
        change.counts.forEach((counter, delta) -> counters.merge(counter, delta, Long::sum));
        queuedBatches += change.queuedBatches;
        queuedBytes += change.queuedBytes;
        deadLetters += change.deadLetters;
    }

    private void ensureOpen() {
        if (closed) {
            throw new SpoolException("spool " + directory + " is closed");
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} in one transaction: all of it is on disk when this returns, or none of it. */
    private <T> T transaction(String step, Work<T> work) {
        try {
            T result = work.run();
            db.commit();
            return result;
        } catch (SQLException e) {
            try {
                db.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new SpoolException("spool " + step + " failed on " + databaseFile, e);
        } catch (RuntimeException e) {
            try {
                db.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** What one transaction changes, applied to the in-memory mirror only once it is committed. */
    private static final class Change {
        final EnumMap<Counter, Long> counts = new EnumMap<>(Counter.class);
        final List<String> evicted = new ArrayList<>();
        long queuedBatches;
        long queuedBytes;
        long deadLetters;

        void count(Counter counter, long delta) {
            counts.merge(counter, delta, Long::sum);
        }

        void queue(long batches, long bytes) {
            queuedBatches += batches;
            queuedBytes += bytes;
        }

        void deadLetters(long delta) {
            deadLetters += delta;
        }

        void persist(Connection db) throws SQLException {
            if (counts.isEmpty()) {
                return;
            }
            try (PreparedStatement update = db.prepareStatement("UPDATE counter SET value = value + ? WHERE name = ?")) {
                for (Map.Entry<Counter, Long> entry : counts.entrySet()) {
                    update.setLong(1, entry.getValue());
                    update.setString(2, entry.getKey().key());
                    update.executeUpdate();
                }
            }
        }
    }

    private static Connection connect(Path file) {
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement pragma = db.createStatement()) {
                // WAL: an append is one fsync'ed log write; readers never block the writer. FULL: the log is synced at
                // every commit, so a committed batch survives a power loss too, not only a killed process.
                try (ResultSet mode = pragma.executeQuery("PRAGMA journal_mode = WAL")) {
                    String journal = mode.next() ? mode.getString(1) : "";
                    if (!"wal".equalsIgnoreCase(journal)) {
                        db.close();
                        throw new SpoolException("spool " + file + " cannot use SQLite's write-ahead log (journal mode "
                                + journal + "); put the spool on a local file system");
                    }
                }
                pragma.execute("PRAGMA synchronous = FULL");
                // Sorting and temporary tables stay in memory: nothing but the database and its log is written.
                pragma.execute("PRAGMA temp_store = MEMORY");
                // After a checkpoint the log is truncated to this size, so it does not keep its high-water mark.
                pragma.execute("PRAGMA journal_size_limit = 8388608");
                pragma.execute("PRAGMA busy_timeout = 5000");
            }
            db.setAutoCommit(false);
            return db;
        } catch (SQLException e) {
            throw new SpoolException("cannot open spool database " + file, e);
        }
    }

    private static void createDirectory(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.createDirectories(directory,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(directory);
                }
            }
        } catch (IOException e) {
            throw new SpoolException("cannot create spool directory " + directory, e);
        }
    }

    private static void closeQuietly(Connection db, FileChannel channel) {
        if (db != null) {
            try {
                db.close();
            } catch (SQLException ignored) {
                // already failing: the first exception is the one to report
            }
        }
        if (channel != null) {
            try {
                channel.close(); // releases the lock
            } catch (IOException ignored) {
                // the process's exit releases it anyway
            }
        }
    }

    private static void requireBatchId(String batchId) {
        if (batchId == null || !BATCH_ID.matcher(batchId).matches()) {
            throw new IllegalArgumentException("a batch id is a lower-case UUID"); // never repeat the value
        }
    }

    static byte[] gzip(JsonNode batch) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(bytes)) {
            JSON.writeValue(out, batch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
