package io.perimeter.analyzer.shipper;

import static java.lang.System.Logger.Level.INFO;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The shipper's mutable state behind one lock: the loop thread, whether the shipper is closed or paused for the
 * credential (and the fingerprint of the credential refused), the counters and the times that {@link ShipperStatus}
 * reports, and when the next attempt is due. Each outcome of an attempt is recorded in one step here, so a status
 * never shows half of one; waits after failures are computed here too, from the failures counted. Thread-safe.
 */
final class ShippingState {
    private static final System.Logger LOG = System.getLogger(Shipper.class.getName());

    private final Clock clock;
    private final Backoff backoff;
    private final Duration maxRetryAfter;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled by {@link #resume()} and {@link #markClosed()}. */
    private final Condition wake = lock.newCondition();
    private Thread loop;
    private boolean closed;
    private boolean paused;
    private byte[] refusedCredential;
    private long sent;
    private long retries;
    private long deadLettered;
    private int consecutiveFailures;
    private int lastStatus;
    private String lastError;
    private Instant lastErrorAt;
    private Instant lastSentAt;
    private Instant nextAttemptAt;

    ShippingState(Clock clock, Backoff backoff, Duration maxRetryAfter) {
        this.clock = clock;
        this.backoff = backoff;
        this.maxRetryAfter = maxRetryAfter;
    }

    /** A retry scheduled: the wait before it and the retries counted so far. */
    record Retry(Duration delay, long retries) {}

    // ---- the loop's life ----

    /**
     * Starts {@code run} on a thread of its own unless a loop was started already.
     *
     * @throws IllegalStateException if closed
     */
    void startLoop(Runnable run) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the shipper is closed");
            }
            if (loop == null) {
                loop = Thread.ofPlatform().name("perimeter-shipper").daemon(true).start(run);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Marks the shipper closed and wakes a paused loop; no loop starts after this.
     *
     * @return whether this call closed it (false: it was closed already)
     */
    boolean markClosed() {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            wake.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The loop thread, or null if none was started. */
    Thread loop() {
        lock.lock();
        try {
            return loop;
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** While paused and open, waits for {@link #resume()}, {@link #markClosed()} or {@code timeout}. */
    void awaitWake(Duration timeout) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (!closed && paused) {
                wake.awaitNanos(timeout.toNanos());
            }
        } finally {
            lock.unlock();
        }
    }

    /** The loop has stopped: no attempt is due any more. */
    void loopStopped() {
        lock.lock();
        try {
            nextAttemptAt = null;
        } finally {
            lock.unlock();
        }
    }

    // ---- the credential pause ----

    /** Lifts a pause for the credential and wakes the loop. */
    void resume() {
        lock.lock();
        try {
            if (paused) {
                LOG.log(INFO, "shipping resumed on request");
            }
            paused = false;
            refusedCredential = null;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether shipping is paused and stays so: the credential is the one refused, or still none. */
    boolean isPausedFor(EdgeCredential current) {
        lock.lock();
        try {
            if (!paused) {
                return false;
            }
            if (Arrays.equals(refusedCredential, current.fingerprint())) {
                return true;
            }
            paused = false;
            refusedCredential = null;
        } finally {
            lock.unlock();
        }
        LOG.log(INFO, "the edge credential changed: shipping resumes");
        return false;
    }

    // ---- outcomes ----

    /** A batch was stored (HTTP {@code status}): counted, failures reset. */
    void delivered(int status) {
        lock.lock();
        try {
            sent++;
            consecutiveFailures = 0;
            lastStatus = status;
            lastSentAt = clock.instant();
            nextAttemptAt = null;
        } finally {
            lock.unlock();
        }
    }

    /** A batch was refused for good (HTTP {@code status}): counted, failures reset. */
    void deadLettered(int status) {
        lock.lock();
        try {
            deadLettered++;
            consecutiveFailures = 0;
            lastStatus = status;
            noteError("HTTP " + status, clock.instant(), null);
        } finally {
            lock.unlock();
        }
    }

    /** Pauses for the credential {@code refused} ({@code status} 0: it was not usable, nothing was sent). */
    void paused(int status, EdgeCredential refused, String error) {
        lock.lock();
        try {
            paused = true;
            refusedCredential = refused.fingerprint();
            if (status != 0) {
                lastStatus = status;
            }
            noteError(error, clock.instant(), null);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A batch was not taken ({@code status} 0: no answer): schedules a retry after {@code retryAfter} (capped, plus a
     * spread) if the control plane gave one, else after exponential backoff.
     */
    Retry retry(int status, String error, Optional<Duration> retryAfter) {
        lock.lock();
        try {
            Duration wait;
            retries++;
            if (status != 0) {
                lastStatus = status;
            }
            if (retryAfter.isPresent() && retryAfter.get().isPositive()) {
                Duration told = retryAfter.get().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter.get();
                wait = told.plus(backoff.spread());
            } else {
                consecutiveFailures++;
                wait = backoff.delay(consecutiveFailures);
            }
            noteError(error, clock.instant(), wait);
            return new Retry(wait, retries);
        } finally {
            lock.unlock();
        }
    }

    /** A failure of the edge itself: counted like a network failure; returns the backoff to wait. */
    Duration failed(String error) {
        lock.lock();
        try {
            consecutiveFailures++;
            Duration wait = backoff.delay(consecutiveFailures);
            noteError(error, clock.instant(), wait);
            return wait;
        } finally {
            lock.unlock();
        }
    }

    /** What the shipper has done and is waiting for. */
    ShipperStatus status() {
        lock.lock();
        try {
            return new ShipperStatus(loop != null && loop.isAlive(), paused, sent, retries, deadLettered,
                    consecutiveFailures, lastStatus, Optional.ofNullable(lastError), Optional.ofNullable(lastErrorAt),
                    Optional.ofNullable(lastSentAt), Optional.ofNullable(nextAttemptAt));
        } finally {
            lock.unlock();
        }
    }

    /** Call with {@code lock} held. */
    private void noteError(String error, Instant at, Duration wait) {
        lastError = error;
        lastErrorAt = at;
        nextAttemptAt = wait == null ? null : at.plus(wait);
    }
}
