package io.perimeter.sensor.capture;

import java.time.Duration;

/**
 * Limits of user-space capture.
 *
 * @param bodyCap          bytes of each body kept (after decoding); longer bodies are cut and flagged
 * @param idleTimeout      a connection with no event for this long is closed and its state freed
 * @param maxConnections   connections tracked at once; the least recently active is evicted past it
 * @param maxPendingTlsBytes plaintext held per TLS stream while waiting to learn its socket; older bytes are
 *                         dropped past it (and show as a gap)
 */
public record CaptureSettings(int bodyCap, Duration idleTimeout, int maxConnections, int maxPendingTlsBytes) {

    public static final CaptureSettings DEFAULTS = new CaptureSettings(64 * 1024, Duration.ofMinutes(2), 16_384, 256 * 1024);

    public CaptureSettings {
        if (bodyCap < 0 || maxConnections < 1 || maxPendingTlsBytes < 0 || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("invalid capture settings: " + bodyCap + ", " + idleTimeout + ", "
                    + maxConnections + ", " + maxPendingTlsBytes);
        }
    }
}
