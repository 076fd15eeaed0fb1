package io.perimeter.sensor.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The {@code comm} field of records, decoded once: nearly every record repeats the name its process had in the
 * records before, so a name is looked up by its 16 raw bytes (in a slot chosen by the process id) and a new
 * {@link String} is made only on a miss. A miss costs what decoding always cost; the cache holds at most
 * {@value #SLOTS} names.
 *
 * <p>Not thread-safe: one per decoding thread.
 */
final class CommNames {
    private static final int SLOTS = 256;

    private final long[] lowBytes = new long[SLOTS];
    private final long[] highBytes = new long[SLOTS];
    private final String[] names = new String[SLOTS];

    /** The NUL-terminated name at {@code offset} ({@link EventLayout#COMM_LENGTH} bytes) of a record of process {@code tgid}. */
    String name(ByteBuffer in, int offset, int tgid) {
        long low = in.getLong(offset);
        long high = in.getLong(offset + Long.BYTES);
        int slot = (tgid ^ (tgid >>> 8)) & (SLOTS - 1);
        String cached = names[slot];
        if (cached != null && lowBytes[slot] == low && highBytes[slot] == high) {
            return cached;
        }
        String name = decode(in, offset);
        lowBytes[slot] = low;
        highBytes[slot] = high;
        names[slot] = name;
        return name;
    }

    private static String decode(ByteBuffer in, int offset) {
        byte[] raw = new byte[EventLayout.COMM_LENGTH];
        in.get(offset, raw);
        int length = 0;
        while (length < raw.length && raw[length] != 0) {
            length++;
        }
        return new String(raw, 0, length, StandardCharsets.UTF_8);
    }
}
