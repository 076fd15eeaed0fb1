package io.perimeter.cloud.ratelimit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.perimeter.cloud.identity.EdgeCaller;
import io.perimeter.cloud.identity.People;
import io.perimeter.cloud.problem.Problem;
import java.time.Duration;

/**
 * Rate limits, after authentication: an edge draws from its own bucket and from its tenant's (so one tenant's fleet
 * cannot starve the others), a person from their own. Over the limit: 429 with {@code Retry-After}, before any work.
 * Anonymous requests (enrollment) are limited by the token's single use and are not bucketed here.
 */
@ServerFilter({"/api/**", "/ingest/**", "/edge/**"})
final class RateLimitFilter implements Ordered {
    private final TokenBuckets buckets;
    private final RateLimits limits;

    RateLimitFilter(TokenBuckets buckets, RateLimits limits) {
        this.buckets = buckets;
        this.limits = limits;
    }

    /** On the blocking pool: a bucket is one Redis round trip, which must not hold an event-loop thread. */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable HttpResponse<?> limit(HttpRequest<?> request) {
        Authentication authentication = request.getUserPrincipal(Authentication.class).orElse(null);
        if (authentication == null) {
            return null;
        }
        if (authentication.getRoles().contains(EdgeCaller.ROLE)) {
            Object edge = authentication.getAttributes().get(EdgeCaller.EDGE_ID);
            Object tenant = authentication.getAttributes().get(EdgeCaller.TENANT_ID);
            Decision own = take("edge:" + edge, limits.edge());
            return answer(own.allowed() ? take("tenant:" + tenant, limits.tenant()) : own);
        }
        return answer(take("person:" + People.username(authentication), limits.person()));
    }

    private Decision take(String key, Limit limit) {
        return buckets.take(key, limit).toCompletableFuture().join();
    }

    private static @Nullable MutableHttpResponse<?> answer(Decision decision) {
        if (decision.allowed()) {
            return null;
        }
        long seconds = Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
        return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", Long.toString(seconds))
                .contentType(MediaType.of(Problem.MEDIA_TYPE))
                .body(new Problem(Problem.TYPE_BASE + "rate-limited", "Too Many Requests", 429,
                        "over the rate limit; retry after " + Duration.ofSeconds(seconds).toSeconds() + " s", null));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
