package io.perimeter.cloud.ingest;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast path for replays: Redis remembers the ids of batches accepted lately, so a replay is answered without
 * touching PostgreSQL or Pulsar. A key is set only after its batch was accepted durably, so a batch is never taken for
 * a replay while it could still be lost. Redis is a cache here, not the truth: without Redis (the quick start), or
 * when it fails, every batch goes the slow way and the database's unique key still stores it once.
 */
@Singleton
final class RecentBatches {
    private static final Logger LOG = LoggerFactory.getLogger(RecentBatches.class);

    private final @Nullable StatefulRedisConnection<String, String> redis;
    private final IngestSettings settings;

    RecentBatches(@Nullable StatefulRedisConnection<String, String> redis, IngestSettings settings) {
        this.redis = redis;
        this.settings = settings;
    }

    boolean accepted(Batch batch) {
        if (redis == null) {
            return false;
        }
        try {
            return redis.sync().exists(key(batch)) > 0;
        } catch (RuntimeException e) {
            LOG.warn("Redis did not answer ({}); checking the batch against the database", e.getClass().getName());
            return false;
        }
    }

    void remember(Batch batch) {
        if (redis == null) {
            return;
        }
        try {
            redis.sync().set(key(batch), "1", SetArgs.Builder.nx().ex(settings.replayMemory().toSeconds()));
        } catch (RuntimeException e) {
            LOG.warn("Redis did not answer ({}); a replay of batch {} will be recognized by the database instead",
                    e.getClass().getName(), batch.id());
        }
    }

    private static String key(Batch batch) {
        return "perimeter:ingest:batch:" + batch.tenantId() + ":" + batch.id();
    }
}
