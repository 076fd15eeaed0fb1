package io.perimeter.analyzer.spool;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

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
 *
 * <p>Inside, the pieces are: {@code SpoolDirectory} (the directory and its lock), {@code SpoolDatabase} (the SQLite
 * connection, schema, checks and transactions), {@code SpoolQueue} (the statements on the queue and the dead letters)
 * and {@code SpoolCounters} (the in-memory mirror of the counters, kept in step by {@code SpoolChange}s). This class
 * holds the lock that serialises them and decides what each public operation does.
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

    private static final System.Logger LOG = System.getLogger(Spool.class.getName());

    private final Path directory;
    private final SpoolSettings settings;
    private final Clock clock;
    private final SpoolDirectory directoryLock;
    private final SpoolDatabase database;
    private final SpoolCounters counters = new SpoolCounters();
    private final SpoolQueue queue;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
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
        SpoolDirectory.create(directory);
        SpoolDirectory directoryLock = SpoolDirectory.lock(directory);
        SpoolDatabase database = null;
        try {
            database = SpoolDatabase.connect(directory.resolve(DATABASE_FILE));
            return new Spool(directory, settings, clock, directoryLock, database);
        } catch (RuntimeException | Error e) {
            if (database != null) {
                database.closeQuietly();
            }
            directoryLock.release();
            throw e;
        }
    }

    private Spool(Path directory, SpoolSettings settings, Clock clock, SpoolDirectory directoryLock,
            SpoolDatabase database) {
        this.directory = directory;
        this.settings = settings;
        this.clock = clock;
        this.directoryLock = directoryLock;
        this.database = database;
        this.queue = new SpoolQueue(database.connection(), settings, counters);
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
        return append(id.textValue(), SpoolInput.gzip(batch));
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
        SpoolInput.requireGzippedBatch(batchId, gzipped);
        byte[] body = gzipped.clone();
        lock.lock();
        try {
            ensureOpen();
            SpoolChange change = new SpoolChange();
            if (body.length > settings.maxBytes()) {
                change.count(SpoolCounter.REFUSED_TOO_LARGE, 1);
                database.transaction("append", () -> {
                    change.persist(database.connection());
                    return null;
                });
                counters.apply(change);
                LOG.log(WARNING, "spool refused batch {0}: {1,number,#} bytes gzipped, more than the spool''s bound of {2,number,#} bytes; "
                        + "{3,number,#} refused so far", batchId, body.length, settings.maxBytes(),
                        counters.count(SpoolCounter.REFUSED_TOO_LARGE));
                return AppendResult.TOO_LARGE;
            }
            AppendResult result = database.transaction("append",
                    () -> queue.append(batchId, body, clock.millis(), change));
            counters.apply(change);
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
            return database.transaction("read", queue::oldest);
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
        SpoolInput.requireBatchId(batchId);
        lock.lock();
        try {
            ensureOpen();
            SpoolChange change = new SpoolChange();
            boolean removed = database.transaction("acknowledge", () -> queue.acknowledge(batchId, change));
            counters.apply(change);
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
        SpoolInput.requireRefusal(batchId, status, problemType);
        lock.lock();
        try {
            ensureOpen();
            SpoolChange change = new SpoolChange();
            boolean moved = database.transaction("dead-letter",
                    () -> queue.deadLetter(batchId, status, problemType, clock.millis(), change));
            counters.apply(change);
            if (moved) {
                LOG.log(WARNING, "spool moved batch {0} to the dead letters (HTTP {1,number,#}{2}); {3,number,#} dead-lettered so far",
                        batchId, status, problemType.map(p -> ", " + p).orElse(""),
                        counters.count(SpoolCounter.DEAD_LETTERED));
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
            return database.transaction("read", queue::deadLetters);
        } finally {
            lock.unlock();
        }
    }

    /** What the spool holds and its counters since it was created. Cheap: no disk access. */
    public SpoolStats stats() {
        lock.lock();
        try {
            return counters.stats();
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
            while (!closed && counters.queuedBatches() == 0) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return !closed && counters.queuedBatches() > 0;
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
            return database.transaction("check", () -> database.check("integrity_check"));
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
                database.close();
            } catch (SQLException e) {
                throw new SpoolException("cannot close spool " + database.file(), e);
            } finally {
                directoryLock.release();
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

    /** Checks and prepares the database, loads the counters, and evicts what the (maybe lowered) bounds exceed. */
    private void prepare() {
        try {
            SpoolCounters.Stored stored = database.transaction("open", () -> {
                database.prepareSchema();
                return SpoolCounters.read(database);
            });
            counters.load(stored);
            // The bounds may have been lowered since the spool was written.
            SpoolChange change = new SpoolChange();
            database.transaction("open", () -> {
                queue.evictFor(0, change);
                change.persist(database.connection());
                return null;
            });
            counters.apply(change);
            logEvictions(change);
            LOG.log(INFO, "spool {0} open: {1,number,#} batches ({2,number,#} bytes) queued, {3,number,#} dead letters", directory,
                    counters.queuedBatches(), counters.queuedBytes(), counters.deadLetters());
        } catch (RuntimeException e) {
            try {
                database.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Call after {@link SpoolCounters#apply}: logs each eviction with the running total. */
    private void logEvictions(SpoolChange change) {
        long total = counters.count(SpoolCounter.EVICTED_BATCHES) - change.evicted.size();
        for (String evicted : change.evicted) {
            LOG.log(WARNING, "spool full: evicted the oldest batch {0} unsent; {1,number,#} evicted since the spool was "
                    + "created", evicted, ++total);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new SpoolException("spool " + directory + " is closed");
        }
    }
}
