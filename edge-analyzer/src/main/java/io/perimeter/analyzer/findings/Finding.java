package io.perimeter.analyzer.findings;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One security finding as it leaves the engine: a rule that fired on one endpoint, with redacted evidence, how often
 * and when. Metadata only (see {@link Evidence}); immutable.
 *
 * @param key       32 hex digits, stable across batches ({@link FindingKey})
 * @param rule      the rule id ({@code API1-OBJECT-WALK}), see {@link RuleId}
 * @param category  the OWASP API Top 10 (2023) category
 * @param severity  the highest severity of its occurrences
 * @param host      the service's host (server side, never a client)
 * @param port      the service's port
 * @param method    the endpoint's method
 * @param template  the endpoint's path template
 * @param evidence  where, which data classes, facts
 * @param count     occurrences (what one occurrence is depends on the rule, see docs/findings.md)
 * @param firstSeen the first occurrence's call start
 * @param lastSeen  the last occurrence's call start
 * @param outcome   for rules that judge what the API did with a request (attacks, forged tokens): the worst outcome
 */
public record Finding(String key, RuleId rule, OwaspCategory category, Severity severity, String host, int port,
        String method, String template, Evidence evidence, long count, Instant firstSeen, Instant lastSeen,
        Optional<Outcome> outcome) {

    public Finding {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** The same finding with another occurrence count (a window's share of it). */
    public Finding withCount(long occurrences) {
        return new Finding(key, rule, category, severity, host, port, method, template, evidence, occurrences, firstSeen,
                lastSeen, outcome);
    }
}
