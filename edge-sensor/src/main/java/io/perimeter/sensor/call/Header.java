package io.perimeter.sensor.call;

/** One header field as it appeared on the wire (name case kept). */
public record Header(String name, String value) {}
