package io.perimeter.sensor.events;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Synthetic capture records of API traffic, made as the kernel program writes them, for warming up the code that
 * decodes and parses the real ones ({@link SensorProgram#warmUp}).
 *
 * <p>The traffic: keep-alive connections, alternately plain and TLS (server side, already bound), each carrying
 * requests with typical headers and responses with a JSON body, framed by Content-Length or chunked. Records are in
 * host byte order, each handed over in a buffer that is reused for the next one.
 */
final class WarmUpTraffic {
    private static final int EXCHANGES_PER_CONNECTION = 50;
    private static final int TGID = 1;
    private static final long SSL_PTR = 0x7f00_0000_1000L;
    private static final byte[] COMM = "warm-up".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LOOPBACK = {127, 0, 0, 1};
    private static final byte[] REQUEST = ("GET /api/items/42?expand=price HTTP/1.1\r\nHost: api.example.test\r\n"
            + "User-Agent: warm-up/1.0\r\nAccept: application/json\r\nAuthorization: Bearer abc.def.ghi\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    private static final String BODY = "{\"id\":42,\"name\":\"Widget\",\"price\":{\"amount\":\"19.90\",\"currency\":"
            + "\"EUR\"},\"tags\":[\"tools\",\"widgets\"]}";
    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nServer: warm-up\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + BODY.length() + "\r\nConnection: keep-alive\r\n\r\n" + BODY)
            .getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] CHUNKED_RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(BODY.length()) + "\r\n" + BODY + "\r\n0\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);

    private final ByteBuffer scratch = ByteBuffer.allocate(EventLayout.Data.SIZE + EventLayout.MAX_CHUNK)
            .order(ByteOrder.nativeOrder());
    private final Consumer<ByteBuffer> records;
    private long nanos;

    private WarmUpTraffic(Consumer<ByteBuffer> records) {
        this.records = records;
    }

    /** Hands the records of {@code exchanges} request/response pairs, and of their connections, to {@code records}. */
    static void replay(int exchanges, Consumer<ByteBuffer> records) {
        WarmUpTraffic traffic = new WarmUpTraffic(records);
        for (int connId = 1; exchanges > 0; connId++) {
            int count = Math.min(exchanges, EXCHANGES_PER_CONNECTION);
            traffic.connection(connId, connId % 2 == 0, count);
            exchanges -= count;
        }
    }

    private void connection(long connId, boolean tls, int exchanges) {
        open(connId);
        long requestOffset = 0;
        long responseOffset = 0;
        for (int i = 0; i < exchanges; i++) {
            byte[] response = i % 2 == 0 ? RESPONSE : CHUNKED_RESPONSE;
            data(connId, tls, EventLayout.DIRECTION_INGRESS, requestOffset, REQUEST);
            data(connId, tls, EventLayout.DIRECTION_EGRESS, responseOffset, response);
            requestOffset += REQUEST.length;
            responseOffset += response.length;
        }
        close(connId);
    }

    private void open(long connId) {
        start(EventLayout.TYPE_CONN, EventLayout.Conn.SIZE)
                .putLong(EventLayout.Conn.OFFSET_CONN_ID, connId)
                .putInt(EventLayout.Conn.OFFSET_FD, 5)
                .putShort(EventLayout.Conn.OFFSET_FAMILY, (short) EventLayout.AF_INET)
                .put(EventLayout.Conn.OFFSET_ROLE, (byte) EventLayout.ROLE_SERVER)
                .put(EventLayout.Conn.OFFSET_LOCAL_ADDR, LOOPBACK)
                .put(EventLayout.Conn.OFFSET_REMOTE_ADDR, LOOPBACK)
                .putShort(EventLayout.Conn.OFFSET_LOCAL_PORT, (short) 8443)
                .putShort(EventLayout.Conn.OFFSET_REMOTE_PORT, (short) (40000 + connId % 20000))
                .put(EventLayout.Conn.OFFSET_COMM, COMM);
        send(EventLayout.Conn.SIZE);
    }

    private void data(long connId, boolean tls, int direction, long offset, byte[] bytes) {
        start(EventLayout.TYPE_DATA, EventLayout.Data.SIZE + bytes.length)
                .putLong(EventLayout.Data.OFFSET_CONN_ID, connId)
                .putLong(EventLayout.Data.OFFSET_SSL_PTR, tls ? SSL_PTR + connId : 0)
                .putLong(EventLayout.Data.OFFSET_OFFSET, offset)
                .putLong(EventLayout.Data.OFFSET_TRUE_LEN, bytes.length)
                .putInt(EventLayout.Data.OFFSET_TID, TGID)
                .putInt(EventLayout.Data.OFFSET_FD, 5)
                .putInt(EventLayout.Data.OFFSET_CAPTURED_LEN, bytes.length)
                .put(EventLayout.Data.OFFSET_DIRECTION, (byte) direction)
                .put(EventLayout.Data.OFFSET_SOURCE, (byte) (tls ? EventLayout.SOURCE_TLS : EventLayout.SOURCE_SYSCALL))
                .put(EventLayout.Data.OFFSET_COMM, COMM)
                .put(EventLayout.Data.SIZE, bytes);
        send(EventLayout.Data.SIZE + bytes.length);
    }

    private void close(long connId) {
        start(EventLayout.TYPE_CLOSE, EventLayout.Close.SIZE)
                .putLong(EventLayout.Close.OFFSET_CONN_ID, connId)
                .putInt(EventLayout.Close.OFFSET_FD, 5);
        send(EventLayout.Close.SIZE);
    }

    /** The scratch buffer zeroed over {@code size} bytes, with the prefix every record shares. */
    private ByteBuffer start(int type, int size) {
        for (int i = 0; i < size; i++) {
            scratch.put(i, (byte) 0);
        }
        nanos += 10_000;
        return scratch.putInt(EventLayout.OFFSET_TYPE, type)
                .putInt(EventLayout.OFFSET_TGID, TGID)
                .putLong(EventLayout.OFFSET_TIMESTAMP, nanos);
    }

    private void send(int size) {
        records.accept(scratch.slice(0, size));
    }
}
