package io.perimeter.analyzer.discovery;

/**
 * The trie nodes of one {@link PathTemplater}: its own cap and a budget shared with other services.
 * Not thread-safe.
 */
final class NodeCounter {
    private final int maxNodes;
    private final MemoryBudget budget;
    private int count = 1;

    /** Counts the root, which is always allowed. */
    NodeCounter(int maxNodes, MemoryBudget budget) {
        this.maxNodes = maxNodes;
        this.budget = budget;
        budget.force(1);
    }

    /** Counts one new node if the service cap and the shared budget allow it. */
    boolean tryGrow() {
        if (count >= maxNodes || !budget.tryTake()) {
            return false;
        }
        count++;
        return true;
    }

    /** Counts one new node even past the limits (a merge frees more right after). */
    void force() {
        count++;
        budget.force(1);
    }

    void release() {
        count--;
        budget.release(1);
    }

    /** True while a new node would still fit. */
    boolean hasRoom() {
        return count < maxNodes && budget.available();
    }

    int count() {
        return count;
    }
}
