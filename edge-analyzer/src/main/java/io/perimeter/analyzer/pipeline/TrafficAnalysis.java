package io.perimeter.analyzer.pipeline;

import io.perimeter.analyzer.classification.Classifier;
import io.perimeter.analyzer.discovery.Inventory;
import io.perimeter.analyzer.discovery.InventorySettings;
import io.perimeter.analyzer.findings.ApiSpec;
import io.perimeter.analyzer.findings.Finding;
import io.perimeter.analyzer.findings.FindingsEngine;
import io.perimeter.analyzer.findings.FindingsSettings;
import io.perimeter.analyzer.redaction.Principals;
import io.perimeter.analyzer.redaction.Pseudonymizer;
import io.perimeter.sensor.call.ApiCall;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything the edge learns from one stream of calls: the {@link Analyzer} (discovery and classification), the
 * callers' pseudonyms and the {@link FindingsEngine}, fed in the order they need, and what a batch takes from them.
 * Both the offline {@code analyze} command and the long-running edge use it.
 *
 * <p>Thread-safe: calls may be observed from several threads while snapshots are taken.
 */
public final class TrafficAnalysis {
    private final Analyzer analyzer;
    private final Principals principals;
    private final FindingsEngine findings;
    private final LongAdder calls = new LongAdder();

    /**
     * @param pseudonyms the keyed pseudonyms for callers and objects
     * @param settings   the findings rules' thresholds and caps
     * @param spec       the API's declared OpenAPI document, for the inventory rules
     */
    public TrafficAnalysis(Pseudonymizer pseudonyms, FindingsSettings settings, Optional<ApiSpec> spec) {
        this.analyzer = new Analyzer(new Classifier(), InventorySettings.defaults(), Clock.systemUTC());
        this.principals = new Principals(pseudonyms);
        this.findings = new FindingsEngine(settings, pseudonyms, spec);
    }

    /** Analyzes one call: inventory, data classes, findings. */
    public void observe(ApiCall call) {
        findings.observe(call, analyzer.analyze(call), principals.of(call));
        calls.increment();
    }

    /** Calls observed so far. */
    public long calls() {
        return calls.sum();
    }

    /**
     * The totals so far: the inventory and the open findings, named as that inventory names them. The offline batch
     * carries them as they are; the running edge ships what each window adds to them.
     */
    public Snapshot snapshot() {
        Inventory inventory = analyzer.snapshot();
        return new Snapshot(inventory, findings.snapshot(inventory));
    }

    /** {@code calls} and the findings engine's counters, by the names batches give them. */
    public Map<String, Long> counters() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("calls", calls());
        counters.putAll(findings.counters());
        return counters;
    }

    /**
     * An inventory and its findings, taken together: the totals so far, or what one window added to them.
     *
     * @param inventory the services and endpoints, with their counts
     * @param findings  the findings of that inventory's endpoints, with their occurrences
     */
    public record Snapshot(Inventory inventory, List<Finding> findings) {

        public Snapshot {
            findings = List.copyOf(findings);
        }

        /** Endpoints of all services. */
        public int endpoints() {
            return inventory.services().stream().mapToInt(service -> service.endpoints().size()).sum();
        }
    }
}
