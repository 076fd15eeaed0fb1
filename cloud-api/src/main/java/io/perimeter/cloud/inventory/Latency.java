package io.perimeter.cloud.inventory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An endpoint's latency histogram as the edges report it (fixed bucket bounds, so histograms add up bucket by
 * bucket), with the quantiles the console shows. A quantile is the upper bound of the bucket it falls in: an upper
 * estimate, never more than one bucket (a factor of 2^(1/4)) above the true value.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record Latency(long count, long sumMicros, List<Bucket> buckets) {

    public static final Latency EMPTY = new Latency(0, 0, List.of());

    public Latency {
        buckets = buckets == null ? List.of() : List.copyOf(buckets);
    }

    /** Calls whose latency was at most {@code upperBoundMicros} and above the previous bucket's bound. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Bucket(long upperBoundMicros, long count) {
    }

    /** The bound of the bucket holding quantile {@code q} (0..1), or null without observations. */
    @Nullable
    public Long quantileMicros(double q) {
        long total = buckets.stream().mapToLong(Bucket::count).sum();
        if (total == 0) {
            return null;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        List<Bucket> ordered = buckets.stream()
                .sorted(java.util.Comparator.comparingLong(Bucket::upperBoundMicros)).toList();
        for (Bucket bucket : ordered) {
            seen += bucket.count();
            if (seen >= rank) {
                return bucket.upperBoundMicros();
            }
        }
        return ordered.getLast().upperBoundMicros();
    }

    /** The mean latency, or null without observations. */
    @Nullable
    public Long meanMicros() {
        return count == 0 ? null : sumMicros / count;
    }
}
