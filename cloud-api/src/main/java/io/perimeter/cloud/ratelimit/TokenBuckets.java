package io.perimeter.cloud.ratelimit;

import java.util.concurrent.CompletionStage;

/** Where the buckets live: Redis, shared by every API instance, or this process for a single node. */
public interface TokenBuckets {

    /** Takes one token from bucket {@code key} of {@code limit}. */
    CompletionStage<Decision> take(String key, Limit limit);
}
