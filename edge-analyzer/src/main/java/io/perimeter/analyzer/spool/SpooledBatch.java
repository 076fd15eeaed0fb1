package io.perimeter.analyzer.spool;

import java.time.Instant;
import java.util.Arrays;

/**
 * A batch waiting in the {@link Spool}.
 *
 * @param sequence  the spool's order of arrival (strictly increasing, never reused)
 * @param batchId   the batch's {@code batchId}, a lower-case UUID
 * @param gzipped   the batch's JSON, gzipped, exactly as it was appended; the array is the caller's to keep
 * @param spooledAt when it was appended
 */
public record SpooledBatch(long sequence, String batchId, byte[] gzipped, Instant spooledAt) {

    @Override
    public String toString() {
        return "SpooledBatch[" + sequence + ", " + batchId + ", " + gzipped.length + " bytes]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpooledBatch other && sequence == other.sequence && batchId.equals(other.batchId)
                && Arrays.equals(gzipped, other.gzipped) && spooledAt.equals(other.spooledAt);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 + batchId.hashCode();
    }
}
