package io.perimeter.sensor.capture;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.CaptureFlag;
import io.perimeter.sensor.call.NetAddress;
import io.perimeter.sensor.events.CloseEvent;
import io.perimeter.sensor.events.ConnectionEvent;
import io.perimeter.sensor.events.DataEvent;
import io.perimeter.sensor.events.ExitEvent;
import io.perimeter.sensor.events.TlsBindEvent;
import io.perimeter.sensor.http.ConnectionInfo;
import io.perimeter.sensor.http.Direction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConnectionTrackerTest {
    private static final NetAddress LOCAL = new NetAddress("127.0.0.1", 40000);
    private static final NetAddress SERVER = new NetAddress("127.0.0.1", 8443);
    private static final String REQUEST = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n";
    private static final String RESPONSE = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private final List<ApiCall> calls = new ArrayList<>();
    private final CaptureStats stats = new CaptureStats();
    private final AtomicLong ids = new AtomicLong();

    private ConnectionTracker tracker(CaptureSettings settings) {
        return new ConnectionTracker(settings, calls::add, ids::incrementAndGet, n -> Instant.ofEpochSecond(0, n), stats);
    }

    private static ConnectionEvent open(long connId, int fd, long nanos) {
        return new ConnectionEvent(nanos, 100, fd, connId, ConnectionInfo.Role.CLIENT, LOCAL, SERVER, "curl");
    }

    private static DataEvent plain(long connId, Direction direction, long offset, String text, long nanos) {
        byte[] bytes = text.getBytes(ISO_8859_1);
        return new DataEvent(nanos, 100, 101, 5, connId, 0, false, direction, offset, bytes.length, "curl", bytes);
    }

    private static DataEvent tls(long connId, long ssl, Direction direction, long offset, String text, long nanos) {
        byte[] bytes = text.getBytes(ISO_8859_1);
        return new DataEvent(nanos, 100, 101, connId == 0 ? -1 : 5, connId, ssl, true, direction, offset, bytes.length, "node", bytes);
    }

    @Test
    void plainConnectionGivesACallWithItsAddressesAndProcess() {
        var tracker = tracker(CaptureSettings.DEFAULTS);
        tracker.accept(open(1, 5, 10));
        tracker.accept(plain(1, Direction.EGRESS, 0, REQUEST, 11));
        tracker.accept(plain(1, Direction.INGRESS, 0, RESPONSE, 12));

        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.client()).isEqualTo(LOCAL);
            assertThat(call.server()).isEqualTo(SERVER);
            assertThat(call.process().pid()).isEqualTo(100);
            assertThat(call.process().name()).isEqualTo("curl");
            assertThat(call.tls()).isFalse();
        });
        assertThat(stats.calls()).isEqualTo(1);
    }

    @Test
    void reusedFdIsANewConnectionAndNothingMixes() {
        var tracker = tracker(CaptureSettings.DEFAULTS);
        tracker.accept(open(1, 5, 10));
        tracker.accept(plain(1, Direction.EGRESS, 0, "GET /first HTTP/1.1\r\n\r\n", 11));
        tracker.accept(new CloseEvent(12, 100, 5, 1));
        tracker.accept(open(2, 5, 13)); // same fd, new connection id
        tracker.accept(plain(2, Direction.EGRESS, 0, "GET /second HTTP/1.1\r\n\r\n", 14));
        tracker.accept(plain(2, Direction.INGRESS, 0, RESPONSE, 15));

        assertThat(calls).extracting(c -> c.request().target() + " " + c.response().map(r -> r.status()).orElse(0))
                .containsExactly("/first 0", "/second 200");
        assertThat(calls.getFirst().flags()).containsExactly(CaptureFlag.NO_RESPONSE);
    }

    @Test
    void tlsPlaintextWaitsForItsSocketBinding() {
        var tracker = tracker(CaptureSettings.DEFAULTS);
        tracker.accept(open(7, 9, 1));
        // Memory BIO: the plaintext comes before the kernel learns which socket carries it.
        tracker.accept(tls(0, 0xabc, Direction.EGRESS, 0, REQUEST, 2));
        assertThat(calls).isEmpty();
        tracker.accept(new TlsBindEvent(3, 100, 0xabc, 9, 7));
        tracker.accept(tls(0, 0xabc, Direction.INGRESS, 0, RESPONSE, 4));

        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.tls()).isTrue();
            assertThat(call.server()).isEqualTo(SERVER);
            assertThat(call.request().target()).isEqualTo("/a");
        });
    }

    @Test
    void ciphertextOnTheSocketIsNotHttpAndCostsNoCalls() {
        var tracker = tracker(CaptureSettings.DEFAULTS);
        tracker.accept(open(7, 9, 1));
        byte[] hello = {0x16, 0x03, 0x01, 0x00, 0x40, 0x01, 0x00, 0x00, 0x3c, 0x03, 0x03};
        tracker.accept(new DataEvent(2, 100, 101, 9, 7, 0, false, Direction.EGRESS, 0, hello.length, "curl", hello));
        tracker.accept(tls(7, 0xdef, Direction.EGRESS, 0, REQUEST, 3));
        tracker.accept(tls(7, 0xdef, Direction.INGRESS, 0, RESPONSE, 4));

        assertThat(calls).singleElement().satisfies(call -> assertThat(call.tls()).isTrue());
        assertThat(stats.nonHttpConnections()).isEqualTo(1);
    }

    @Test
    void idleConnectionsAreClosedAndCounted() {
        var tracker = tracker(new CaptureSettings(1024, Duration.ofSeconds(5), 100, 1024));
        tracker.accept(open(1, 5, 0));
        tracker.accept(plain(1, Direction.EGRESS, 0, REQUEST, 1));
        tracker.accept(open(2, 6, 4_000_000_000L));

        tracker.expireIdle(6_000_000_000L);

        assertThat(stats.evictedIdle()).isEqualTo(1);
        assertThat(tracker.size()).isEqualTo(1);
        assertThat(calls).singleElement().satisfies(call -> assertThat(call.flags()).contains(CaptureFlag.NO_RESPONSE));
    }

    @Test
    void theCapEvictsTheLeastRecentlyActive() {
        var tracker = tracker(new CaptureSettings(1024, Duration.ofMinutes(1), 3, 1024));
        for (long id = 1; id <= 5; id++) {
            tracker.accept(open(id, (int) id, id));
        }
        assertThat(tracker.size()).isEqualTo(3);
        assertThat(stats.evictedOverCap()).isEqualTo(2);
    }

    @Test
    void dataWithoutAnOpenEventIsStillParsedAndCounted() {
        var tracker = tracker(CaptureSettings.DEFAULTS);
        tracker.accept(plain(9, Direction.EGRESS, 0, REQUEST, 1));
        tracker.accept(plain(9, Direction.INGRESS, 0, RESPONSE, 2));

        assertThat(stats.dataWithoutConnection()).isEqualTo(1);
        assertThat(calls).singleElement().satisfies(call -> assertThat(call.server()).isEqualTo(NetAddress.UNKNOWN));
    }

    @Test
    void processExitFlushesItsConnectionsAndPendingTls() {
        var tracker = tracker(CaptureSettings.DEFAULTS);
        tracker.accept(open(1, 5, 1));
        tracker.accept(plain(1, Direction.EGRESS, 0, REQUEST, 2));
        tracker.accept(tls(0, 0x1, Direction.EGRESS, 0, REQUEST, 3));

        tracker.accept(new ExitEvent(4, 100));

        assertThat(tracker.size()).isZero();
        assertThat(calls).hasSize(1);
        assertThat(stats.pendingTlsBytesDropped()).isEqualTo(REQUEST.length());
    }
}
