package io.perimeter.analyzer.findings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What the findings engine had to leave out because of its caps, and what went wrong. Thread-safe. */
final class EngineCounters {
    final LongAdder calls = new LongAdder();
    final LongAdder callsSkipped = new LongAdder();
    final LongAdder findingsDropped = new LongAdder();
    final LongAdder findingsUnaligned = new LongAdder();
    final LongAdder endpointsDropped = new LongAdder();
    final LongAdder principalsDropped = new LongAdder();
    final LongAdder objectsDropped = new LongAdder();
    final LongAdder pairsDropped = new LongAdder();
    final LongAdder clientsDropped = new LongAdder();
    final LongAdder ruleErrors = new LongAdder();

    /** The counters by name ({@code findings_dropped}, ...), in a fixed order. */
    Map<String, Long> asMap() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("findings_calls", calls.sum());
        out.put("findings_calls_skipped", callsSkipped.sum());
        out.put("findings_dropped", findingsDropped.sum());
        out.put("findings_unaligned", findingsUnaligned.sum());
        out.put("findings_endpoints_dropped", endpointsDropped.sum());
        out.put("findings_principals_dropped", principalsDropped.sum());
        out.put("findings_objects_dropped", objectsDropped.sum());
        out.put("findings_pairs_dropped", pairsDropped.sum());
        out.put("findings_clients_dropped", clientsDropped.sum());
        out.put("findings_rule_errors", ruleErrors.sum());
        return out;
    }
}
