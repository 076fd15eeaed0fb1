package io.perimeter.sensor.har;

/** A HAR file that cannot be read; the message names the entry and field. */
public final class HarFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HarFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
