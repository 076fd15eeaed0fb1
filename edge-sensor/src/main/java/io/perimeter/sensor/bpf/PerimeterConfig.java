package io.perimeter.sensor.bpf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The load-time settings of a Perimeter BPF object: {@code struct perimeter_config} of
 * {@code bpf/include/perimeter_events.h}, written into the object's {@code .rodata} before load. One struct serves
 * every object; each reads the fields it needs.
 *
 * @param targetTgid smoke program: the process whose writes are reported; 0 reports nothing
 * @param selfTgid sensor: a process never traced, the sensor's own (0 when none)
 * @param filterTgid sensor: the only process traced; 0 traces every process but {@code selfTgid}
 * @param chunkSize sensor: most bytes per data record, 1..{@value #MAX_CHUNK_SIZE}
 * @param maxChunks sensor: most data records per call, 1..{@value #MAX_CHUNKS_PER_CALL}; the last one stands for
 *     the bytes not captured
 * @param wakeupBytes sensor: records are submitted without waking the ring buffer's reader until it holds more than
 *     this many bytes, so the reader must poll with a timeout; 0 wakes it whenever it has caught up
 */
public record PerimeterConfig(int targetTgid, int selfTgid, int filterTgid, int chunkSize, int maxChunks,
        int wakeupBytes) {

    /** PERIMETER_MAX_CHUNK. */
    public static final int MAX_CHUNK_SIZE = 8192;
    /** PERIMETER_MAX_CHUNKS_PER_CALL. */
    public static final int MAX_CHUNKS_PER_CALL = 16;

    // Layout of struct perimeter_config (bpf/include/perimeter_events.h); SharedHeaderLayoutTest checks it.
    static final int SIZE = 24;
    static final int OFFSET_TARGET_TGID = 0;
    static final int OFFSET_SELF_TGID = 4;
    static final int OFFSET_FILTER_TGID = 8;
    static final int OFFSET_CHUNK_SIZE = 12;
    static final int OFFSET_MAX_CHUNKS = 16;
    static final int OFFSET_WAKEUP_BYTES = 20;

    public PerimeterConfig {
        if (targetTgid < 0 || selfTgid < 0 || filterTgid < 0) {
            throw new IllegalArgumentException("process ids must not be negative: " + targetTgid + ", " + selfTgid
                    + ", " + filterTgid);
        }
        if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunkSize must be 1.." + MAX_CHUNK_SIZE + ": " + chunkSize);
        }
        if (maxChunks < 1 || maxChunks > MAX_CHUNKS_PER_CALL) {
            throw new IllegalArgumentException("maxChunks must be 1.." + MAX_CHUNKS_PER_CALL + ": " + maxChunks);
        }
        if (wakeupBytes < 0) {
            throw new IllegalArgumentException("wakeupBytes must not be negative: " + wakeupBytes);
        }
    }

    /** Smoke program settings that report the writes of the given process. */
    public static PerimeterConfig tracing(ProcessHandle process) {
        return new PerimeterConfig(Math.toIntExact(process.pid()), 0, 0, MAX_CHUNK_SIZE, MAX_CHUNKS_PER_CALL, 0);
    }

    /** Sensor settings; {@code targetTgid}, which only the smoke program reads, is 0. */
    public static PerimeterConfig capture(int selfTgid, int filterTgid, int chunkSize, int maxChunks, int wakeupBytes) {
        return new PerimeterConfig(0, selfTgid, filterTgid, chunkSize, maxChunks, wakeupBytes);
    }

    /** The struct as the BPF program reads it, in host byte order. */
    byte[] toBytes() {
        return ByteBuffer.allocate(SIZE).order(ByteOrder.nativeOrder())
                .putInt(OFFSET_TARGET_TGID, targetTgid)
                .putInt(OFFSET_SELF_TGID, selfTgid)
                .putInt(OFFSET_FILTER_TGID, filterTgid)
                .putInt(OFFSET_CHUNK_SIZE, chunkSize)
                .putInt(OFFSET_MAX_CHUNKS, maxChunks)
                .putInt(OFFSET_WAKEUP_BYTES, wakeupBytes)
                .array();
    }
}
