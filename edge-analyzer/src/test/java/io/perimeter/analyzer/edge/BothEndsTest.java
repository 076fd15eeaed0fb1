package io.perimeter.analyzer.edge;

import static io.perimeter.analyzer.testing.ApiCallBuilder.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.sensor.call.ApiCall;
import org.junit.jupiter.api.Test;

class BothEndsTest {
    private final BothEnds bothEnds = new BothEnds();

    @Test
    void theClientsCopyOfACallSeenAtTheServerIsDroppedAndCounted() {
        ApiCall atServer = call("GET", "/api/users/7").client("127.0.0.1", 51000).server("127.0.0.1", 8080)
                .side(ApiCall.Side.SERVER).build();
        ApiCall atClient = call("GET", "/api/users/7").client("127.0.0.1", 51000).server("127.0.0.1", 8080)
                .side(ApiCall.Side.CLIENT).build();
        ApiCall nextAtClient = call("GET", "/api/users/8").client("127.0.0.1", 51000).server("127.0.0.1", 8080)
                .side(ApiCall.Side.CLIENT).build();

        assertThat(bothEnds.test(atServer)).isTrue();
        assertThat(bothEnds.test(atClient)).isFalse();
        assertThat(bothEnds.test(nextAtClient)).as("a later call on the same connection").isFalse();
        assertThat(bothEnds.dropped()).isEqualTo(2);
    }

    @Test
    void clientCallsWhoseServerEndIsNotCapturedAreKept() {
        ApiCall outbound = call("GET", "/v1/charges").client("10.0.0.5", 40000).server("203.0.113.9", 443)
                .side(ApiCall.Side.CLIENT).build();
        ApiCall otherConnection = call("GET", "/api/users/7").client("127.0.0.1", 51001).server("127.0.0.1", 8080)
                .side(ApiCall.Side.CLIENT).build();
        bothEnds.test(call("GET", "/api/users/7").client("127.0.0.1", 51000).server("127.0.0.1", 8080)
                .side(ApiCall.Side.SERVER).build());

        assertThat(bothEnds.test(outbound)).isTrue();
        assertThat(bothEnds.test(otherConnection)).as("another client port: another connection").isTrue();
        assertThat(bothEnds.dropped()).isZero();
    }

    @Test
    void remembersABoundedNumberOfConnections() {
        for (int port = 1; port <= BothEnds.MAX_CONNECTIONS + 1; port++) {
            bothEnds.test(call("GET", "/").client("127.0.0.1", port % 65_536).server("127.0.0." + (2 + port / 65_536),
                    8080).side(ApiCall.Side.SERVER).build());
        }
        ApiCall oldest = call("GET", "/").client("127.0.0.1", 1).server("127.0.0.2", 8080)
                .side(ApiCall.Side.CLIENT).build();
        assertThat(bothEnds.test(oldest)).as("the oldest connection was forgotten").isTrue();
    }
}
