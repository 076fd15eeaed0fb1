package io.perimeter.analyzer.spool;

/**
 * The bounds of a {@link Spool}.
 *
 * @param maxBytes       the most gzipped batch bytes kept waiting to be shipped; an append that would go over it evicts
 *                       the oldest batches first (counted in {@link SpoolStats#evictedBatches()})
 * @param maxBatches     the most batches kept waiting to be shipped, enforced the same way
 * @param maxDeadLetters the most refused batches kept for an operator to look at; the oldest go first (counted in
 *                       {@link SpoolStats#deadLettersDropped()})
 */
public record SpoolSettings(long maxBytes, int maxBatches, int maxDeadLetters) {

    /** 256 MiB, 100,000 batches, 100 dead letters. */
    public static final SpoolSettings DEFAULTS = new SpoolSettings(256L << 20, 100_000, 100);

    public SpoolSettings {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, was " + maxBytes);
        }
        if (maxBatches < 1) {
            throw new IllegalArgumentException("maxBatches must be at least 1, was " + maxBatches);
        }
        if (maxDeadLetters < 0) {
            throw new IllegalArgumentException("maxDeadLetters must not be negative, was " + maxDeadLetters);
        }
    }

    /** Bounds on the queue, with the default number of dead letters kept. */
    public SpoolSettings(long maxBytes, int maxBatches) {
        this(maxBytes, maxBatches, DEFAULTS.maxDeadLetters());
    }
}
