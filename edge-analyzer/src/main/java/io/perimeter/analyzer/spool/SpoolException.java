package io.perimeter.analyzer.spool;

/**
 * The spool could not be opened, read or written (disk, lock, damaged file). Messages name the spool's files and the
 * failing step, never batch contents.
 */
public final class SpoolException extends RuntimeException {
    public SpoolException(String message) {
        super(message);
    }

    public SpoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
