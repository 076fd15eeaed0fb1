package io.perimeter.cloud.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The limits, per caller: each edge, each tenant's edges together, and each person. Configured under
 * {@code perimeter.rate-limits.<edge|tenant|person>-capacity} and {@code -per-second}.
 */
@ConfigurationProperties("perimeter.rate-limits")
public record RateLimits(
        @Bindable(defaultValue = "60") long edgeCapacity,
        @Bindable(defaultValue = "10") double edgePerSecond,
        @Bindable(defaultValue = "600") long tenantCapacity,
        @Bindable(defaultValue = "100") double tenantPerSecond,
        @Bindable(defaultValue = "300") long personCapacity,
        @Bindable(defaultValue = "50") double personPerSecond) {

    Limit edge() {
        return new Limit(edgeCapacity, edgePerSecond);
    }

    Limit tenant() {
        return new Limit(tenantCapacity, tenantPerSecond);
    }

    Limit person() {
        return new Limit(personCapacity, personPerSecond);
    }
}
