package io.perimeter.cloud.identity;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.perimeter.tenancy.tenant.Membership;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Memberships in Redis, shared by every API instance, for a short time: an invalidation that is lost (Redis
 * unreachable at that moment) is bounded by the expiry. A Redis failure never fails a request; it reads the table.
 */
@Singleton
@Requires(bean = StatefulRedisConnection.class)
final class RedisMembershipCache implements MembershipCache {
    private static final Logger LOG = LoggerFactory.getLogger(RedisMembershipCache.class);
    private static final Argument<List<Membership>> TYPE = Argument.listOf(Membership.class);

    private final StatefulRedisConnection<String, String> redis;
    private final JsonMapper json;
    private final String prefix;
    private final Duration expiry;

    RedisMembershipCache(StatefulRedisConnection<String, String> redis, JsonMapper json,
                         @Value("${perimeter.redis.key-prefix:perimeter:}") String prefix,
                         @Value("${perimeter.cache.memberships-expiry:60s}") Duration expiry) {
        this.redis = redis;
        this.json = json;
        this.prefix = prefix + "members:";
        this.expiry = expiry;
    }

    @Override
    public Optional<List<Membership>> get(String username) {
        try {
            String cached = redis.sync().get(prefix + username);
            return cached == null ? Optional.empty() : Optional.of(json.readValue(cached, TYPE));
        } catch (IOException | RuntimeException e) {
            LOG.warn("membership cache unavailable ({}); reading the members table", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    @Override
    public void put(String username, List<Membership> memberships) {
        try {
            redis.sync().set(prefix + username, json.writeValueAsString(memberships),
                    SetArgs.Builder.px(expiry.toMillis()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("membership cache unavailable ({})", e.getClass().getSimpleName());
        }
    }

    @Override
    public void invalidate(String username) {
        try {
            redis.sync().del(prefix + username);
        } catch (RuntimeException e) {
            LOG.warn("could not invalidate a cached membership ({}); it expires within {}",
                    e.getClass().getSimpleName(), expiry);
        }
    }
}
