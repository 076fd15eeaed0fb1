package io.perimeter.analyzer.shipper;

import java.time.Duration;
import java.util.Optional;

/**
 * What one {@link Shipper#shipOldest()} did.
 *
 * @param outcome what happened
 * @param batchId the batch it was about, if there was one
 * @param status  the HTTP status of the answer, or 0 if there was none (nothing sent, or a network failure)
 * @param delay   for {@link Outcome#RETRY_LATER}, how long to wait before the next attempt; zero otherwise
 */
public record Attempt(Outcome outcome, Optional<String> batchId, int status, Duration delay) {

    /** What happened to the oldest batch. */
    public enum Outcome {
        /** The spool was empty. */
        IDLE,
        /** The control plane has it (stored now or before): it left the spool. */
        DELIVERED,
        /** The control plane refused it for good (400, 413, 422): it went to the spool's dead letters. */
        DEAD_LETTERED,
        /** Throttled, a server error or a network failure: it stays first in the spool. */
        RETRY_LATER,
        /** The credential was refused or is missing: nothing is sent until it changes or {@link Shipper#resume()}. */
        PAUSED_FOR_CREDENTIAL
    }

    static Attempt idle() {
        return new Attempt(Outcome.IDLE, Optional.empty(), 0, Duration.ZERO);
    }

    static Attempt of(Outcome outcome, String batchId, int status) {
        return new Attempt(outcome, Optional.ofNullable(batchId), status, Duration.ZERO);
    }
}
