package io.perimeter.analyzer.findings;

import io.perimeter.analyzer.classification.Classifier;
import io.perimeter.analyzer.discovery.Inventory;
import io.perimeter.analyzer.discovery.InventorySettings;
import io.perimeter.analyzer.pipeline.Analyzer;
import io.perimeter.analyzer.redaction.EdgeKey;
import io.perimeter.analyzer.redaction.Principals;
import io.perimeter.analyzer.redaction.Pseudonymizer;
import io.perimeter.analyzer.testing.ApiCallBuilder;
import io.perimeter.sensor.call.ApiCall;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** The analyzer, principals and a findings engine wired as the edge wires them, for rule tests. */
final class Harness {
    private static final Classifier CLASSIFIER = new Classifier();

    final Analyzer analyzer = new Analyzer(CLASSIFIER, InventorySettings.defaults(),
            Clock.fixed(Traffic.T0, ZoneOffset.UTC));
    final Pseudonymizer pseudonyms = new Pseudonymizer(EdgeKey.ephemeral());
    final Principals principals = new Principals(pseudonyms);
    final FindingsEngine engine;

    Harness() {
        this(FindingsSettings.defaults(), Optional.empty());
    }

    Harness(FindingsSettings settings) {
        this(settings, Optional.empty());
    }

    Harness(FindingsSettings settings, Optional<ApiSpec> spec) {
        this.engine = new FindingsEngine(settings, pseudonyms, spec);
    }

    Harness feed(ApiCall... calls) {
        for (ApiCall call : calls) {
            engine.observe(call, analyzer.analyze(call), principals.of(call));
        }
        return this;
    }

    Harness feed(ApiCallBuilder... calls) {
        for (ApiCallBuilder call : calls) {
            feed(call.build());
        }
        return this;
    }

    List<Finding> findings() {
        return engine.snapshot();
    }

    List<Finding> findings(RuleId rule) {
        return findings().stream().filter(f -> f.rule() == rule).toList();
    }

    /** The one finding of {@code rule}; fails when there is none or more. */
    Finding only(RuleId rule) {
        List<Finding> found = findings(rule);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + rule.id() + " finding, got " + found.size() + ": " + findings());
        }
        return found.get(0);
    }

    Inventory inventory() {
        return analyzer.snapshot();
    }
}
