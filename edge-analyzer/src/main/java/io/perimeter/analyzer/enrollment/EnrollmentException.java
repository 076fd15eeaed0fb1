package io.perimeter.analyzer.enrollment;

/**
 * Enrollment did not happen. The message says why and what to do, for the operator; it never holds the enrollment
 * token or a credential.
 */
public final class EnrollmentException extends Exception {

    /** What went wrong, for callers that react differently (exit codes, retries). */
    public enum Reason {
        /** The control plane does not know the token, or it was used or has expired (401). */
        TOKEN_REFUSED,
        /** The control plane found the request invalid (400, 422). */
        REQUEST_REFUSED,
        /** The control plane could not be reached (connection, DNS, TLS, time-out). */
        UNREACHABLE,
        /** The control plane answered with something other than an enrollment or a known refusal. */
        UNEXPECTED_ANSWER
    }

    private final Reason reason;

    EnrollmentException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    EnrollmentException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
