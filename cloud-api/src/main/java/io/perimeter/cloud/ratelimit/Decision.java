package io.perimeter.cloud.ratelimit;

import java.time.Duration;

/** Whether a request may pass, and if not, when a token will be there again. */
public record Decision(boolean allowed, Duration retryAfter) {
    static final Decision ALLOWED = new Decision(true, Duration.ZERO);

    static Decision refused(long millis) {
        return new Decision(false, Duration.ofMillis(Math.max(1, millis)));
    }
}
