package io.perimeter.analyzer.findings;

/**
 * A small set of longs (open addressing, about 8 to 16 bytes per member) holding at most {@code limit} members.
 * Used for pseudonym prefixes, so that tracking who touched what costs a few bytes per pair. Not thread-safe.
 */
final class LongSet {
    private static final long EMPTY = 0L;

    private final int limit;
    private long[] slots = new long[4];
    private int size;
    private boolean hasZero;

    LongSet(int limit) {
        this.limit = limit;
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size >= limit;
    }

    boolean contains(long value) {
        if (value == EMPTY) {
            return hasZero;
        }
        int mask = slots.length - 1;
        for (int i = mix(value) & mask; ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == EMPTY) {
                return false;
            }
            if (slot == value) {
                return true;
            }
        }
    }

    /** Adds {@code value}; false when it was there already or the set is full. */
    boolean add(long value) {
        if (contains(value) || isFull()) {
            return false;
        }
        if (value == EMPTY) {
            hasZero = true;
            size++;
            return true;
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        insert(slots, value);
        size++;
        return true;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long slot : slots) {
            if (slot != EMPTY) {
                insert(bigger, slot);
            }
        }
        slots = bigger;
    }

    private static void insert(long[] table, long value) {
        int mask = table.length - 1;
        int i = mix(value) & mask;
        while (table[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        table[i] = value;
    }

    private static int mix(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
