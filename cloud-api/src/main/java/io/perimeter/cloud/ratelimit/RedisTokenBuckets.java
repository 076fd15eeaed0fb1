package io.perimeter.cloud.ratelimit;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Token buckets in Redis, so that every API instance draws from the same bucket. One Lua script refills and takes
 * atomically on the server, using Redis's own clock (no skew between instances); idle buckets expire.
 */
@Singleton
@Requires(bean = StatefulRedisConnection.class)
final class RedisTokenBuckets implements TokenBuckets {
    /** Returns {allowed (1/0), milliseconds until the next token}. */
    private static final String TAKE = """
            local capacity = tonumber(ARGV[1])
            local per_ms = tonumber(ARGV[2]) / 1000
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1]) or capacity
            local at = tonumber(state[2]) or now
            tokens = math.min(capacity, tokens + math.max(0, now - at) * per_ms)
            local allowed = 0
            local wait = 0
            if tokens >= 1 then
              tokens = tokens - 1
              allowed = 1
            else
              wait = math.ceil((1 - tokens) / per_ms)
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / per_ms) + 1000)
            return {allowed, wait}
            """;

    private final StatefulRedisConnection<String, String> redis;
    private final String prefix;

    RedisTokenBuckets(StatefulRedisConnection<String, String> redis,
                      @Value("${perimeter.redis.key-prefix:perimeter:}") String prefix) {
        this.redis = redis;
        this.prefix = prefix + "rate:";
    }

    @Override
    public CompletionStage<Decision> take(String key, Limit limit) {
        CompletionStage<List<Long>> reply = redis.async().eval(TAKE, ScriptOutputType.MULTI,
                new String[] {prefix + key},
                Long.toString(limit.capacity()), Double.toString(limit.perSecond()));
        return reply.thenApply(r -> r.get(0) == 1L ? Decision.ALLOWED : Decision.refused(r.get(1)));
    }
}
