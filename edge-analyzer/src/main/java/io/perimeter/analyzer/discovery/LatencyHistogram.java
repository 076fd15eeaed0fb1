package io.perimeter.analyzer.discovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Response times in fixed log-scale buckets: four buckets per doubling (each bound about 19% above the
 * previous one, so a bucket's upper bound overstates a value by at most 19%) from 50 µs up to about
 * 105 s, plus one overflow bucket. The bounds are the same for every endpoint of every edge, so the
 * control plane can add histograms bucket by bucket.
 *
 * <p>Why not HdrHistogram: with the resolution needed for p50/p95/p99 (about two significant digits) an
 * HdrHistogram covering 1 µs – 100 s holds a few thousand counters (tens of KiB) per endpoint and its
 * buckets depend on its settings; 86 fixed counters (under 700 bytes) are enough here and need no
 * dependency or agreement on settings.
 *
 * <p>Not thread-safe: used under its endpoint's lock. {@link Snapshot} is immutable.
 */
public final class LatencyHistogram {

    /** Upper bounds in microseconds, inclusive; the overflow bucket has {@link Long#MAX_VALUE}. */
    static final long[] BOUNDS = bounds();

    private final long[] counts = new long[BOUNDS.length];
    private long count;
    private long sumMicros;

    /** Counts one response time. */
    public void record(Duration duration) {
        recordMicros(Math.max(0, duration.toNanos() / 1_000));
    }

    void recordMicros(long micros) {
        int i = Arrays.binarySearch(BOUNDS, micros);
        counts[i >= 0 ? i : -i - 1]++;
        count++;
        sumMicros += micros;
    }

    /** Adds another histogram's counts. */
    void absorb(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sumMicros += other.sumMicros;
    }

    public Snapshot snapshot() {
        List<Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                buckets.add(new Bucket(BOUNDS[i], counts[i]));
            }
        }
        return new Snapshot(count, sumMicros, buckets);
    }

    /** The fixed upper bounds (µs) every histogram uses, the overflow bucket's last. */
    public static List<Long> upperBoundsMicros() {
        return Arrays.stream(BOUNDS).boxed().toList();
    }

    private static long[] bounds() {
        int finite = 4 * 21; // 50 µs · 2^21 ≈ 105 s
        long[] b = new long[finite + 2];
        for (int i = 0; i <= finite; i++) {
            b[i] = Math.round(50 * Math.pow(2, i / 4.0));
        }
        b[finite + 1] = Long.MAX_VALUE;
        return b;
    }

    /**
     * One non-empty bucket.
     *
     * @param upperBoundMicros inclusive upper bound; {@link Long#MAX_VALUE} for the overflow bucket
     * @param count            responses in the bucket
     */
    public record Bucket(long upperBoundMicros, long count) {}

    /**
     * The histogram at one moment: only non-empty buckets are listed.
     *
     * @param count     responses timed
     * @param sumMicros their total time, for the mean
     * @param buckets   non-empty buckets in increasing order
     */
    public record Snapshot(long count, long sumMicros, List<Bucket> buckets) {

        public static final Snapshot EMPTY = new Snapshot(0, 0, List.of());

        public Snapshot {
            buckets = List.copyOf(buckets);
        }

        /**
         * The upper bound of the bucket holding quantile {@code q} (0–1), in microseconds; 0 when
         * empty. An overestimate by at most one bucket width (19%).
         */
        public long quantileMicros(double q) {
            if (count == 0) {
                return 0;
            }
            long rank = Math.max(1, (long) Math.ceil(q * count));
            long seen = 0;
            for (Bucket b : buckets) {
                seen += b.count();
                if (seen >= rank) {
                    return b.upperBoundMicros();
                }
            }
            return buckets.getLast().upperBoundMicros();
        }
    }
}
