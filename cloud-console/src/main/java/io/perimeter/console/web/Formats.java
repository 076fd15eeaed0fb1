package io.perimeter.console.web;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How pages write times, durations and sizes; templates call it as {@code fmt}. Times are UTC, as the API's are, so
 * two people looking at the same finding read the same time.
 */
@Singleton
public final class Formats {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Clock clock;

    Formats(Clock clock) {
        this.clock = clock;
    }

    public String when(@Nullable Instant at) {
        return at == null ? "—" : WHEN.format(at);
    }

    /** How long ago, roughly: "just now", "5 min ago", "3 h ago", "2 days ago"; "never" without a time. */
    public String ago(@Nullable Instant at) {
        if (at == null) {
            return "never";
        }
        Duration since = Duration.between(at, clock.instant());
        if (since.toMinutes() < 1) {
            return "just now";
        }
        if (since.toHours() < 1) {
            return since.toMinutes() + " min ago";
        }
        if (since.toDays() < 1) {
            return since.toHours() + " h ago";
        }
        return since.toDays() + (since.toDays() == 1 ? " day ago" : " days ago");
    }

    /** A latency in microseconds as people read it: µs, ms or s. */
    public String micros(@Nullable Long micros) {
        if (micros == null) {
            return "—";
        }
        if (micros < 1_000) {
            return micros + " µs";
        }
        return micros < 1_000_000 ? String.format("%.1f ms", micros / 1_000.0) : String.format("%.2f s", micros / 1e6);
    }

    public String count(long n) {
        return String.format("%,d", n);
    }
}
