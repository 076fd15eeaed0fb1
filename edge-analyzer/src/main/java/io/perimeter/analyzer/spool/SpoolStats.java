package io.perimeter.analyzer.spool;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link Spool} holds now and what it has done since it was created. The counters are stored with the batches,
 * in the same transactions, so they survive restarts and crashes and only ever grow: an edge reports them as health
 * counters, and the difference between two reports is what happened in between.
 *
 * @param queuedBatches      batches waiting to be shipped
 * @param queuedBytes        their gzipped size
 * @param deadLetters        refused batches kept for an operator
 * @param appended           batches taken in
 * @param duplicates         appends ignored because a batch with the same id was already queued or dead-lettered
 * @param acknowledged       batches the control plane stored
 * @param evictedBatches     batches dropped unsent because the spool was full (the oldest first)
 * @param evictedBytes       their gzipped size
 * @param deadLettered       batches the control plane refused for good
 * @param deadLettersDropped dead letters deleted to keep at most {@link SpoolSettings#maxDeadLetters()}
 * @param refusedTooLarge    appends refused because the batch alone is larger than {@link SpoolSettings#maxBytes()}
 */
public record SpoolStats(long queuedBatches, long queuedBytes, long deadLetters, long appended, long duplicates,
        long acknowledged, long evictedBatches, long evictedBytes, long deadLettered, long deadLettersDropped,
        long refusedTooLarge) {

    /** Batches lost without being shipped: evicted, or refused for their size. */
    public long lost() {
        return evictedBatches + refusedTooLarge;
    }

    /**
     * The stats as the edge's health counters of the next batch (names fit the contract's
     * {@code edge.counters} pattern): what is queued, and every way a batch left the spool other than being stored.
     */
    public Map<String, Long> healthCounters() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("spool_queued_batches", queuedBatches);
        counters.put("spool_queued_bytes", queuedBytes);
        counters.put("spool_evicted_batches", evictedBatches);
        counters.put("spool_evicted_bytes", evictedBytes);
        counters.put("spool_refused_too_large", refusedTooLarge);
        counters.put("spool_dead_lettered", deadLettered);
        counters.put("spool_dead_letters_dropped", deadLettersDropped);
        return counters;
    }
}
