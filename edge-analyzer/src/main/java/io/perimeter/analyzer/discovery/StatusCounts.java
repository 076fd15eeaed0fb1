package io.perimeter.analyzer.discovery;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Responses per status code in two small parallel arrays (an endpoint sees a handful of codes). Codes
 * outside 100–599 are counted as 0. At most 64 distinct codes; the rest count as 0 too. Not
 * thread-safe.
 */
final class StatusCounts {
    private static final int MAX = 64;

    private int[] codes = new int[4];
    private long[] counts = new long[4];
    private int size;

    void add(int code, long n) {
        if (code < 100 || code > 599) {
            code = 0;
        }
        for (int i = 0; i < size; i++) {
            if (codes[i] == code) {
                counts[i] += n;
                return;
            }
        }
        if (size == MAX) {
            add(0, n);
            return;
        }
        if (size == codes.length) {
            codes = Arrays.copyOf(codes, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
        }
        codes[size] = code;
        counts[size++] = n;
    }

    void absorb(StatusCounts other) {
        for (int i = 0; i < other.size; i++) {
            add(other.codes[i], other.counts[i]);
        }
    }

    Map<Integer, Long> snapshot() {
        TreeMap<Integer, Long> map = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            map.put(codes[i], counts[i]);
        }
        return Collections.unmodifiableMap(map);
    }
}
