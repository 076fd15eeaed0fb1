package io.perimeter.cloud.ingest;

/** The batch is fine, but it could not be made durable now: the edge is told to retry later (503). */
final class IngestUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    IngestUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
