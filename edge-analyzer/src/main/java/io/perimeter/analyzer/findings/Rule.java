package io.perimeter.analyzer.findings;

import java.util.Set;

/**
 * A detector for one rule or a few closely related ones (see {@link RuleId} and docs/findings.md). It looks at one
 * call at a time and reports occurrences; a rule that needs history (counting identities, windows) keeps it bounded and
 * counts what it had to drop in {@link EngineCounters}. Implementations are thread-safe.
 */
interface Rule {
    /** The rule ids this detector reports. */
    Set<RuleId> reports();

    /** Looks at one call; reports what it finds to {@code sink}. Must not throw for any traffic. */
    void observe(ObservedCall call, FindingSink sink);
}
