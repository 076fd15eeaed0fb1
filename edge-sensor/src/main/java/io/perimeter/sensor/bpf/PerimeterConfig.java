package io.perimeter.sensor.bpf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The load-time settings of a Perimeter BPF object: {@code struct perimeter_config} of
 * {@code bpf/include/perimeter_events.h}, written into the object's {@code .rodata} before load.
 *
 * @param targetTgid the process (thread group) id whose activity is reported; 0 reports nothing
 */
public record PerimeterConfig(int targetTgid) {

    // Layout of struct perimeter_config (bpf/include/perimeter_events.h); SharedHeaderLayoutTest checks it.
    static final int SIZE = 4;
    static final int OFFSET_TARGET_TGID = 0;

    public PerimeterConfig {
        if (targetTgid < 0) {
            throw new IllegalArgumentException("targetTgid must not be negative: " + targetTgid);
        }
    }

    /** Settings that report the activity of the given process. */
    public static PerimeterConfig tracing(ProcessHandle process) {
        return new PerimeterConfig(Math.toIntExact(process.pid()));
    }

    /** The struct as the BPF program reads it, in host byte order. */
    byte[] toBytes() {
        return ByteBuffer.allocate(SIZE).order(ByteOrder.nativeOrder())
                .putInt(OFFSET_TARGET_TGID, targetTgid)
                .array();
    }
}
