package io.perimeter.analyzer.discovery;

import java.time.Instant;

/** The earliest and latest time something was seen; both null until the first sighting. Not thread-safe. */
final class SeenWindow {
    private Instant first;
    private Instant last;

    void see(Instant at) {
        if (first == null || at.isBefore(first)) {
            first = at;
        }
        if (last == null || at.isAfter(last)) {
            last = at;
        }
    }

    /** Widens this window to cover {@code other}. */
    void absorb(SeenWindow other) {
        if (other.first != null && (first == null || other.first.isBefore(first))) {
            first = other.first;
        }
        if (other.last != null && (last == null || other.last.isAfter(last))) {
            last = other.last;
        }
    }

    Instant first() {
        return first;
    }

    Instant last() {
        return last;
    }
}
