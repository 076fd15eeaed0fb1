package io.perimeter.analyzer.shipper;

import java.time.Duration;

/** How the {@link Shipper} waits between attempts; tests pass one that records the waits and advances a clock. */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps on the calling thread, as {@link Thread#sleep(Duration)}. */
    Sleeper SYSTEM = Thread::sleep;

    /** Waits {@code duration}; returns early only by throwing when the thread is interrupted. */
    void sleep(Duration duration) throws InterruptedException;
}
