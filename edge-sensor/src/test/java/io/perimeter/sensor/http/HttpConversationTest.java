package io.perimeter.sensor.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.CaptureFlag;
import io.perimeter.sensor.call.HttpResponse;
import io.perimeter.sensor.call.NetAddress;
import io.perimeter.sensor.call.ProcessInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class HttpConversationTest {
    private static final NetAddress LOCAL = new NetAddress("10.1.0.5", 43210);
    private static final NetAddress REMOTE = new NetAddress("10.1.0.9", 8080);

    private final List<ApiCall> calls = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private long egressOffset;
    private long ingressOffset;

    private HttpConversation conversation(ConnectionInfo.Role role, int bodyCap) {
        var info = new ConnectionInfo(LOCAL, REMOTE, new ProcessInfo(42, "curl"), role, false);
        return new HttpConversation(info, bodyCap, calls::add, ids::incrementAndGet, n -> Instant.ofEpochSecond(0, n));
    }

    private void send(HttpConversation c, String text) {
        byte[] bytes = text.getBytes(ISO_8859_1);
        c.data(Direction.EGRESS, egressOffset, bytes, 0, bytes.length, bytes.length, egressOffset);
        egressOffset += bytes.length;
    }

    private void receive(HttpConversation c, String text) {
        receive(c, text.getBytes(ISO_8859_1));
    }

    private void receive(HttpConversation c, byte[] bytes) {
        c.data(Direction.INGRESS, ingressOffset, bytes, 0, bytes.length, bytes.length, ingressOffset);
        ingressOffset += bytes.length;
    }

    @Test
    void clientRequestAndResponseBecomeOneCall() {
        var c = conversation(ConnectionInfo.Role.CLIENT, 1024);
        send(c, "POST /v1/users?x=1 HTTP/1.1\r\nHost: api.test\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"name\":\"A\"}\n");
        receive(c, "HTTP/1.1 201 Created\r\nContent-Length: 8\r\nX-Dup: a\r\nx-dup: b\r\n\r\n{\"id\":7}");

        assertThat(calls).hasSize(1);
        ApiCall call = calls.getFirst();
        assertThat(call.request().method()).isEqualTo("POST");
        assertThat(call.request().target()).isEqualTo("/v1/users?x=1");
        assertThat(call.request().version()).isEqualTo("HTTP/1.1");
        assertThat(call.request().headers().first("host")).contains("api.test");
        assertThat(new String(call.request().body().bytes(), UTF_8)).isEqualTo("{\"name\":\"A\"}\n");
        HttpResponse response = call.response().orElseThrow();
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.reason()).isEqualTo("Created");
        assertThat(response.headers().all("X-DUP")).containsExactly("a", "b");
        assertThat(new String(response.body().bytes(), UTF_8)).isEqualTo("{\"id\":7}");
        assertThat(call.client()).isEqualTo(LOCAL);
        assertThat(call.server()).isEqualTo(REMOTE);
        assertThat(call.observedSide()).isEqualTo(ApiCall.Side.CLIENT);
        assertThat(call.flags()).isEmpty();
    }

    @Test
    void serverSideSeesRequestsOnIngress() {
        var c = conversation(ConnectionInfo.Role.SERVER, 1024);
        receive(c, "GET /health HTTP/1.1\r\nHost: svc\r\n\r\n");
        send(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.observedSide()).isEqualTo(ApiCall.Side.SERVER);
            assertThat(call.server()).isEqualTo(LOCAL);
            assertThat(call.client()).isEqualTo(REMOTE);
            assertThat(call.request().target()).isEqualTo("/health");
        });
    }

    @Test
    void unknownRoleIsDecidedByTheFirstBytes() {
        var c = conversation(ConnectionInfo.Role.UNKNOWN, 1024);
        receive(c, "GET /a HTTP/1.1\r\n\r\n");
        send(c, "HTTP/1.1 204 No Content\r\n\r\n");

        assertThat(calls).singleElement().satisfies(call -> assertThat(call.observedSide()).isEqualTo(ApiCall.Side.SERVER));
    }

    @Test
    void keepAliveAndPipelinedRequestsPairInOrder() {
        var c = conversation(ConnectionInfo.Role.CLIENT, 1024);
        StringBuilder pipelined = new StringBuilder();
        StringBuilder answers = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            pipelined.append("GET /items/").append(i).append(" HTTP/1.1\r\nHost: a\r\n\r\n");
            String body = "item-" + i;
            answers.append("HTTP/1.1 200 OK\r\nContent-Length: ").append(body.length()).append("\r\n\r\n").append(body);
        }
        send(c, pipelined.toString());
        receive(c, answers.toString());

        assertThat(calls).hasSize(200);
        for (int i = 0; i < 200; i++) {
            assertThat(calls.get(i).request().target()).isEqualTo("/items/" + i);
            assertThat(new String(calls.get(i).response().orElseThrow().body().bytes(), UTF_8)).isEqualTo("item-" + i);
        }
    }

    @Test
    void everySplitOfTheStreamGivesTheSameCalls() {
        String request = "PUT /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nTrailer: t\r\n\r\n";
        String response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
        for (int size = 1; size <= 7; size++) {
            calls.clear();
            egressOffset = 0;
            ingressOffset = 0;
            var c = conversation(ConnectionInfo.Role.CLIENT, 1024);
            for (int i = 0; i < request.length(); i += size) {
                send(c, request.substring(i, Math.min(request.length(), i + size)));
            }
            for (int i = 0; i < response.length(); i += size) {
                receive(c, response.substring(i, Math.min(response.length(), i + size)));
            }
            assertThat(calls).as("split into %d-byte pieces", size).singleElement().satisfies(call -> {
                assertThat(new String(call.request().body().bytes(), UTF_8)).isEqualTo("Wikipedia");
                assertThat(call.request().headers().first("Trailer")).contains("t");
                assertThat(new String(call.response().orElseThrow().body().bytes(), UTF_8)).isEqualTo("abc");
            });
        }
    }

    @Test
    void aSignedChunkSizeLosesTheFramingAndParsingResumesAtTheNextResponse() {
        var c = conversation(ConnectionInfo.Role.CLIENT, 1024);
        send(c, "GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n");
        receive(c, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-3\r\nabc\r\n0\r\n\r\n");
        receive(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        c.close(ingressOffset);

        assertThat(calls).extracting(call -> call.request().target()).containsExactly("/a", "/b");
        assertThat(new String(calls.get(0).response().orElseThrow().body().bytes(), UTF_8)).isEqualTo("ok");
        assertThat(calls.get(1).flags()).contains(CaptureFlag.NO_RESPONSE);
    }

    @Test
    void bodylessResponsesDoNotSwallowTheNextMessage() {
        var c = conversation(ConnectionInfo.Role.CLIENT, 1024);
        send(c, "HEAD /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\nGET /c HTTP/1.1\r\n\r\n");
        receive(c, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"
                + "HTTP/1.1 304 Not Modified\r\nContent-Length: 100\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n");

        assertThat(calls).extracting(call -> call.response().orElseThrow().status()).containsExactly(200, 304, 204);
        assertThat(calls).allSatisfy(call -> assertThat(call.response().orElseThrow().body().size()).isZero());
    }

    @Test
    void continueAndEarlyHintsAreNotTheAnswer() {
        var c = conversation(ConnectionInfo.Role.CLIENT, 1024);
        send(c, "POST /upload HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
        receive(c, "HTTP/1.1 100 Continue\r\n\r\n");
        send(c, "abc");
        receive(c, "HTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.response().orElseThrow().status()).isEqualTo(200);
            assertThat(new String(call.request().body().bytes(), UTF_8)).isEqualTo("abc");
        });
    }

    @Test
    void upgradeEndsParsing() {
        var c = conversation(ConnectionInfo.Role.CLIENT, 1024);
        send(c, "GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
        receive(c, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n");
        receive(c, new byte[] {(byte) 0x81, 0x05, 'h', 'e', 'l', 'l', 'o'});
        send(c, "GET /not-http-any-more HTTP/1.1\r\n\r\n");

        assertThat(calls).singleElement().satisfies(call -> assertThat(call.response().orElseThrow().status()).isEqualTo(101));
        assertThat(c.isHttp()).isTrue();
    }

    @Test
    void responseDelimitedByCloseIsCompletedAtClose() {
        var c = conversation(ConnectionInfo.Role.CLIENT, 1024);
        send(c, "GET /old HTTP/1.0\r\n\r\n");
        receive(c, "HTTP/1.0 200 OK\r\n\r\nuntil the end");
        assertThat(calls).isEmpty();

        c.close(999);

        assertThat(new String(calls.getFirst().response().orElseThrow().body().bytes(), UTF_8)).isEqualTo("until the end");
    }

    @Test
    void unansweredRequestsAreDeliveredAtClose() {
        var c = conversation(ConnectionInfo.Role.CLIENT, 1024);
        send(c, "GET /slow HTTP/1.1\r\n\r\n");

        c.close(5);

        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.response()).isEmpty();
            assertThat(call.flags()).containsExactly(CaptureFlag.NO_RESPONSE);
        });
    }

    @Test
    void gzipBodiesAreDecodedWithinTheCap() throws IOException {
        var c = conversation(ConnectionInfo.Role.CLIENT, 64 * 1024);
        byte[] json = "{\"users\":[{\"email\":\"a@b.test\"}]}".getBytes(UTF_8);
        byte[] gz = gzip(json);
        send(c, "GET /users HTTP/1.1\r\n\r\n");
        receive(c, ("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + gz.length + "\r\n\r\n").getBytes(ISO_8859_1));
        receive(c, gz);

        assertThat(calls.getFirst().response().orElseThrow().body().bytes()).isEqualTo(json);
        assertThat(calls.getFirst().response().orElseThrow().body().wireLength()).isEqualTo(gz.length);
    }

    @Test
    void compressionBombStopsAtTheCap() throws IOException {
        var c = conversation(ConnectionInfo.Role.CLIENT, 4096);
        byte[] bomb = gzip(new byte[10_000_000]);
        send(c, "GET /bomb HTTP/1.1\r\n\r\n");
        receive(c, ("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + bomb.length + "\r\n\r\n").getBytes(ISO_8859_1));
        receive(c, bomb);

        var body = calls.getFirst().response().orElseThrow().body();
        assertThat(body.size()).isEqualTo(4096);
        assertThat(body.truncated()).isTrue();
        assertThat(calls.getFirst().flags()).contains(CaptureFlag.RESPONSE_BODY_TRUNCATED);
    }

    @Test
    void bytesLostInsideABodyAreFlaggedAndDoNotCorruptTheNextMessage() {
        var c = conversation(ConnectionInfo.Role.CLIENT, 1024);
        send(c, "GET /big HTTP/1.1\r\n\r\nGET /next HTTP/1.1\r\n\r\n");
        byte[] head = "HTTP/1.1 200 OK\r\nContent-Length: 5000000\r\n\r\n".getBytes(ISO_8859_1);
        receive(c, head);
        // The capture saw only the first 100 bytes of a 5 MB write, then nothing for 4 MB, then the rest.
        byte[] start = new byte[100];
        java.util.Arrays.fill(start, (byte) 'x');
        c.data(Direction.INGRESS, ingressOffset, start, 0, 100, 1_000_000, 1);
        ingressOffset += 5_000_000;
        byte[] next = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext".getBytes(ISO_8859_1);
        c.data(Direction.INGRESS, ingressOffset, next, 0, next.length, next.length, 2);

        assertThat(calls).hasSize(2);
        var big = calls.get(0);
        assertThat(big.response().orElseThrow().body().size()).isEqualTo(100);
        assertThat(big.response().orElseThrow().body().wireLength()).isEqualTo(5_000_000);
        assertThat(big.flags()).contains(CaptureFlag.GAP, CaptureFlag.RESPONSE_BODY_TRUNCATED);
        assertThat(new String(calls.get(1).response().orElseThrow().body().bytes(), UTF_8)).isEqualTo("next");
        assertThat(calls.get(1).flags()).isEmpty();
    }

    @Test
    void bodyKeptAfterALossIsOnlyTheContiguousStart() {
        var c = conversation(ConnectionInfo.Role.CLIENT, 1024);
        byte[] head = "POST /up HTTP/1.1\r\nContent-Length: 30\r\n\r\n".getBytes(ISO_8859_1);
        c.data(Direction.EGRESS, 0, head, 0, head.length, head.length, 0);
        byte[] first = "0123456789".getBytes(ISO_8859_1);
        c.data(Direction.EGRESS, head.length, first, 0, 5, 10, 1); // 5 of 10 bytes captured
        byte[] rest = "abcdefghijklmnopqrst".getBytes(ISO_8859_1);
        c.data(Direction.EGRESS, head.length + 10, rest, 0, rest.length, rest.length, 2);
        receive(c, "HTTP/1.1 204 No Content\r\n\r\n");

        var body = calls.getFirst().request().body();
        assertThat(new String(body.bytes(), ISO_8859_1)).isEqualTo("01234");
        assertThat(body.wireLength()).isEqualTo(30);
        assertThat(calls.getFirst().flags()).contains(CaptureFlag.GAP, CaptureFlag.REQUEST_BODY_TRUNCATED);
    }

    @Test
    void lossInsideAHeadResynchronisesAtTheNextRequest() {
        var c = conversation(ConnectionInfo.Role.SERVER, 1024);
        byte[] first = "GET /lost HTTP/1.1\r\nHost: a\r\nX-Lo".getBytes(ISO_8859_1);
        c.data(Direction.INGRESS, 0, first, 0, first.length, first.length, 0);
        byte[] rest = "ng: 1\r\n\r\nGET /found HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(ISO_8859_1);
        c.data(Direction.INGRESS, first.length + 10, rest, 0, rest.length, rest.length, 1);
        byte[] answers = "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na".getBytes(ISO_8859_1);
        c.data(Direction.EGRESS, 0, answers, 0, answers.length, answers.length, 2);

        assertThat(calls).singleElement().satisfies(call -> assertThat(call.request().target()).isEqualTo("/found"));
    }

    @Test
    void nonHttpBytesAreIgnoredWithoutCalls() {
        var c = conversation(ConnectionInfo.Role.UNKNOWN, 1024);
        byte[] tlsHello = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};
        c.data(Direction.EGRESS, 0, tlsHello, 0, tlsHello.length, tlsHello.length, 0);
        receive(c, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

        assertThat(c.isHttp()).isFalse();
        assertThat(calls).isEmpty();

        var garbage = conversation(ConnectionInfo.Role.CLIENT, 1024);
        byte[] random = new byte[4096];
        new java.util.Random(7).nextBytes(random);
        garbage.data(Direction.EGRESS, 0, random, 0, random.length, random.length, 0);
        garbage.close(1);
        assertThat(garbage.isHttp()).isFalse();
        assertThat(calls).isEmpty();
    }

    @Test
    void bodiesOverTheCapAreCutAndFlagged() {
        var c = conversation(ConnectionInfo.Role.CLIENT, 10);
        send(c, "POST /p HTTP/1.1\r\nContent-Length: 26\r\n\r\nabcdefghijklmnopqrstuvwxyz");
        receive(c, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

        var call = calls.getFirst();
        assertThat(new String(call.request().body().bytes(), UTF_8)).isEqualTo("abcdefghij");
        assertThat(call.request().body().wireLength()).isEqualTo(26);
        assertThat(call.flags()).containsExactly(CaptureFlag.REQUEST_BODY_TRUNCATED);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
