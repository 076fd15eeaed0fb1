package io.perimeter.sensor.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.capture.CaptureSettings;
import io.perimeter.sensor.capture.CaptureStats;
import io.perimeter.sensor.capture.ConnectionTracker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The warm-up must run the code real traffic runs: records that decode, and exchanges that parse into calls. */
class WarmUpTrafficTest {

    @Test
    void everyExchangeBecomesAWholeCallOfPlainOrTlsTraffic() {
        List<ApiCall> calls = new ArrayList<>();
        AtomicLong ids = new AtomicLong();
        var stats = new CaptureStats();
        var tracker = new ConnectionTracker(CaptureSettings.DEFAULTS, calls::add, ids::incrementAndGet,
                nanos -> Instant.EPOCH, stats);
        SensorEvents decoder = new SensorEvents();

        WarmUpTraffic.replay(120, record -> tracker.accept(decoder.decode(record)));

        assertThat(calls).hasSize(120).allSatisfy(call -> {
            assertThat(call.flags()).isEmpty();
            assertThat(call.request().target()).isEqualTo("/api/items/42?expand=price");
            assertThat(call.response().orElseThrow().body().bytes()).startsWith('{').endsWith('}');
        });
        assertThat(calls).extracting(ApiCall::tls).containsOnly(true, false).contains(true, false);
        assertThat(stats.dataWithoutConnection()).isZero();
        assertThat(tracker.size()).isZero();
    }
}
