package io.perimeter.analyzer.findings;

import io.perimeter.analyzer.classification.DataClass;
import io.perimeter.analyzer.discovery.ServiceKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The findings open so far, each the sum of its occurrences: count, first and last seen, the highest severity, the
 * worst outcome (and how many calls had each), the union of data classes, and facts merged per name (a number keeps
 * its maximum, a flag is true once it was true once). At most {@code max} findings are kept; occurrences of further
 * ones are dropped and counted. Thread-safe.
 */
final class OpenFindings implements FindingSink {

    /** What makes two occurrences the same finding. */
    record Identity(RuleId rule, ServiceKey service, String method, String template, EvidenceLocation location,
            String field, String headerName) {}

    private final ConcurrentHashMap<Identity, Accumulator> open = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int max;
    private final EngineCounters counters;

    OpenFindings(int max, EngineCounters counters) {
        this.max = max;
        this.counters = counters;
    }

    @Override
    public void report(Occurrence o) {
        Evidence e = o.evidence();
        Identity id = new Identity(o.rule(), o.endpoint().service(), o.endpoint().method(), o.endpoint().template(),
                e.location(), e.field(), e.headerName());
        Accumulator acc = open.get(id);
        if (acc == null) {
            acc = open.computeIfAbsent(id, k -> {
                if (size.incrementAndGet() > max) {
                    size.decrementAndGet();
                    return null;
                }
                return new Accumulator();
            });
            if (acc == null) {
                counters.findingsDropped.increment();
                return;
            }
        }
        acc.add(o);
    }

    int size() {
        return size.get();
    }

    /** A copy of every open finding's state, by identity. */
    Map<Identity, Accumulator> copy() {
        Map<Identity, Accumulator> out = new java.util.HashMap<>();
        open.forEach((id, acc) -> out.put(id, acc.copy()));
        return out;
    }

    /** The sum of a finding's occurrences. Thread-safe (its own monitor). */
    static final class Accumulator {
        private long count;
        private Instant first;
        private Instant last;
        private Severity severity;
        private Outcome outcome;
        private final long[] outcomes = new long[Outcome.values().length];
        private final EnumSet<DataClass> classes = EnumSet.noneOf(DataClass.class);
        private final TreeMap<String, Object> facts = new TreeMap<>();

        synchronized void add(Occurrence o) {
            count++;
            first = first == null || o.at().isBefore(first) ? o.at() : first;
            last = last == null || o.at().isAfter(last) ? o.at() : last;
            severity = severity == null ? o.severity() : severity.max(o.severity());
            if (o.outcome() != null) {
                outcome = outcome == null ? o.outcome() : outcome.worst(o.outcome());
                outcomes[o.outcome().ordinal()]++;
            }
            classes.addAll(o.evidence().dataClasses());
            mergeFacts(o.evidence().facts());
        }

        synchronized void merge(Accumulator other) {
            Accumulator o = other.copy();
            count += o.count;
            first = first == null || o.first.isBefore(first) ? o.first : first;
            last = last == null || o.last.isAfter(last) ? o.last : last;
            severity = severity == null ? o.severity : severity.max(o.severity);
            if (o.outcome != null) {
                outcome = outcome == null ? o.outcome : outcome.worst(o.outcome);
            }
            for (int i = 0; i < outcomes.length; i++) {
                outcomes[i] += o.outcomes[i];
            }
            classes.addAll(o.classes);
            mergeFacts(o.facts);
        }

        private void mergeFacts(Map<String, Object> more) {
            more.forEach((name, value) -> facts.merge(name, value, (a, b) -> {
                if (a instanceof Long x && b instanceof Long y) {
                    return Math.max(x, y);
                }
                if (a instanceof Boolean x && b instanceof Boolean y) {
                    return x || y;
                }
                return b;
            }));
        }

        synchronized Accumulator copy() {
            Accumulator c = new Accumulator();
            c.count = count;
            c.first = first;
            c.last = last;
            c.severity = severity;
            c.outcome = outcome;
            System.arraycopy(outcomes, 0, c.outcomes, 0, outcomes.length);
            c.classes.addAll(classes);
            c.facts.putAll(facts);
            return c;
        }

        /** The finding, named as given (the caller aligned the names with the inventory). */
        synchronized Finding toFinding(RuleId rule, String host, int port, String method, String template,
                EvidenceLocation location, String field, String headerName) {
            TreeMap<String, Object> all = new TreeMap<>(facts);
            if (outcome != null) {
                all.put("succeeded", outcomes[Outcome.SUCCEEDED.ordinal()]);
                all.put("rejected", outcomes[Outcome.REJECTED.ordinal()]);
                all.put("unknown", outcomes[Outcome.UNKNOWN.ordinal()]);
            }
            while (all.size() > Evidence.MAX_FACTS) {
                all.pollLastEntry(); // rules emit few facts; this only guards the contract's limit
            }
            Evidence evidence = new Evidence(location, field, headerName, classes, all);
            String key = FindingKey.of(rule.id(), host, port, method, template, location.contractName(),
                    evidence.field(), evidence.headerName());
            return new Finding(key, rule, rule.category(), severity, host, port, method, template, evidence, count,
                    first, last, Optional.ofNullable(outcome));
        }
    }

    /** Every open finding named as observed (not aligned with an inventory). */
    List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        copy().forEach((id, acc) -> out.add(acc.toFinding(id.rule(), id.service().host(), id.service().port(),
                id.method(), id.template(), id.location(), id.field(), id.headerName())));
        return out;
    }
}
