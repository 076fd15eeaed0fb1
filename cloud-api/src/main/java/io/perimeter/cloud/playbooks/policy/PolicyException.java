package io.perimeter.cloud.playbooks.policy;

/** A policy that cannot be generated for this finding; the message says why and never quotes traffic data. */
public final class PolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PolicyException(String message) {
        super(message, null, false, false);
    }
}
