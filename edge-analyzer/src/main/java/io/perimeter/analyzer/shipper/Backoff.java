package io.perimeter.analyzer.shipper;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: after the n-th failure in a row the ceiling is {@code base × 2^(n-1)}, capped
 * at {@code max}, and the wait is drawn uniformly from {@code [0, ceiling]}.
 */
final class Backoff {
    private final long baseMillis;
    private final long maxMillis;
    private final RandomGenerator random;

    Backoff(Duration base, Duration max, RandomGenerator random) {
        this.baseMillis = base.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The ceiling after {@code failures} failures in a row (at least 1). */
    Duration ceiling(int failures) {
        int shift = Math.min(Math.max(failures, 1) - 1, 62);
        long ceiling = baseMillis > (maxMillis >> shift) ? maxMillis : Math.min(maxMillis, baseMillis << shift);
        return Duration.ofMillis(ceiling);
    }

    /** A wait after {@code failures} failures in a row: uniform in {@code [0, ceiling(failures)]}. */
    Duration delay(int failures) {
        return uniform(ceiling(failures).toMillis());
    }

    /** A wait uniform in {@code [0, base]}: spreads out edges that were told the same {@code Retry-After}. */
    Duration spread() {
        return uniform(baseMillis);
    }

    private Duration uniform(long bound) {
        return Duration.ofMillis(Math.min(bound, (long) (random.nextDouble() * (bound + 1))));
    }
}
