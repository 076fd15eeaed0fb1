package io.perimeter.sensor.events;

/**
 * One record of the capture program's ring buffer, decoded by {@link SensorEvents#decode}. Events come in the order
 * the kernel reserved them, which for one thread is the order things happened.
 */
public sealed interface SensorEvent permits DataEvent, ConnectionEvent, CloseEvent, TlsBindEvent, ExecEvent, ExitEvent {

    /** When the kernel saw it: {@code CLOCK_MONOTONIC} nanoseconds ({@code bpf_ktime_get_ns}), not wall-clock time. */
    long timestampNanos();

    /** The process (thread group) it happened in. */
    int tgid();
}
