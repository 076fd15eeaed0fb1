package io.perimeter.analyzer.spool;

/** What {@link Spool#append} did with a batch. */
public enum AppendResult {
    /** Stored durably (the transaction is on disk when {@code append} returns). */
    SPOOLED,
    /** A batch with the same id is already queued or dead-lettered: nothing changed. */
    DUPLICATE,
    /** Larger on its own than the spool's {@link SpoolSettings#maxBytes()}: not stored, counted as lost. */
    TOO_LARGE
}
