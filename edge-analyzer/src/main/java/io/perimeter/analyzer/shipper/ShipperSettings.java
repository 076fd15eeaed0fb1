package io.perimeter.analyzer.shipper;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Shipper} paces itself.
 *
 * @param baseBackoff    the first retry's ceiling after a failure; each further failure doubles it
 * @param maxBackoff     the ceiling's cap. The wait itself is drawn uniformly between zero and the ceiling ("full
 *                       jitter"), so that edges that failed together do not come back together
 * @param requestTimeout the most one request (connect, send, answer) may take before it counts as a failure
 * @param idlePoll       how long the loop waits for a new batch, or for a changed credential while paused, before it
 *                       looks again (appends wake it at once)
 * @param maxRetryAfter  the longest {@code Retry-After} obeyed as given; a longer one is cut to this
 */
public record ShipperSettings(Duration baseBackoff, Duration maxBackoff, Duration requestTimeout, Duration idlePoll,
        Duration maxRetryAfter) {

    /** Backoff from 1 s up to 5 min, 30 s per request, a look every 5 s when idle, Retry-After up to 1 h. */
    public static final ShipperSettings DEFAULTS = new ShipperSettings(Duration.ofSeconds(1), Duration.ofMinutes(5),
            Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofHours(1));

    public ShipperSettings {
        positive("baseBackoff", baseBackoff);
        positive("maxBackoff", maxBackoff);
        positive("requestTimeout", requestTimeout);
        positive("idlePoll", idlePoll);
        positive("maxRetryAfter", maxRetryAfter);
        if (maxBackoff.compareTo(baseBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must not be shorter than baseBackoff");
        }
    }

    /** The three that matter most, with the default idle poll and Retry-After cap. */
    public ShipperSettings(Duration baseBackoff, Duration maxBackoff, Duration requestTimeout) {
        this(baseBackoff, maxBackoff, requestTimeout, DEFAULTS.idlePoll(), DEFAULTS.maxRetryAfter());
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.toMillis() < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 ms, was " + value);
        }
    }
}
