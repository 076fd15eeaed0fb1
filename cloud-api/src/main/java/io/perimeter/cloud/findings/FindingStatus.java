package io.perimeter.cloud.findings;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a finding is in triage. The workflow: open → acknowledged → resolved, false positive or risk accepted; a
 * closed finding may be reopened. Dismissing a finding (false positive, risk accepted) needs a comment that says why,
 * because that reason is what an auditor will ask for.
 */
public enum FindingStatus {
    OPEN, ACKNOWLEDGED, RESOLVED, FALSE_POSITIVE, RISK_ACCEPTED;

    /** The name stored and shown: lower case with underscores. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The statuses this one may move to. */
    public Set<FindingStatus> next() {
        return switch (this) {
            case OPEN -> Set.of(ACKNOWLEDGED);
            case ACKNOWLEDGED -> Set.of(RESOLVED, FALSE_POSITIVE, RISK_ACCEPTED);
            case RESOLVED, FALSE_POSITIVE, RISK_ACCEPTED -> Set.of(OPEN);
        };
    }

    /** Whether the finding still needs someone's attention. */
    public boolean unresolved() {
        return this == OPEN || this == ACKNOWLEDGED;
    }

    /** Whether moving to this status needs a comment. */
    public boolean needsReason() {
        return this == FALSE_POSITIVE || this == RISK_ACCEPTED;
    }

    public static Optional<FindingStatus> of(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
    }

    /** Every id, in workflow order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(FindingStatus::id).toList();
    }
}
