package io.perimeter.analyzer.shipper;

/** What the ingest's status code means for the batch that was sent. */
enum IngestVerdict {
    /** 2xx, or 409 (a batch with this id is already stored): done. */
    STORED,
    /** 400, 413, 422: the batch will never be accepted; retrying would block the queue forever. */
    REJECTED,
    /** 401, 403: the edge's credential is refused; every batch would be. */
    CREDENTIAL_REFUSED,
    /** 429, 503: the ingest asks to come back later, usually with {@code Retry-After}. */
    THROTTLED,
    /** Anything else (5xx, 3xx, other 4xx): retry with backoff, keeping the batch. */
    FAILED;

    static IngestVerdict of(int status) {
        if (status >= 200 && status <= 299 || status == 409) {
            return STORED;
        }
        return switch (status) {
            case 400, 413, 422 -> REJECTED;
            case 401, 403 -> CREDENTIAL_REFUSED;
            case 429, 503 -> THROTTLED;
            default -> FAILED;
        };
    }
}
