package io.perimeter.cloud.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * One Lettuce client and one shared, thread-safe connection for the whole API (Lettuce multiplexes commands on it).
 * Only when {@code perimeter.redis.uri} is set: the single-node quick start runs without Redis.
 */
@Factory
@Requires(property = "perimeter.redis.uri")
final class RedisConnections {

    @Singleton
    @Bean(preDestroy = "shutdown")
    RedisClient redisClient(@Value("${perimeter.redis.uri}") String uri) {
        return RedisClient.create(uri);
    }

    @Singleton
    @Bean(preDestroy = "close")
    StatefulRedisConnection<String, String> redis(RedisClient client) {
        return client.connect();
    }
}
