package io.perimeter.sensor.events;

/** A process exited: its connections and SSL objects are gone, whether or not a close was seen. */
public record ExitEvent(long timestampNanos, int tgid) implements SensorEvent {}
