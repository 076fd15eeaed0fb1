package io.perimeter.analyzer.discovery;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The most frequent values under a merged path parameter, kept with the Space-Saving algorithm in a
 * fixed number of slots: a value not in a full table replaces the least counted one and inherits its
 * count as {@code error}. {@code count - error} is a guaranteed lower bound of the value's calls, and
 * {@code methodHits} counts exactly the calls since the value entered the table.
 *
 * <p>Values are raw path segments: they stay in the analyzer's memory, for split decisions only, and are
 * never part of a template or a snapshot. Not thread-safe.
 */
final class HeavyValues {

    /** One tracked value. */
    static final class Entry {
        String value;
        long count;
        long error;
        long[] methodHits;
    }

    private final Entry[] entries;
    private final int methods;
    private int size;

    HeavyValues(int capacity, int methods) {
        this.entries = new Entry[capacity];
        this.methods = methods;
    }

    /** Counts one call of {@code value} with method index {@code method}; returns its entry. */
    Entry offer(String value, int method) {
        Entry e = find(value);
        if (e == null) {
            e = claim(value, 0);
        }
        e.count++;
        e.methodHits[method]++;
        return e;
    }

    /** Adds {@code count} calls (with a known {@code error}) of {@code value}, e.g. when literals merge. */
    void seed(String value, long count, long error, long[] methodHits) {
        Entry e = find(value);
        if (e == null) {
            e = claim(value, error);
        } else {
            e.error += error;
        }
        e.count += count;
        for (int m = 0; m < methods; m++) {
            e.methodHits[m] += methodHits[m];
        }
    }

    void remove(Entry e) {
        for (int i = 0; i < size; i++) {
            if (entries[i] == e) {
                entries[i] = entries[--size];
                entries[size] = null;
                return;
            }
        }
    }

    void forEach(Consumer<Entry> action) {
        for (int i = 0; i < size; i++) {
            action.accept(entries[i]);
        }
    }

    private Entry find(String value) {
        for (int i = 0; i < size; i++) {
            if (entries[i].value.equals(value)) {
                return entries[i];
            }
        }
        return null;
    }

    private Entry claim(String value, long error) {
        if (size < entries.length) {
            Entry e = new Entry();
            e.value = value;
            e.error = error;
            e.methodHits = new long[methods];
            entries[size++] = e;
            return e;
        }
        Entry min = entries[0];
        for (int i = 1; i < size; i++) {
            if (entries[i].count < min.count) {
                min = entries[i];
            }
        }
        min.value = value;
        min.error = min.count + error;
        Arrays.fill(min.methodHits, 0);
        return min;
    }
}
