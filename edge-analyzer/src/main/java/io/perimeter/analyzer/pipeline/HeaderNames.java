package io.perimeter.analyzer.pipeline;

import java.util.Arrays;
import java.util.Locale;

/**
 * A fixed set of header names, looked up ignoring case as {@link String#equalsIgnoreCase} does, without lower-casing
 * the name or walking a sorted set: the names are kept by length, and a look-up compares only those of the name's
 * length (two or three). Immutable.
 */
final class HeaderNames {
    private final String[][] byLength;

    HeaderNames(String... names) {
        int longest = Arrays.stream(names).mapToInt(String::length).max().orElse(0);
        byLength = new String[longest + 1][0];
        for (String name : names) {
            String[] same = byLength[name.length()];
            same = Arrays.copyOf(same, same.length + 1);
            same[same.length - 1] = name.toLowerCase(Locale.ROOT);
            byLength[name.length()] = same;
        }
    }

    boolean contains(String name) {
        if (name.length() >= byLength.length) {
            return false;
        }
        for (String known : byLength[name.length()]) {
            if (known.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
