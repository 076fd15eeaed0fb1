package io.perimeter.cloud.problem;

import io.micronaut.http.HttpStatus;
import java.time.Duration;
import java.util.List;

/**
 * A request the API refuses, with the problem type and the words to say why. Thrown anywhere below a controller;
 * {@link ProblemResponseProcessor} turns it into the response.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String type;
    private final transient List<String> errors;
    private final Duration retryAfter;

    private ApiException(HttpStatus status, String type, String detail, List<String> errors, Duration retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** 400: the request cannot be read. */
    public static ApiException badRequest(String type, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, type, detail, List.of(), null);
    }

    /** 401: no usable credential. */
    public static ApiException unauthorized(String type, String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, type, detail, List.of(), null);
    }

    /** 403: known caller, not allowed. */
    public static ApiException forbidden(String type, String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, type, detail, List.of(), null);
    }

    /** 404: no such resource for this caller (also when it exists in another tenant). */
    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", "no " + what + " with that id in this tenant",
                List.of(), null);
    }

    /** 409: the request conflicts with the resource's state. */
    public static ApiException conflict(String type, String detail) {
        return new ApiException(HttpStatus.CONFLICT, type, detail, List.of(), null);
    }

    /** 413: too large. */
    public static ApiException tooLarge(String detail) {
        return new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "too-large", detail, List.of(), null);
    }

    /** 422: readable, but not acceptable. */
    public static ApiException unprocessable(String type, String detail, List<String> errors) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, type, detail, errors, null);
    }

    /** 429: over a rate limit; try again after {@code retryAfter}. */
    public static ApiException tooManyRequests(String detail, Duration retryAfter) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", detail, List.of(), retryAfter);
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public List<String> errors() {
        return errors;
    }

    /** For 429: when to try again, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
