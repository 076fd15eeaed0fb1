package io.perimeter.sensor.bpf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A {@code write(2)} seen by the smoke program: {@code struct perimeter_smoke_event} of
 * {@code bpf/include/perimeter_events.h}, decoded from a ring buffer record.
 *
 * @param tgid the writing process
 * @param tid the writing thread
 * @param fd the file descriptor written to
 * @param requestedLength the length the process asked to write, whatever was captured
 * @param comm the name of the writing thread
 * @param data the first bytes of the written buffer, at most {@value #CHUNK}; copied in and out
 */
public record SmokeEvent(int tgid, int tid, int fd, long requestedLength, String comm, byte[] data) {

    /** PERIMETER_EVENT_SMOKE_WRITE, the type tag that starts the record. */
    public static final int TYPE = 1;
    /** PERIMETER_SMOKE_CHUNK: the most bytes of a write that the event carries. */
    public static final int CHUNK = 64;

    // Layout of struct perimeter_smoke_event (bpf/include/perimeter_events.h), written in host byte order.
    // SharedHeaderLayoutTest compares these with the header compiled by clang.
    static final int SIZE = 112;
    static final int COMM_LENGTH = 16;
    static final int OFFSET_TYPE = 0;
    static final int OFFSET_TGID = 4;
    static final int OFFSET_TID = 8;
    static final int OFFSET_FD = 12;
    static final int OFFSET_REQUESTED_LENGTH = 16;
    static final int OFFSET_CAPTURED_LENGTH = 24;
    static final int OFFSET_COMM = 32;
    static final int OFFSET_DATA = 48;

    public SmokeEvent {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Whether the write was longer than what the event carries. */
    public boolean truncated() {
        return requestedLength > data.length;
    }

    /**
     * Decodes one ring buffer record, from its position on; the buffer is not modified.
     *
     * @throws IllegalArgumentException if the record is too short or is not a smoke event
     */
    public static SmokeEvent decode(ByteBuffer record) {
        ByteBuffer in = record.slice().order(ByteOrder.nativeOrder());
        if (in.remaining() < SIZE) {
            throw new IllegalArgumentException("a smoke event has " + SIZE + " bytes, got " + in.remaining());
        }
        int type = in.getInt(OFFSET_TYPE);
        if (type != TYPE) {
            throw new IllegalArgumentException("not a smoke event: type " + type);
        }
        int captured = in.getInt(OFFSET_CAPTURED_LENGTH);
        if (captured < 0 || captured > CHUNK) {
            throw new IllegalArgumentException("captured length out of range: " + captured);
        }
        byte[] data = new byte[captured];
        in.get(OFFSET_DATA, data);
        return new SmokeEvent(in.getInt(OFFSET_TGID), in.getInt(OFFSET_TID), in.getInt(OFFSET_FD),
                in.getLong(OFFSET_REQUESTED_LENGTH), comm(in), data);
    }

    private static String comm(ByteBuffer in) {
        byte[] raw = new byte[COMM_LENGTH];
        in.get(OFFSET_COMM, raw);
        int length = 0;
        while (length < raw.length && raw[length] != 0) {
            length++;
        }
        return new String(raw, 0, length, StandardCharsets.UTF_8);
    }
}
