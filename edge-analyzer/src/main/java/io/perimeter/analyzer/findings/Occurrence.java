package io.perimeter.analyzer.findings;

import io.perimeter.analyzer.discovery.EndpointRef;
import java.time.Instant;
import java.util.Objects;

/**
 * One time a rule fired: on which endpoint, with which evidence, how severe this time, and (for rules that judge it)
 * what the API did with the request.
 *
 * @param outcome null for rules without an outcome
 */
record Occurrence(RuleId rule, EndpointRef endpoint, Evidence evidence, Severity severity, Outcome outcome, Instant at) {

    Occurrence {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(at, "at");
    }

    /** An occurrence of {@code rule} in {@code call} at the rule's usual severity, without an outcome. */
    static Occurrence of(RuleId rule, ObservedCall call, Evidence evidence) {
        return new Occurrence(rule, call.endpoint(), evidence, rule.severity(), null, call.at());
    }

    Occurrence severity(Severity s) {
        return new Occurrence(rule, endpoint, evidence, s, outcome, at);
    }

    Occurrence outcome(Outcome o) {
        return new Occurrence(rule, endpoint, evidence, severity, o, at);
    }
}
