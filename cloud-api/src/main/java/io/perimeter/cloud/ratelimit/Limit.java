package io.perimeter.cloud.ratelimit;

import io.micronaut.core.annotation.Introspected;

/**
 * A token bucket: up to {@code capacity} requests at once, refilled at {@code perSecond} requests per second.
 *
 * @param capacity  the burst a caller may send after being idle
 * @param perSecond the sustained rate
 */
@Introspected
public record Limit(long capacity, double perSecond) {
    public Limit {
        if (capacity < 1 || !(perSecond > 0)) {
            throw new IllegalArgumentException("a rate limit needs a capacity ≥ 1 and a positive rate");
        }
    }
}
