package io.perimeter.cloud.ratelimit;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets in this process, for the single-node quick start that runs without Redis. With several API
 * instances each would have its own buckets, so production configures Redis (perimeter.redis.uri).
 */
@Singleton
@Requires(missingProperty = "perimeter.redis.uri")
final class LocalTokenBuckets implements TokenBuckets {
    private static final Logger LOG = LoggerFactory.getLogger(LocalTokenBuckets.class);
    private static final int MAX_BUCKETS = 100_000;

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    LocalTokenBuckets() {
        LOG.info("rate limits are kept in this process (no perimeter.redis.uri): fine for one node only");
    }

    @Override
    public CompletionStage<Decision> take(String key, Limit limit) {
        if (buckets.size() > MAX_BUCKETS) {
            buckets.clear(); // bounded memory: forgetting buckets only forgives callers
        }
        return CompletableFuture.completedFuture(buckets.computeIfAbsent(key, k -> new Bucket(limit.capacity()))
                .take(limit, System.nanoTime()));
    }

    private static final class Bucket {
        private double tokens;
        private long at;

        Bucket(long capacity) {
            this.tokens = capacity;
            this.at = System.nanoTime();
        }

        synchronized Decision take(Limit limit, long now) {
            tokens = Math.min(limit.capacity(), tokens + (now - at) / 1e9 * limit.perSecond());
            at = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Decision.ALLOWED;
            }
            return Decision.refused((long) Math.ceil((1 - tokens) / limit.perSecond() * 1000));
        }
    }
}
