package io.perimeter.cloud.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which of an edge's counters make the dashboard call it degraded. */
class DashboardLossTest {

    @Test
    void anyLossCounterAboveZeroIsLosingAndOtherCountersAreNot() {
        Map<String, Long> healthy = Map.of("events_sent", 48_211L, "events_lost", 0L, "data_bytes_lost", 0L,
                "calls_with_gaps", 0L, "tls_probes_reset", 0L, "connections_evicted_idle", 12L);
        assertThat(Dashboard.losing(healthy)).isFalse();
        assertThat(Dashboard.losing(Map.of())).isFalse();
        for (String counter : Dashboard.LOSS_COUNTERS) {
            var counters = new HashMap<>(healthy);
            counters.put(counter, 1L);
            assertThat(Dashboard.losing(counters)).as(counter).isTrue();
        }
        // The sensor re-attached its TLS probes after finding their breakpoints missing: calls went unseen meanwhile.
        assertThat(Dashboard.losing(Map.of("events_lost", 0L, "tls_probes_reset", 2L))).isTrue();
    }
}
