package io.perimeter.analyzer.findings;

import java.util.Locale;

/** How bad a finding is, in increasing order: a finding keeps the highest severity any of its occurrences had. */
public enum Severity {
    INFO,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** The name in the perimeter contract ({@code high}). */
    public String contractName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The more severe of the two. */
    public Severity max(Severity other) {
        return other.compareTo(this) > 0 ? other : this;
    }
}
