package io.perimeter.analyzer.spool;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The spool's SQLite database: the connection, set up so that a committed transaction is on disk (WAL,
 * {@code synchronous=FULL}) and nothing but the database and its log is written; the schema; integrity checks; and
 * {@linkplain #transaction transactions} that are all on disk or not at all. Not thread-safe: the spool's lock guards
 * it. Failures surface as {@link SpoolException}s naming the file and the step, never data.
 */
final class SpoolDatabase {
    /** The schema this edge writes; a database of a newer one is refused. */
    static final int SCHEMA_VERSION = 1;

    private final Path file;
    private final Connection db;

    private SpoolDatabase(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /** Work done inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Opens (creating if needed) the database {@code file}, in WAL mode with {@code synchronous=FULL}, without
     * auto-commit.
     *
     * @throws SpoolException if it cannot be opened, or its file system cannot carry a write-ahead log
     */
    static SpoolDatabase connect(Path file) {
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
            return new SpoolDatabase(file, db);
        } catch (SQLException e) {
            throw new SpoolException("cannot open spool database " + file, e);
        }
    }

    /** The database file. */
    Path file() {
        return file;
    }

    /** The connection, for statements inside a {@link #transaction}. */
    Connection connection() {
        return db;
    }

    /**
     * Checks the database and brings its schema up to {@link #SCHEMA_VERSION}, seeding every {@link SpoolCounter} at 0
     * where it is missing. Call inside a transaction.
     *
     * @throws SpoolException if the database was written by a newer edge or SQLite's quick check finds it damaged
     */
    void prepareSchema() throws SQLException {
        int version = (int) single("PRAGMA user_version");
        if (version > SCHEMA_VERSION) {
            throw new SpoolException("spool " + file + " was written by a newer edge (schema " + version
                    + ", this edge knows " + SCHEMA_VERSION + ")");
        }
        List<String> problems = check("quick_check");
        if (!problems.equals(List.of("ok"))) {
            throw new SpoolException("spool " + file + " is damaged (" + problems.size()
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
            for (SpoolCounter counter : SpoolCounter.values()) {
                seed.setString(1, counter.key());
                seed.executeUpdate();
            }
        }
    }

    /** Runs {@code work} in one transaction: all of it is on disk when this returns, or none of it. */
    <T> T transaction(String step, Work<T> work) {
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
            throw new SpoolException("spool " + step + " failed on " + file, e);
        } catch (RuntimeException e) {
            try {
                db.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The first column of the first row of {@code sql}, or 0 if there is none. */
    long single(String sql) throws SQLException {
        try (Statement select = db.createStatement(); ResultSet row = select.executeQuery(sql)) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    /** The rows of SQLite's {@code quick_check} or {@code integrity_check}: {@code ["ok"]} for a sound database. */
    List<String> check(String pragma) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Statement select = db.createStatement(); ResultSet row = select.executeQuery("PRAGMA " + pragma)) {
            while (row.next()) {
                result.add(row.getString(1));
            }
        }
        return result;
    }

    /** Closes the connection, checkpointing the log into the database file. */
    void close() throws SQLException {
        db.close();
    }

    /** Closes the connection after a failure: the first exception is the one to report. */
    void closeQuietly() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // already failing: the first exception is the one to report
        }
    }
}
