package io.perimeter.sensor.capture;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of user-space capture, readable from any thread while capture runs. Kernel-side counters (ring
 * buffer drops) are read from the BPF program, not kept here.
 */
public final class CaptureStats {
    final LongAdder events = new LongAdder();
    final LongAdder dataBytes = new LongAdder();
    final LongAdder calls = new LongAdder();
    final LongAdder callsWithGaps = new LongAdder();
    final LongAdder connectionsOpened = new LongAdder();
    final LongAdder nonHttpConnections = new LongAdder();
    final LongAdder evictedIdle = new LongAdder();
    final LongAdder evictedOverCap = new LongAdder();
    final LongAdder dataWithoutConnection = new LongAdder();
    final LongAdder pendingTlsBytesDropped = new LongAdder();
    final LongAdder tlsProbesReset = new LongAdder();

    public long events() { return events.sum(); }
    public long dataBytes() { return dataBytes.sum(); }
    public long calls() { return calls.sum(); }
    public long callsWithGaps() { return callsWithGaps.sum(); }
    public long connectionsOpened() { return connectionsOpened.sum(); }
    public long nonHttpConnections() { return nonHttpConnections.sum(); }
    /** Connections closed because they were idle longer than the timeout. */
    public long evictedIdle() { return evictedIdle.sum(); }
    /** Connections evicted because more than the cap were tracked. */
    public long evictedOverCap() { return evictedOverCap.sum(); }
    /** Data whose connection event was never seen (lost in the kernel, or before the sensor started). */
    public long dataWithoutConnection() { return dataWithoutConnection.sum(); }
    /** TLS plaintext dropped while waiting for its socket binding. */
    public long pendingTlsBytesDropped() { return pendingTlsBytesDropped.sum(); }
    /** Times TLS probes were found attached but without their breakpoints in a process, and attached again. */
    public long tlsProbesReset() { return tlsProbesReset.sum(); }
}
