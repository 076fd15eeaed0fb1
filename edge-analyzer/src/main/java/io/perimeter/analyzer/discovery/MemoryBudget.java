package io.perimeter.analyzer.discovery;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A count of structures (trie nodes, schema fields) shared by every service of one
 * {@link InventoryBuilder}, so that the per-service caps do not multiply by the number of services.
 * Thread-safe (services are locked one by one, the budget is shared).
 */
final class MemoryBudget {

    /** A budget that never runs out, for a templater or schema used on its own. */
    static MemoryBudget unlimited() {
        return new MemoryBudget(Long.MAX_VALUE);
    }

    private final long max;
    private final AtomicLong used = new AtomicLong();

    MemoryBudget(long max) {
        this.max = max;
    }

    /** Takes one unit if one is left. */
    boolean tryTake() {
        long now;
        do {
            now = used.get();
            if (now >= max) {
                return false;
            }
        } while (!used.compareAndSet(now, now + 1));
        return true;
    }

    /** Takes {@code n} units whether or not they are left (for steps that shrink the total right after). */
    void force(long n) {
        used.addAndGet(n);
    }

    void release(long n) {
        used.addAndGet(-n);
    }

    boolean available() {
        return used.get() < max;
    }

    long used() {
        return used.get();
    }
}
