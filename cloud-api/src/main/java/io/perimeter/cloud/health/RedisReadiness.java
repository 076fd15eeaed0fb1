package io.perimeter.cloud.health;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;

/**
 * With {@code perimeter.redis.uri} set (rate limits, caches and ingest de-duplication are shared through it): ready
 * when Redis answers {@code PING} on the API's shared connection. The connection is taken through a provider, so a
 * Redis that refused it at start makes the instance not ready instead of failing the probe.
 */
@Singleton
@Readiness
@Requires(property = "perimeter.redis.uri")
final class RedisReadiness implements HealthIndicator {
    private final BeanProvider<StatefulRedisConnection<String, String>> redis;
    private final DependencyCheck check;

    RedisReadiness(BeanProvider<StatefulRedisConnection<String, String>> redis, HealthSettings settings,
                   @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.redis = redis;
        this.check = new DependencyCheck("redis", settings.checkTimeout(), executor);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return check.result(() -> {
            String pong = redis.get().sync().ping();
            if (!"PONG".equals(pong)) {
                throw new IllegalStateException("PING answered " + pong);
            }
        });
    }
}
