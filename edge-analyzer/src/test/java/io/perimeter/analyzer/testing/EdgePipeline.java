package io.perimeter.analyzer.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perimeter.analyzer.batch.BatchHeader;
import io.perimeter.analyzer.batch.BatchWriter;
import io.perimeter.analyzer.classification.Classifier;
import io.perimeter.analyzer.discovery.Inventory;
import io.perimeter.analyzer.discovery.InventorySettings;
import io.perimeter.analyzer.findings.FindingsEngine;
import io.perimeter.analyzer.findings.FindingsSettings;
import io.perimeter.analyzer.pipeline.Analyzer;
import io.perimeter.analyzer.redaction.EdgeKey;
import io.perimeter.analyzer.redaction.Principals;
import io.perimeter.analyzer.redaction.Pseudonymizer;
import io.perimeter.contract.PerimeterContract;
import io.perimeter.sensor.call.ApiCall;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The analyzer wired as the edge wires it — {@link Analyzer} (discovery and classification), {@link Principals} and
 * a {@link FindingsEngine} — with a {@link BatchWriter} at the end, for tests and benchmarks that need the whole path
 * from a call to the batch that would leave the edge. Not thread-safe; one per test.
 */
public final class EdgePipeline {
    private static final Classifier CLASSIFIER = new Classifier();
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final BatchWriter BATCHES = new BatchWriter(new PerimeterContract());

    private final Analyzer analyzer;
    private final Principals principals;
    private final FindingsEngine findings;
    private long calls;

    /** The default caps, a clock fixed at 2026-03-02T09:00:00Z. */
    public EdgePipeline() {
        this(InventorySettings.defaults());
    }

    public EdgePipeline(InventorySettings settings) {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        Pseudonymizer pseudonyms = new Pseudonymizer(EdgeKey.ephemeral());
        this.analyzer = new Analyzer(CLASSIFIER, settings, clock);
        this.principals = new Principals(pseudonyms);
        this.findings = new FindingsEngine(FindingsSettings.defaults(), pseudonyms, Optional.empty());
    }

    /** Discovery, classification and findings for one call, as the edge does them. */
    public void observe(ApiCall call) {
        findings.observe(call, analyzer.analyze(call), principals.of(call));
        calls++;
    }

    public Inventory inventory() {
        return analyzer.snapshot();
    }

    /**
     * The batch the edge would ship now: inventory and findings.
     *
     * @throws io.perimeter.analyzer.batch.BatchRejectedException if it breaks the perimeter contract
     */
    public ObjectNode batch() {
        Inventory inventory = analyzer.snapshot();
        var header = new BatchHeader(UUID.randomUUID(), "edge-under-test", T0, T0, T0, "0.1.0", Map.of("calls", calls));
        return BATCHES.write(header, inventory, findings.snapshot(inventory));
    }
}
