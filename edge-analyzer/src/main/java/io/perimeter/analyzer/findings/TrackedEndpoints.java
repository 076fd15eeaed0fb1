package io.perimeter.analyzer.findings;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A rule's per-endpoint state, for at most {@code max} endpoints (or endpoint parameters, or services): the first
 * ones seen keep their state, further ones get none and are counted. Thread-safe; the state objects guard themselves.
 */
final class TrackedEndpoints<K, T> {
    private final ConcurrentHashMap<K, T> states = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int max;
    private final LongAdder dropped;
    private final Supplier<T> factory;

    TrackedEndpoints(int max, LongAdder dropped, Supplier<T> factory) {
        this.max = max;
        this.dropped = dropped;
        this.factory = factory;
    }

    /** The state of {@code key}, or null when the cap is reached (counted). */
    T get(K key) {
        T state = states.get(key);
        if (state != null) {
            return state;
        }
        state = states.computeIfAbsent(key, k -> {
            if (size.incrementAndGet() > max) {
                size.decrementAndGet();
                return null;
            }
            return factory.get();
        });
        if (state == null) {
            dropped.increment();
        }
        return state;
    }
}
