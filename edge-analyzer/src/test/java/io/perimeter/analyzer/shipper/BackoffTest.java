package io.perimeter.analyzer.shipper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new SplittableRandom(1));

    @Test
    void theCeilingDoublesUpToTheCap() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(backoff.ceiling(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.ceiling(10_000)).as("no overflow").isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.ceiling(0)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void delaysAreFullJitterWithinTheCeiling() {
        for (int failures = 1; failures <= 12; failures++) {
            Duration ceiling = backoff.ceiling(failures);
            long atMostHalf = 0;
            for (int i = 0; i < 1000; i++) {
                Duration delay = backoff.delay(failures);
                assertThat(delay).isBetween(Duration.ZERO, ceiling);
                if (delay.compareTo(ceiling.dividedBy(2)) <= 0) {
                    atMostHalf++;
                }
            }
            assertThat(atMostHalf).as("spread over the range, not pinned to the ceiling").isBetween(400L, 600L);
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(backoff.spread()).isBetween(Duration.ZERO, Duration.ofSeconds(1));
        }
    }
}
