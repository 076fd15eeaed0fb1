package io.perimeter.sensor.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiCallJsonTest {

    @Test
    void roundTripsTextAndBinaryBodies() {
        var request = new HttpRequest("POST", "/v1/x?y=1", "HTTP/1.1",
                new Headers(List.of(new Header("Host", "a"), new Header("X", "1"), new Header("x", "2"))),
                new Body("{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8), 10, false));
        var response = new HttpResponse(200, "OK", "HTTP/1.1", Headers.EMPTY,
                new Body(new byte[] {(byte) 0xff, 0, 1, (byte) 0xc3}, 100, true));
        var call = new ApiCall(7, Instant.parse("2026-11-22T02:00:00.123456789Z"), Duration.ofNanos(1234),
                new NetAddress("::1", 5555), new NetAddress("127.0.0.1", 443), new ProcessInfo(12, "curl"),
                ApiCall.Side.CLIENT, true, request, Optional.of(response), Set.of(CaptureFlag.RESPONSE_BODY_TRUNCATED));

        String line = ApiCallJson.write(call);

        assertThat(line).doesNotContain("\n").contains("\"text\":\"{\\\"a\\\":\\\"é\\\"}\"").contains("\"base64\":\"/wABww==\"");
        assertThat(ApiCallJson.read(line)).isEqualTo(call);
    }

    @Test
    void callWithoutResponseRoundTrips() {
        var call = new ApiCall(1, Instant.EPOCH, Duration.ZERO, NetAddress.UNKNOWN, NetAddress.UNKNOWN, ProcessInfo.UNKNOWN,
                ApiCall.Side.SERVER, false, new HttpRequest("GET", "/", "HTTP/1.0", Headers.EMPTY, Body.EMPTY),
                Optional.empty(), Set.of(CaptureFlag.NO_RESPONSE));

        assertThat(ApiCallJson.read(ApiCallJson.write(call))).isEqualTo(call);
    }

    @Test
    void badLinesSayWhatIsWrong() {
        assertThatThrownBy(() -> ApiCallJson.read("{not json")).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> ApiCallJson.read("[]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> ApiCallJson.read("{\"started\":\"2026-11-22T00:00:00Z\"}")).hasMessageContaining("'request'");
    }
}
