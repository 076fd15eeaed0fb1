package io.perimeter.cloud.query;

import io.perimeter.cloud.problem.ApiException;
import java.util.Collection;
import java.util.List;

/** Checks the values of a multi-valued filter against the vocabulary it draws from. */
public final class FilterValues {
    private FilterValues() {}

    /**
     * {@code given} in the spelling of {@code allowed} (matched ignoring case); values may also come comma-separated.
     *
     * @throws ApiException 400 naming the parameter and the allowed values, for a value outside them
     */
    public static List<String> oneOf(String parameter, List<String> given, Collection<String> allowed) {
        if (given == null) {
            return List.of();
        }
        return given.stream()
                .flatMap(v -> List.of(v.split(",")).stream())
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .map(v -> allowed.stream().filter(a -> a.equalsIgnoreCase(v)).findFirst()
                        .orElseThrow(() -> ApiException.badRequest("bad-filter", parameter + " must be one of "
                                + String.join(", ", allowed))))
                .distinct()
                .toList();
    }

    /** {@code text} as an ILIKE pattern that matches it anywhere, its own wildcards taken literally. */
    public static String containing(String text) {
        String escaped = text.strip()
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
