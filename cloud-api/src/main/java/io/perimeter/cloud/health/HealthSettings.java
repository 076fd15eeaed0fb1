package io.perimeter.cloud.health;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code perimeter.health.check-timeout}: how long a readiness check waits for a service before it counts it as down
 * (keep it below the readiness probe's {@code timeoutSeconds}).
 */
@ConfigurationProperties("perimeter.health")
record HealthSettings(@Bindable(defaultValue = "3s") Duration checkTimeout) {}
