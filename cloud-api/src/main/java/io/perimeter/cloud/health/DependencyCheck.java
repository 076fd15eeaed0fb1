package io.perimeter.cloud.health;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.health.HealthStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One readiness check of a service the cloud depends on, run on the blocking pool and bounded in time: a service that
 * does not answer within {@code timeout} is down (a pool waiting for a connection would otherwise hold the probe for
 * its own, much longer, timeout). The cause of a failure is logged when the service goes down and its return when it
 * comes back; the result itself carries the status only, so no host, version or exception reaches a probe.
 * Thread-safe.
 */
final class DependencyCheck {
    private static final Logger LOG = LoggerFactory.getLogger(DependencyCheck.class);

    /** What is checked: returns normally when the service answered, throws why it did not. */
    @FunctionalInterface
    interface Probe {
        void run() throws Exception;
    }

    private final String name;
    private final Duration timeout;
    private final Executor executor;
    private final AtomicBoolean down = new AtomicBoolean();

    DependencyCheck(String name, Duration timeout, Executor executor) {
        this.name = name;
        this.timeout = timeout;
        this.executor = executor;
    }

    Publisher<HealthResult> result(Probe probe) {
        CompletableFuture<HealthResult> answer = CompletableFuture
                .supplyAsync(() -> {
                    try {
                        probe.run();
                        return up();
                    } catch (Exception | LinkageError e) {
                        return down(e.toString());
                    }
                }, executor)
                .completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(result -> result != null ? result : down("no answer within " + timeout.toMillis() + " ms"));
        return Publishers.fromCompletableFuture(answer);
    }

    private HealthResult up() {
        if (down.compareAndSet(true, false)) {
            LOG.info("readiness: {} answers again", name);
        }
        return HealthResult.builder(name, HealthStatus.UP).build();
    }

    private HealthResult down(String why) {
        if (down.compareAndSet(false, true)) {
            LOG.warn("readiness: {} is down, the instance is not ready: {}", name, why);
        }
        return HealthResult.builder(name, HealthStatus.DOWN).build();
    }
}
