package io.perimeter.sensor.events;

import static io.perimeter.sensor.events.EventLayout.AF_INET;
import static io.perimeter.sensor.events.EventLayout.AF_INET6;

import io.perimeter.sensor.call.NetAddress;
import io.perimeter.sensor.http.ConnectionInfo;
import io.perimeter.sensor.http.Direction;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes the capture program's ring buffer records. It keeps the thread names it decoded, so that records of the
 * same process share one {@link String}.
 *
 * <p>Not thread-safe: one decoder per polling thread.
 */
public final class SensorEvents {

    private final CommNames commNames = new CommNames();

    /**
     * Decodes one record, from the buffer's position to its limit, in host byte order; the buffer is not modified and
     * nothing refers to it afterwards (data is copied).
     *
     * @throws IllegalArgumentException if the record is shorter than its type says, has an unknown type, or a field
     *     out of range
     */
    public SensorEvent decode(ByteBuffer record) {
        ByteBuffer in = record.slice().order(ByteOrder.nativeOrder());
        if (in.remaining() < EventLayout.PREFIX_SIZE) {
            throw new IllegalArgumentException("a sensor event has at least " + EventLayout.PREFIX_SIZE + " bytes, got "
                    + in.remaining());
        }
        int type = in.getInt(EventLayout.OFFSET_TYPE);
        return switch (type) {
            case EventLayout.TYPE_DATA -> data(sized(in, EventLayout.Data.SIZE, "data"));
            case EventLayout.TYPE_CONN -> connection(sized(in, EventLayout.Conn.SIZE, "connection"));
            case EventLayout.TYPE_CLOSE -> close(sized(in, EventLayout.Close.SIZE, "close"));
            case EventLayout.TYPE_TLS_BIND -> tlsBind(sized(in, EventLayout.TlsBind.SIZE, "TLS bind"));
            case EventLayout.TYPE_EXEC -> exec(sized(in, EventLayout.Exec.SIZE, "exec"));
            case EventLayout.TYPE_EXIT -> exit(sized(in, EventLayout.Exit.SIZE, "exit"));
            default -> throw new IllegalArgumentException("unknown sensor event type " + type);
        };
    }

    private DataEvent data(ByteBuffer in) {
        int captured = in.getInt(EventLayout.Data.OFFSET_CAPTURED_LEN);
        if (captured < 0 || captured > EventLayout.MAX_CHUNK) {
            throw new IllegalArgumentException("captured length out of range: " + Integer.toUnsignedString(captured));
        }
        if (in.remaining() < EventLayout.Data.SIZE + captured) {
            throw new IllegalArgumentException("a data event with " + captured + " captured bytes has "
                    + (EventLayout.Data.SIZE + captured) + " bytes, got " + in.remaining());
        }
        long trueLength = in.getLong(EventLayout.Data.OFFSET_TRUE_LEN);
        if (trueLength < captured) {
            throw new IllegalArgumentException("true length " + Long.toUnsignedString(trueLength) + " < captured "
                    + captured);
        }
        byte[] data = new byte[captured];
        in.get(EventLayout.Data.SIZE, data);
        return new DataEvent(timestamp(in), tgid(in), in.getInt(EventLayout.Data.OFFSET_TID),
                in.getInt(EventLayout.Data.OFFSET_FD), in.getLong(EventLayout.Data.OFFSET_CONN_ID),
                in.getLong(EventLayout.Data.OFFSET_SSL_PTR), source(in.get(EventLayout.Data.OFFSET_SOURCE)),
                direction(in.get(EventLayout.Data.OFFSET_DIRECTION)), in.getLong(EventLayout.Data.OFFSET_OFFSET),
                trueLength, comm(in, EventLayout.Data.OFFSET_COMM), data);
    }

    private ConnectionEvent connection(ByteBuffer in) {
        int family = Short.toUnsignedInt(in.getShort(EventLayout.Conn.OFFSET_FAMILY));
        NetAddress local = address(in, family, EventLayout.Conn.OFFSET_LOCAL_ADDR,
                Short.toUnsignedInt(in.getShort(EventLayout.Conn.OFFSET_LOCAL_PORT)));
        NetAddress remote = address(in, family, EventLayout.Conn.OFFSET_REMOTE_ADDR,
                Short.toUnsignedInt(in.getShort(EventLayout.Conn.OFFSET_REMOTE_PORT)));
        return new ConnectionEvent(timestamp(in), tgid(in), in.getInt(EventLayout.Conn.OFFSET_FD),
                in.getLong(EventLayout.Conn.OFFSET_CONN_ID), role(in.get(EventLayout.Conn.OFFSET_ROLE)), local, remote,
                comm(in, EventLayout.Conn.OFFSET_COMM));
    }

    private static CloseEvent close(ByteBuffer in) {
        return new CloseEvent(timestamp(in), tgid(in), in.getInt(EventLayout.Close.OFFSET_FD),
                in.getLong(EventLayout.Close.OFFSET_CONN_ID));
    }

    private static TlsBindEvent tlsBind(ByteBuffer in) {
        return new TlsBindEvent(timestamp(in), tgid(in), in.getLong(EventLayout.TlsBind.OFFSET_SSL_PTR),
                in.getInt(EventLayout.TlsBind.OFFSET_FD), in.getLong(EventLayout.TlsBind.OFFSET_CONN_ID));
    }

    private ExecEvent exec(ByteBuffer in) {
        return new ExecEvent(timestamp(in), tgid(in), comm(in, EventLayout.Exec.OFFSET_COMM));
    }

    private static ExitEvent exit(ByteBuffer in) {
        return new ExitEvent(timestamp(in), tgid(in));
    }

    private static ByteBuffer sized(ByteBuffer in, int size, String kind) {
        if (in.remaining() < size) {
            throw new IllegalArgumentException("a " + kind + " event has " + size + " bytes, got " + in.remaining());
        }
        return in;
    }

    private static long timestamp(ByteBuffer in) {
        return in.getLong(EventLayout.OFFSET_TIMESTAMP);
    }

    private static int tgid(ByteBuffer in) {
        return in.getInt(EventLayout.OFFSET_TGID);
    }

    private static Direction direction(byte value) {
        return switch (value) {
            case EventLayout.DIRECTION_EGRESS -> Direction.EGRESS;
            case EventLayout.DIRECTION_INGRESS -> Direction.INGRESS;
            default -> throw new IllegalArgumentException("unknown direction " + value);
        };
    }

    private static boolean source(byte value) {
        return switch (value) {
            case EventLayout.SOURCE_SYSCALL -> false;
            case EventLayout.SOURCE_TLS -> true;
            default -> throw new IllegalArgumentException("unknown data source " + value);
        };
    }

    private static ConnectionInfo.Role role(byte value) {
        return switch (value) {
            case EventLayout.ROLE_UNKNOWN -> ConnectionInfo.Role.UNKNOWN;
            case EventLayout.ROLE_CLIENT -> ConnectionInfo.Role.CLIENT;
            case EventLayout.ROLE_SERVER -> ConnectionInfo.Role.SERVER;
            default -> throw new IllegalArgumentException("unknown connection role " + value);
        };
    }

    /**
     * An address in the InetAddress textual form: dotted quad for IPv4, and for IPv4-mapped IPv6 too (getByAddress
     * returns an Inet4Address for those); IPv6 otherwise.
     */
    private static NetAddress address(ByteBuffer in, int family, int offset, int port) {
        byte[] raw = switch (family) {
            case AF_INET -> new byte[4];
            case AF_INET6 -> new byte[EventLayout.Conn.ADDR_LENGTH];
            default -> throw new IllegalArgumentException("unknown address family " + family);
        };
        in.get(offset, raw);
        try {
            return new NetAddress(InetAddress.getByAddress(raw).getHostAddress(), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4 or 16 byte address is always valid", e);
        }
    }

    private String comm(ByteBuffer in, int offset) {
        return commNames.name(in, offset, tgid(in));
    }
}
