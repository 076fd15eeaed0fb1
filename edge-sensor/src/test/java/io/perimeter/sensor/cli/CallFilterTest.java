package io.perimeter.sensor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.Body;
import io.perimeter.sensor.call.Header;
import io.perimeter.sensor.call.Headers;
import io.perimeter.sensor.call.HttpRequest;
import io.perimeter.sensor.call.NetAddress;
import io.perimeter.sensor.call.ProcessInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallFilterTest {
    private final ApiCall call = new ApiCall(1, Instant.EPOCH, Duration.ZERO, new NetAddress("10.0.0.1", 50000),
            new NetAddress("10.0.0.2", 8443), new ProcessInfo(77, "node"), ApiCall.Side.CLIENT, true,
            new HttpRequest("GET", "/", "HTTP/1.1", new Headers(List.of(new Header("Host", "API.example.test:8443"))), Body.EMPTY),
            Optional.empty(), Set.of());

    @Test
    void matchesByProcessPortAndHost() {
        assertThat(new CallFilter(null, null, null).test(call)).isTrue();
        assertThat(new CallFilter(77, 8443, "api.example.test").test(call)).isTrue();
        assertThat(new CallFilter(null, 50000, null).test(call)).isTrue();
        assertThat(new CallFilter(null, null, "10.0.0.2").test(call)).isTrue();
        assertThat(new CallFilter(78, null, null).test(call)).isFalse();
        assertThat(new CallFilter(null, 80, null).test(call)).isFalse();
        assertThat(new CallFilter(null, null, "example.test").test(call)).isFalse();
    }
}
