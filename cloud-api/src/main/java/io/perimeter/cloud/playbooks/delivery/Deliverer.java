package io.perimeter.cloud.playbooks.delivery;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * Sends one request with bounded retries: up to {@code maxAttempts}, retrying on no answer, 429 and 5xx, waiting
 * a random time up to {@code backoffBase × 2^(attempt-1)} (full jitter, capped at {@code backoffMax}; a 429's
 * Retry-After in seconds is honoured up to the cap). Other answers end the delivery at once. Redirects are not
 * followed (a redirect to an internal address would get round {@link DestinationGuard}), and each attempt connects to
 * the addresses the guard checked for it (see {@link PinnedHttp}), so DNS rebinding cannot either. Answer bodies are
 * discarded unread, so nothing a destination says reaches logs or storage. Thread-safe.
 */
@Singleton
public final class Deliverer {
    private final DeliverySettings settings;
    private final DestinationGuard guard;
    private final SSLContext tls;

    @Inject
    Deliverer(DeliverySettings settings, DestinationGuard guard) {
        this(settings, guard, null);
    }

    /** {@code tls} {@code null}: the JDK's default TLS context and trust. */
    Deliverer(DeliverySettings settings, DestinationGuard guard, SSLContext tls) {
        this.settings = settings;
        this.guard = guard;
        this.tls = tls;
    }

    /** Every attempt, in order; the last one says how the delivery ended. */
    public List<DeliveryAttempt> send(OutgoingRequest request) {
        return send(request, attempt -> { });
    }

    /**
     * Every attempt, in order; the last one says how the delivery ended. {@code onAttempt} is called with each attempt
     * as soon as it has ended, before any wait for the next one, so that the caller can record it at once; an
     * exception it throws ends the delivery and reaches the caller.
     */
    public List<DeliveryAttempt> send(OutgoingRequest request, Consumer<DeliveryAttempt> onAttempt) {
        List<DeliveryAttempt> attempts = new ArrayList<>();
        Consumer<DeliveryAttempt> ended = attempt -> {
            attempts.add(attempt);
            onAttempt.accept(attempt);
        };
        int max = Math.max(1, settings.maxAttempts());
        for (int attempt = 1; attempt <= max; attempt++) {
            boolean last = attempt == max;
            Duration retryAfter = null;
            try {
                CheckedDestination target = guard.resolve(request.uri().toString());
                PinnedHttp.Answer response = PinnedHttp.send(target, request, settings.timeout(), tls);
                int status = response.status();
                if (status >= 200 && status < 300) {
                    ended.accept(new DeliveryAttempt(attempt, status, "delivered", null));
                    return attempts;
                }
                boolean retryable = status == 429 || status >= 500;
                if (!retryable || last) {
                    ended.accept(new DeliveryAttempt(attempt, status, "failed", "the destination answered " + status));
                    return attempts;
                }
                ended.accept(new DeliveryAttempt(attempt, status, "retrying", "the destination answered " + status));
                retryAfter = response.header("Retry-After").flatMap(Deliverer::seconds).orElse(null);
            } catch (DestinationRefused e) {
                ended.accept(new DeliveryAttempt(attempt, null, "failed", e.getMessage()));
                return attempts;
            } catch (IOException e) {
                String error = "no answer: " + e.getClass().getSimpleName();
                ended.accept(new DeliveryAttempt(attempt, null, last ? "failed" : "retrying", error));
                if (last) {
                    return attempts;
                }
            } catch (IllegalArgumentException e) {
                ended.accept(new DeliveryAttempt(attempt, null, "failed", "the request cannot be sent: "
                        + e.getMessage()));
                return attempts;
            }
            if (!pause(backoff(attempt, retryAfter))) {
                ended.accept(new DeliveryAttempt(attempt + 1, null, "failed", "interrupted"));
                return attempts;
            }
        }
        return attempts;
    }

    Duration backoff(int attempt, Duration retryAfter) {
        long cap = settings.backoffMax().toMillis();
        if (retryAfter != null) {
            return Duration.ofMillis(Math.min(cap, retryAfter.toMillis()));
        }
        long ceiling = Math.min(cap, settings.backoffBase().toMillis() << Math.min(20, attempt - 1));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    private static boolean pause(Duration wait) {
        try {
            Thread.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static java.util.Optional<Duration> seconds(String value) {
        try {
            return java.util.Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
