package io.perimeter.analyzer.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void boundsAreFixedIncreasingAndAboutNineteenPercentApart() {
        List<Long> bounds = LatencyHistogram.upperBoundsMicros();
        assertThat(bounds.getFirst()).isEqualTo(50L);
        assertThat(bounds.getLast()).isEqualTo(Long.MAX_VALUE);
        for (int i = 1; i < bounds.size() - 1; i++) {
            assertThat(bounds.get(i)).isGreaterThan(bounds.get(i - 1));
            assertThat((double) bounds.get(i) / bounds.get(i - 1)).isLessThanOrEqualTo(1.21); // 2^(1/4), rounded to whole µs
        }
        assertThat(bounds.get(bounds.size() - 2)).isGreaterThan(100_000_000L);
    }

    @Test
    void quantilesOverstateByAtMostOneBucket() {
        LatencyHistogram h = new LatencyHistogram();
        for (int ms = 1; ms <= 100; ms++) {
            h.record(Duration.ofMillis(ms));
        }
        h.record(Duration.ofHours(1)); // overflow
        LatencyHistogram.Snapshot s = h.snapshot();
        assertThat(s.count()).isEqualTo(101);
        assertThat(s.quantileMicros(0.5)).isBetween(51_000L, 51_000L * 120 / 100);
        assertThat(s.quantileMicros(0.99)).isBetween(100_000L, 120_000L);
        assertThat(s.quantileMicros(1.0)).isEqualTo(Long.MAX_VALUE);
        assertThat(s.buckets()).allMatch(b -> b.count() > 0);
        assertThat(LatencyHistogram.Snapshot.EMPTY.quantileMicros(0.5)).isZero();
    }
}
