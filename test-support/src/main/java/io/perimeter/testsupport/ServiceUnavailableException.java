package io.perimeter.testsupport;

/** A service a test requires does not answer. Its message says how to start it. */
public final class ServiceUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
