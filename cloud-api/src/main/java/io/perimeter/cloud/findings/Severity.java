package io.perimeter.cloud.findings;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How bad a finding is, most severe first (the order lists and counts use). */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW, INFO;

    /** The name stored and shown: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every id, most severe first. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Severity::id).toList();
    }
}
