package io.perimeter.sensor.events;

/**
 * A tracked connection ended: its process called {@code close(2)} on it, or its fd was found naming another file
 * (replaced by {@code dup2}, or closed in a way the sensor does not trace). Connections still open when their
 * process exits get no close event: the {@link ExitEvent} ends them all.
 *
 * @param fd the connection's file descriptor
 * @param connId the connection, as in its {@link ConnectionEvent}
 */
public record CloseEvent(long timestampNanos, int tgid, int fd, long connId) implements SensorEvent {}
