package io.perimeter.analyzer.spool;

import java.util.Locale;

/** The spool's persistent counters; each is a row of the {@code counter} table, named by {@link #key()}. */
enum SpoolCounter {
    APPENDED, DUPLICATES, ACKNOWLEDGED, EVICTED_BATCHES, EVICTED_BYTES, DEAD_LETTERED, DEAD_LETTERS_DROPPED,
    REFUSED_TOO_LARGE;

    /** The counter's name in the database: its constant's name in lower case. Stable across versions. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
