package io.perimeter.sensor.events;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perimeter.sensor.call.NetAddress;
import io.perimeter.sensor.http.ConnectionInfo;
import io.perimeter.sensor.http.Direction;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Decodes records written in Java at the header's offsets (EventLayoutTest ties those to the C header). */
class SensorEventsTest {

    private static final long TIMESTAMP = 123_456_789_000L;
    private static final int TGID = 4242;

    private final SensorEvents decoder = new SensorEvents();

    @Test
    void decodesADataEventWithItsCapturedBytes() {
        byte[] captured = "GET / HTTP/1.1\r\n".getBytes(US_ASCII);
        ByteBuffer record = record(EventLayout.TYPE_DATA, EventLayout.Data.SIZE + captured.length + 5)
                .putLong(EventLayout.Data.OFFSET_CONN_ID, 77)
                .putLong(EventLayout.Data.OFFSET_SSL_PTR, 0x7f00_1234_5678L)
                .putLong(EventLayout.Data.OFFSET_OFFSET, 1000)
                .putLong(EventLayout.Data.OFFSET_TRUE_LEN, 100)
                .putInt(EventLayout.Data.OFFSET_TID, 4243)
                .putInt(EventLayout.Data.OFFSET_FD, 9)
                .putInt(EventLayout.Data.OFFSET_CAPTURED_LEN, captured.length)
                .put(EventLayout.Data.OFFSET_DIRECTION, (byte) EventLayout.DIRECTION_INGRESS)
                .put(EventLayout.Data.OFFSET_SOURCE, (byte) EventLayout.SOURCE_TLS)
                .put(EventLayout.Data.OFFSET_FLAGS, (byte) 1)
                .put(EventLayout.Data.OFFSET_COMM, "node\0garbage".getBytes(US_ASCII))
                .put(EventLayout.Data.SIZE, captured);

        DataEvent event = (DataEvent) decoder.decode(record);

        assertThat(event).isEqualTo(new DataEvent(TIMESTAMP, TGID, 4243, 9, 77, 0x7f00_1234_5678L, true,
                Direction.INGRESS, 1000, 100, "node", captured));
        assertThat(event.truncated()).isTrue();
        assertThat(event.endOffset()).isEqualTo(1100);
        assertThat(event.capturedLength()).isEqualTo(captured.length);
    }

    @Test
    void decodesASyscallEgressEventThatCarriesAllItsBytes() {
        ByteBuffer record = record(EventLayout.TYPE_DATA, EventLayout.Data.SIZE + 3)
                .putLong(EventLayout.Data.OFFSET_TRUE_LEN, 3)
                .putInt(EventLayout.Data.OFFSET_CAPTURED_LEN, 3)
                .put(EventLayout.Data.OFFSET_DIRECTION, (byte) EventLayout.DIRECTION_EGRESS)
                .put(EventLayout.Data.OFFSET_SOURCE, (byte) EventLayout.SOURCE_SYSCALL)
                .put(EventLayout.Data.SIZE, new byte[] {1, 2, 3});

        DataEvent event = (DataEvent) decoder.decode(record);

        assertThat(event.tls()).isFalse();
        assertThat(event.direction()).isEqualTo(Direction.EGRESS);
        assertThat(event.data()).containsExactly(1, 2, 3);
        assertThat(event.truncated()).isFalse();
    }

    @Test
    void decodesAnIpv4Connection() {
        ByteBuffer record = connection(EventLayout.AF_INET, new byte[] {127, 0, 0, 1}, 41000,
                new byte[] {10, 1, 2, (byte) 200}, 443, EventLayout.ROLE_CLIENT);

        ConnectionEvent event = (ConnectionEvent) decoder.decode(record);

        assertThat(event).isEqualTo(new ConnectionEvent(TIMESTAMP, TGID, 5, 99, ConnectionInfo.Role.CLIENT,
                new NetAddress("127.0.0.1", 41000), new NetAddress("10.1.2.200", 443), "curl"));
    }

    @Test
    void decodesIpv6AndIpv4MappedConnections() {
        byte[] loopback6 = HexFormat.of().parseHex("00000000000000000000000000000001");
        byte[] mapped = HexFormat.of().parseHex("00000000000000000000ffffc0000201");

        ConnectionEvent event = (ConnectionEvent) decoder.decode(
                connection(EventLayout.AF_INET6, loopback6, 8443, mapped, 50000, EventLayout.ROLE_SERVER));

        assertThat(event.role()).isEqualTo(ConnectionInfo.Role.SERVER);
        assertThat(event.local()).isEqualTo(new NetAddress("0:0:0:0:0:0:0:1", 8443));
        assertThat(event.remote()).isEqualTo(new NetAddress("192.0.2.1", 50000));
    }

    @Test
    void decodesAConnectionOfUnknownRole() {
        ConnectionEvent event = (ConnectionEvent) decoder.decode(connection(EventLayout.AF_INET,
                new byte[4], 1, new byte[4], 2, EventLayout.ROLE_UNKNOWN));

        assertThat(event.role()).isEqualTo(ConnectionInfo.Role.UNKNOWN);
        assertThat(event.local()).isEqualTo(new NetAddress("0.0.0.0", 1));
    }

    @Test
    void decodesCloseTlsBindExecAndExitEvents() {
        ByteBuffer close = record(EventLayout.TYPE_CLOSE, EventLayout.Close.SIZE)
                .putLong(EventLayout.Close.OFFSET_CONN_ID, 31)
                .putInt(EventLayout.Close.OFFSET_FD, 6);
        ByteBuffer bind = record(EventLayout.TYPE_TLS_BIND, EventLayout.TlsBind.SIZE)
                .putLong(EventLayout.TlsBind.OFFSET_CONN_ID, 32)
                .putLong(EventLayout.TlsBind.OFFSET_SSL_PTR, 0x5555_0000_1000L)
                .putInt(EventLayout.TlsBind.OFFSET_FD, 7);
        ByteBuffer exec = record(EventLayout.TYPE_EXEC, EventLayout.Exec.SIZE)
                .put(EventLayout.Exec.OFFSET_COMM, "python3\0".getBytes(US_ASCII));
        ByteBuffer exit = record(EventLayout.TYPE_EXIT, EventLayout.Exit.SIZE);

        assertThat(decoder.decode(close)).isEqualTo(new CloseEvent(TIMESTAMP, TGID, 6, 31));
        assertThat(decoder.decode(bind)).isEqualTo(new TlsBindEvent(TIMESTAMP, TGID, 0x5555_0000_1000L, 7, 32));
        assertThat(decoder.decode(exec)).isEqualTo(new ExecEvent(TIMESTAMP, TGID, "python3"));
        assertThat(decoder.decode(exit)).isEqualTo(new ExitEvent(TIMESTAMP, TGID));
    }

    @Test
    void acommThatFillsItsFieldHasNoTerminator() {
        ByteBuffer exec = record(EventLayout.TYPE_EXEC, EventLayout.Exec.SIZE)
                .put(EventLayout.Exec.OFFSET_COMM, "0123456789abcdef".getBytes(US_ASCII));

        assertThat(((ExecEvent) decoder.decode(exec)).comm()).isEqualTo("0123456789abcdef");
    }

    @Test
    void aProcessThatRenamesItselfGetsItsNewNameAndRepeatedNamesAreOneString() {
        ByteBuffer before = record(EventLayout.TYPE_EXEC, EventLayout.Exec.SIZE)
                .put(EventLayout.Exec.OFFSET_COMM, "python3\0".getBytes(US_ASCII));
        ByteBuffer after = record(EventLayout.TYPE_EXEC, EventLayout.Exec.SIZE)
                .put(EventLayout.Exec.OFFSET_COMM, "worker-1\0".getBytes(US_ASCII));

        String first = ((ExecEvent) decoder.decode(before)).comm();

        assertThat(((ExecEvent) decoder.decode(after)).comm()).isEqualTo("worker-1");
        assertThat(((ExecEvent) decoder.decode(before)).comm()).isEqualTo("python3");
        assertThat(((ExecEvent) decoder.decode(before)).comm()).isSameAs(((ExecEvent) decoder.decode(before)).comm())
                .isEqualTo(first);
    }

    @Test
    void decodesFromTheBufferPositionWithoutMovingIt() {
        ByteBuffer exit = record(EventLayout.TYPE_EXIT, EventLayout.Exit.SIZE);
        ByteBuffer shifted = ByteBuffer.allocate(3 + EventLayout.Exit.SIZE).order(ByteOrder.nativeOrder())
                .position(3).put(exit).position(3);

        assertThat(decoder.decode(shifted)).isEqualTo(new ExitEvent(TIMESTAMP, TGID));
        assertThat(shifted.position()).isEqualTo(3);
    }

    @Test
    void refusesShortAndUnknownRecords() {
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.allocate(8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 16");
        assertThatThrownBy(() -> decoder.decode(record(99, 64)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown sensor event type 99");
        assertThatThrownBy(() -> decoder.decode(record(EventLayout.TYPE_CONN, EventLayout.Conn.SIZE - 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("88 bytes");
        assertThatThrownBy(() -> decoder.decode(record(EventLayout.TYPE_DATA, EventLayout.Data.SIZE + 2)
                .putLong(EventLayout.Data.OFFSET_TRUE_LEN, 10)
                .putInt(EventLayout.Data.OFFSET_CAPTURED_LEN, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 captured bytes");
        assertThatThrownBy(() -> decoder.decode(record(EventLayout.TYPE_DATA, EventLayout.Data.SIZE + 3)
                .putLong(EventLayout.Data.OFFSET_TRUE_LEN, 2)
                .putInt(EventLayout.Data.OFFSET_CAPTURED_LEN, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("true length 2");
        assertThatThrownBy(() -> decoder.decode(connection(7, new byte[4], 1, new byte[4], 2, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("address family 7");
    }

    private static ByteBuffer connection(int family, byte[] local, int localPort, byte[] remote, int remotePort,
            int role) {
        return record(EventLayout.TYPE_CONN, EventLayout.Conn.SIZE)
                .putLong(EventLayout.Conn.OFFSET_CONN_ID, 99)
                .putInt(EventLayout.Conn.OFFSET_FD, 5)
                .putShort(EventLayout.Conn.OFFSET_FAMILY, (short) family)
                .put(EventLayout.Conn.OFFSET_ROLE, (byte) role)
                .put(EventLayout.Conn.OFFSET_LOCAL_ADDR, local)
                .put(EventLayout.Conn.OFFSET_REMOTE_ADDR, remote)
                .putShort(EventLayout.Conn.OFFSET_LOCAL_PORT, (short) localPort)
                .putShort(EventLayout.Conn.OFFSET_REMOTE_PORT, (short) remotePort)
                .put(EventLayout.Conn.OFFSET_COMM, "curl".getBytes(US_ASCII));
    }

    /** A zeroed record of {@code size} bytes with the shared prefix filled in. */
    private static ByteBuffer record(int type, int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder())
                .putInt(EventLayout.OFFSET_TYPE, type)
                .putInt(EventLayout.OFFSET_TGID, TGID)
                .putLong(EventLayout.OFFSET_TIMESTAMP, TIMESTAMP);
    }
}
