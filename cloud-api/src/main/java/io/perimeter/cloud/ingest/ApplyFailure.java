package io.perimeter.cloud.ingest;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientException;

/**
 * Why applying a part failed, as far as it decides what to do next: a lock conflict is retried at once, an unavailable
 * database is waited for, and anything else means the part itself cannot be applied (a poison message).
 */
enum ApplyFailure {
    /** Deadlock or serialization failure: the transaction lost a race and may simply run again. */
    CONFLICT,
    /** The database cannot be reached or is shutting down: the part is fine, try again later. */
    UNAVAILABLE,
    /** The part itself fails. */
    POISON;

    static ApplyFailure of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("40P01") || state.equals("40001")) {
                    return CONFLICT;
                }
                if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")) {
                    return UNAVAILABLE;
                }
            }
            if (t instanceof SQLTransientException || t instanceof ConnectException) {
                return UNAVAILABLE;
            }
        }
        return POISON;
    }

    /** What may be recorded about a failure: exception class and SQL state, never a message (it can quote values). */
    static String describe(Throwable failure) {
        Throwable root = failure;
        String state = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            root = t;
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                state = sql.getSQLState();
            }
        }
        return root.getClass().getName() + (state == null ? "" : " (SQL state " + state + ")");
    }
}
