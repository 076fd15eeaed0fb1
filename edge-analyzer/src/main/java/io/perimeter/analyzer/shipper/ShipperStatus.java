package io.perimeter.analyzer.shipper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of a {@link Shipper}. Errors are named by HTTP status ({@code HTTP 503}), exception class
 * ({@code java.net.ConnectException}) or a fixed word ({@code credential-missing}): never by a response body or an
 * exception message.
 *
 * @param running             whether the shipping loop is running
 * @param pausedForCredential whether shipping stopped because the credential was refused (401/403) or is missing
 * @param sent                batches the control plane took (stored now or before)
 * @param retries             attempts that failed and will be repeated (throttled, server errors, network failures)
 * @param deadLettered        batches refused for good and moved to the spool's dead letters
 * @param consecutiveFailures failures since the last success, which set the backoff ceiling
 * @param lastStatus          the HTTP status of the last answer, or 0 if there was none yet
 * @param lastError           the last failure, as described above
 * @param lastErrorAt         when it happened
 * @param lastSentAt          when the last batch was taken
 * @param nextAttemptAt       when the next attempt is due, while waiting after a failure
 */
public record ShipperStatus(boolean running, boolean pausedForCredential, long sent, long retries, long deadLettered,
        int consecutiveFailures, int lastStatus, Optional<String> lastError, Optional<Instant> lastErrorAt,
        Optional<Instant> lastSentAt, Optional<Instant> nextAttemptAt) {

    /** The status as health counters for the next batch (names fit the contract's {@code edge.counters}). */
    public Map<String, Long> healthCounters() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("shipper_sent", sent);
        counters.put("shipper_retries", retries);
        counters.put("shipper_dead_lettered", deadLettered);
        counters.put("shipper_consecutive_failures", (long) consecutiveFailures);
        counters.put("shipper_paused_for_credential", pausedForCredential ? 1L : 0L);
        return counters;
    }
}
