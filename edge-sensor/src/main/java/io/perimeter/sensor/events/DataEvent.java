package io.perimeter.sensor.events;

import io.perimeter.sensor.http.Direction;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Bytes a process moved: through a socket syscall ({@code tls} false), or as TLS plaintext through
 * {@code SSL_read}/{@code SSL_write} ({@code tls} true).
 *
 * <p>Each event is a piece of a stream: for syscall data the stream is ({@code connId}, {@code direction}); for TLS
 * data it is ({@code tgid}, {@code sslPtr}, {@code direction}), whose connection is {@code connId} when known and
 * otherwise given by a later {@link TlsBindEvent}. {@code offset} is the stream position of the first byte. The
 * event stands for {@code trueLength} bytes of the stream, of which it carries the first {@code data.length}; when
 * a stream's next event starts after {@code offset + trueLength}, the events in between were lost (and counted, see
 * {@link SensorCounter#EVENTS_LOST}).
 *
 * @param tid the thread that made the call
 * @param fd the socket's file descriptor; -1 for TLS data whose connection is not known yet
 * @param connId the connection; 0 for TLS data whose connection is not known yet
 * @param sslPtr the {@code SSL *} of TLS data; 0 for syscall data
 * @param comm the name of the thread that made the call
 * @param data the captured bytes; copied in and out
 */
public record DataEvent(long timestampNanos, int tgid, int tid, int fd, long connId, long sslPtr, boolean tls,
        Direction direction, long offset, long trueLength, String comm, byte[] data) implements SensorEvent {

    public DataEvent {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(comm, "comm");
        data = data.clone();
        if (trueLength < data.length) {
            throw new IllegalArgumentException("trueLength " + trueLength + " < captured " + data.length);
        }
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The captured bytes without a copy, read-only. */
    public ByteBuffer dataBuffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** How many bytes the event carries. */
    public int capturedLength() {
        return data.length;
    }

    /** Whether the call moved more bytes than the event carries (chunk limits, or unreadable user memory). */
    public boolean truncated() {
        return trueLength > data.length;
    }

    /** The stream position just after the bytes this event stands for. */
    public long endOffset() {
        return offset + trueLength;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataEvent that
                && timestampNanos == that.timestampNanos && tgid == that.tgid && tid == that.tid && fd == that.fd
                && connId == that.connId && sslPtr == that.sslPtr && tls == that.tls && direction == that.direction
                && offset == that.offset && trueLength == that.trueLength && comm.equals(that.comm)
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestampNanos, tgid, tid, fd, connId, sslPtr, tls, direction, offset, trueLength, comm)
                * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        int shown = Math.min(data.length, 32);
        return "DataEvent[timestampNanos=" + timestampNanos + ", tgid=" + tgid + ", tid=" + tid + ", fd=" + fd
                + ", connId=" + connId + ", sslPtr=0x" + Long.toHexString(sslPtr) + ", tls=" + tls
                + ", direction=" + direction + ", offset=" + offset + ", trueLength=" + trueLength + ", comm=" + comm
                + ", data=" + data.length + " bytes " + HexFormat.of().formatHex(data, 0, shown)
                + (shown < data.length ? "..." : "") + "]";
    }
}
