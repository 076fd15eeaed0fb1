package io.perimeter.sensor.http;

/** The direction of bytes as the observed process sees them. */
public enum Direction {
    /** Written (sent) by the observed process. */
    EGRESS,
    /** Read (received) by the observed process. */
    INGRESS
}
