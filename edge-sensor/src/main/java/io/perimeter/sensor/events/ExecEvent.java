package io.perimeter.sensor.events;

/**
 * A process called {@code execve}: it runs a new program now, which may bring its own TLS library to probe.
 *
 * @param comm the new program's name as the kernel keeps it (at most 15 bytes)
 */
public record ExecEvent(long timestampNanos, int tgid, String comm) implements SensorEvent {}
