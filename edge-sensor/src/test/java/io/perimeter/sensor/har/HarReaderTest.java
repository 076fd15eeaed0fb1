package io.perimeter.sensor.har;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.CaptureFlag;
import io.perimeter.sensor.call.NetAddress;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class HarReaderTest {
    private final HarReader reader = new HarReader(32);

    @Test
    void readsRequestAndResponseOfEachEntry() {
        String har = har("""
                {"startedDateTime": "2026-11-01T10:00:00.000Z", "time": 12.5, "serverIPAddress": "10.0.0.7",
                 "request": {"method": "POST", "url": "https://api.example.test:8443/v1/users?expand=roles", "httpVersion": "HTTP/1.1",
                   "headers": [{"name": "Host", "value": "api.example.test:8443"}, {"name": "Content-Type", "value": "application/json"},
                               {"name": "Accept", "value": "a"}, {"name": "accept", "value": "b"}],
                   "postData": {"mimeType": "application/json", "text": "{\\"name\\":\\"Ada\\"}"}},
                 "response": {"status": 201, "statusText": "Created", "httpVersion": "HTTP/1.1",
                   "headers": [{"name": "Content-Type", "value": "application/json"}],
                   "content": {"size": 9, "mimeType": "application/json", "text": "{\\"id\\":7}"}}}
                """);

        List<ApiCall> calls = read(har);

        assertThat(calls).hasSize(1);
        ApiCall call = calls.getFirst();
        assertThat(call.started()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(call.duration()).isEqualTo(Duration.ofMillis(12).plusNanos(500_000));
        assertThat(call.tls()).isTrue();
        assertThat(call.server()).isEqualTo(new NetAddress("10.0.0.7", 8443));
        assertThat(call.request().method()).isEqualTo("POST");
        assertThat(call.request().target()).isEqualTo("/v1/users?expand=roles");
        assertThat(call.request().headers().all("ACCEPT")).containsExactly("a", "b");
        assertThat(new String(call.request().body().bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"Ada\"}");
        var response = call.response().orElseThrow();
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.reason()).isEqualTo("Created");
        assertThat(new String(response.body().bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":7}");
        assertThat(call.flags()).isEmpty();
    }

    @Test
    void decodesBase64BodiesAndFlagsTruncation() {
        byte[] binary = new byte[100];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        String har = har("""
                {"startedDateTime": "2026-11-01T10:00:00Z", "time": 1,
                 "request": {"method": "GET", "url": "http://files.test/blob", "headers": []},
                 "response": {"status": 200, "headers": [], "content": {"encoding": "base64", "text": "%s"}}}
                """.formatted(Base64.getEncoder().encodeToString(binary)));

        ApiCall call = read(har).getFirst();

        var body = call.response().orElseThrow().body();
        assertThat(body.truncated()).isTrue();
        assertThat(body.wireLength()).isEqualTo(100);
        assertThat(body.bytes()).hasSize(32).startsWith((byte) 0, (byte) 1, (byte) 2).endsWith((byte) 31);
        assertThat(call.flags()).containsExactly(CaptureFlag.RESPONSE_BODY_TRUNCATED);
        assertThat(call.tls()).isFalse();
        assertThat(call.server().port()).isEqualTo(80);
    }

    @Test
    void http2ExportsGetAHostHeaderAndLoseTheirPseudoHeaders() {
        String har = har("""
                {"startedDateTime": "2026-11-01T10:00:00+01:00", "time": 1,
                 "request": {"method": "GET", "url": "https://shop.test/cart", "httpVersion": "h2",
                   "headers": [{"name": ":authority", "value": "shop.test"}, {"name": ":path", "value": "/cart"},
                               {"name": "user-agent", "value": "x"}]},
                 "response": {"status": 0, "headers": [], "content": {}}}
                """);

        ApiCall call = read(har).getFirst();

        assertThat(call.request().headers().fields()).extracting(h -> h.name()).containsExactly("Host", "user-agent");
        assertThat(call.request().headers().first("host")).contains("shop.test");
        assertThat(call.request().version()).isEqualTo("H2");
        assertThat(call.response()).isEmpty();
        assertThat(call.flags()).containsExactly(CaptureFlag.NO_RESPONSE);
    }

    @Test
    void streamsManyEntriesInOrder() {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            if (i > 0) {
                entries.append(',');
            }
            entries.append("""
                    {"startedDateTime": "2026-11-01T10:00:00Z", "time": 1,
                     "request": {"method": "GET", "url": "http://a.test/items/%d", "headers": []},
                     "response": {"status": 200, "headers": [], "content": {}}}""".formatted(i));
        }

        List<ApiCall> calls = read(har(entries.toString()));

        assertThat(calls).hasSize(5_000);
        assertThat(calls.get(4_321).request().target()).isEqualTo("/items/4321");
        assertThat(calls.get(4_321).id()).isEqualTo(4_321);
    }

    @Test
    void malformedEntriesNameTheEntryAndField() {
        String har = har("""
                {"startedDateTime": "2026-11-01T10:00:00Z", "request": {"method": "GET", "url": "http://a.test/", "headers": []},
                 "response": {"status": 200, "headers": [], "content": {}}},
                {"startedDateTime": "yesterday", "request": {"method": "GET", "url": "http://a.test/", "headers": []}}
                """);

        assertThatThrownBy(() -> read(har))
                .isInstanceOf(HarFormatException.class)
                .hasMessageContaining("entry 1")
                .hasMessageContaining("startedDateTime");
        assertThatThrownBy(() -> read("{\"log\": {\"version\": \"1.2\"}}"))
                .isInstanceOf(HarFormatException.class).hasMessageContaining("no log.entries array");
        assertThatThrownBy(() -> read("[1, 2]"))
                .isInstanceOf(HarFormatException.class).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> read(har("{\"startedDateTime\": \"2026-11-01T10:00:00Z\", \"request\": {\"method\": \"GET\", \"url\": \"/relative?api_key=sk_live_CANARY\"}}")))
                .isInstanceOf(HarFormatException.class).hasMessageContaining("not an absolute URL")
                .message().doesNotContain("CANARY").doesNotContain("relative");
        assertThatThrownBy(() -> read(har("{\"startedDateTime\": \"2026-11-01T10:00:00Z\", \"request\": {\"method\": \"GET\", \"url\": \"https://shop.example.test/a b?token=CANARY\"}}")))
                .isInstanceOf(HarFormatException.class).hasMessageContaining("not a URL").hasMessageContaining("index 27")
                .message().doesNotContain("CANARY").doesNotContain("shop.example");
        assertThatThrownBy(() -> read("{\"log\": {\"entries\": [{\"request\": ")).isInstanceOf(HarFormatException.class);
    }

    private List<ApiCall> read(String har) {
        try (var calls = reader.read(new ByteArrayInputStream(har.getBytes(StandardCharsets.UTF_8)), "test.har")) {
            return calls.toList();
        }
    }

    private static String har(String entries) {
        return "{\"log\": {\"version\": \"1.2\", \"creator\": {\"name\": \"test\"}, \"entries\": [" + entries + "]}}";
    }
}
