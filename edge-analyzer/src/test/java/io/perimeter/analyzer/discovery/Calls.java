package io.perimeter.analyzer.discovery;

import io.perimeter.analyzer.testing.ApiCallBuilder;
import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.ProcessInfo;
import java.time.Duration;
import java.time.Instant;

/** {@link ApiCallBuilder}s for the discovery tests: a plaintext server on 10.0.0.5:8080 ("java"), watched server side. */
final class Calls {
    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    static final String CLIENT_IP = "203.0.113.77";

    private Calls() {}

    static ApiCallBuilder call(String method, String target) {
        return ApiCallBuilder.call(method, target)
                .at(T0)
                .took(Duration.ofMillis(12))
                .client(CLIENT_IP, 51_234)
                .server("10.0.0.5", 8080)
                .process(new ProcessInfo(4242, "java"))
                .host("shop.example.test");
    }

    static ApiCall get(String target) {
        return call("GET", target).build();
    }
}
