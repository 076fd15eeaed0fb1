/**
 * The records of the capture program ({@code bpf/sensor.bpf.c}) decoded in Java, and the program itself:
 * {@link io.perimeter.sensor.events.SensorProgram} loads and attaches it and hands each ring buffer record over as a
 * {@link io.perimeter.sensor.events.SensorEvent}. The layouts are those of {@code bpf/include/perimeter_events.h};
 * {@code bpf/README.md} explains what the kernel side emits and when.
 */
package io.perimeter.sensor.events;
