package io.perimeter.analyzer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perimeter.analyzer.batch.BatchHeader;
import io.perimeter.analyzer.batch.BatchWriter;
import io.perimeter.analyzer.classification.Classifier;
import io.perimeter.analyzer.discovery.Inventory;
import io.perimeter.analyzer.discovery.InventorySettings;
import io.perimeter.analyzer.discovery.OpenApiExporter;
import io.perimeter.analyzer.discovery.Service;
import io.perimeter.analyzer.findings.ApiSpec;
import io.perimeter.analyzer.findings.Finding;
import io.perimeter.analyzer.findings.FindingsEngine;
import io.perimeter.analyzer.findings.FindingsSettings;
import io.perimeter.analyzer.pipeline.Analyzer;
import io.perimeter.analyzer.redaction.EdgeKey;
import io.perimeter.analyzer.redaction.Principals;
import io.perimeter.analyzer.redaction.Pseudonymizer;
import io.perimeter.contract.PerimeterContract;
import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.har.HarFormatException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code analyze}: runs the analyzer over HAR files or {@code capture} JSON lines and writes exactly what the edge
 * would ship (the batch with its inventory and findings, validated against the perimeter contract) plus the OpenAPI
 * export of each discovered service, so people can review what would leave before anything does. Pseudonyms use a key
 * that lives only in memory for the run.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Analyzes recorded traffic offline and writes the batch the edge would ship (inventory and",
                "findings) and an OpenAPI document per discovered service. Inputs: *.har (HAR 1.2) or JSON lines from",
                "'perimeter-sensor capture'."})
final class AnalyzeCommand implements Callable<Integer> {
    private static final String VERSION = "0.1.0";

    @Option(names = {"-i", "--input"}, required = true, description = "a .har file or a .jsonl file of captured calls (repeatable)")
    List<Path> inputs;

    @Option(names = {"-o", "--out"}, required = true, description = "the folder to write batch and OpenAPI files to")
    Path out;

    @Option(names = "--edge-id", defaultValue = "offline", description = "the edge id written in the batch (default: ${DEFAULT-VALUE})")
    String edgeId;

    @Option(names = "--body-cap", defaultValue = "65536", description = "bytes of each HAR body analyzed (default: ${DEFAULT-VALUE})")
    int bodyCap;

    @Option(names = "--spec", description = "the API's OpenAPI 3 document (JSON or YAML): endpoints it does not declare "
            + "become shadow-endpoint findings, calls to operations it marks deprecated deprecated-operation findings")
    Path spec;

    @Option(names = "--internal-domain", description = "a domain of your own, not a third party (repeatable; private "
            + "addresses, .internal, .local and single-label names always are)")
    List<String> internalDomains = List.of();

    private final PrintStream stdout;
    private final PrintStream stderr;

    AnalyzeCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() {
        Optional<ApiSpec> apiSpec = Optional.empty();
        if (spec != null) {
            try {
                apiSpec = Optional.of(ApiSpec.read(spec));
            } catch (IllegalArgumentException | UncheckedIOException e) {
                stderr.println("perimeter analyze: " + spec + ": " + e.getMessage());
                return 2;
            }
        }
        Analyzer analyzer = new Analyzer(new Classifier(), InventorySettings.defaults(), Clock.systemUTC());
        Pseudonymizer pseudonyms = new Pseudonymizer(EdgeKey.ephemeral());
        Principals principals = new Principals(pseudonyms);
        FindingsEngine findings = new FindingsEngine(FindingsSettings.defaults().withInternalDomains(internalDomains),
                pseudonyms, apiSpec);
        AtomicLong calls = new AtomicLong();
        AtomicReference<Instant> first = new AtomicReference<>();
        AtomicReference<Instant> last = new AtomicReference<>();
        for (Path input : inputs) {
            if (!Files.isReadable(input)) {
                stderr.println("perimeter analyze: cannot read " + input);
                return 2;
            }
            try (Stream<ApiCall> source = CallSources.open(input, bodyCap)) {
                source.forEach(call -> {
                    findings.observe(call, analyzer.analyze(call), principals.of(call));
                    calls.incrementAndGet();
                    first.accumulateAndGet(call.started(), (a, b) -> a == null || b.isBefore(a) ? b : a);
                    last.accumulateAndGet(call.started(), (a, b) -> a == null || b.isAfter(a) ? b : a);
                });
            } catch (HarFormatException | IllegalArgumentException e) {
                stderr.println("perimeter analyze: " + e.getMessage());
                return 2;
            }
        }
        Inventory inventory = analyzer.snapshot();
        List<Finding> found = findings.snapshot(inventory);
        Instant now = Instant.now();
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("calls", calls.get());
        counters.putAll(findings.counters());
        var header = new BatchHeader(UUID.randomUUID(), edgeId, now, first.get() == null ? now : first.get(),
                last.get() == null ? now : last.get(), VERSION, counters);
        ObjectNode batch = new BatchWriter(new PerimeterContract()).write(header, inventory, found);
        try {
            Files.createDirectories(out.resolve("openapi"));
            Path batchFile = out.resolve("batch-" + header.batchId() + ".json");
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(batchFile.toFile(), batch);
            OpenApiExporter exporter = new OpenApiExporter();
            int endpoints = 0;
            for (Service service : inventory.services()) {
                endpoints += service.endpoints().size();
                String name = (service.key().host() + "_" + service.key().port()).replaceAll("[^A-Za-z0-9._-]", "_");
                Files.writeString(out.resolve("openapi").resolve(name + ".json"), exporter.toJson(service));
            }
            stdout.printf("analyzed %d calls: %d services, %d endpoints, %d findings%n", calls.get(),
                    inventory.services().size(), endpoints, batch.get("findings").size());
            stdout.printf("wrote %s (validated against %s) and %d OpenAPI documents in %s%n", batchFile.getFileName(),
                    PerimeterContract.VERSION, inventory.services().size(), out.resolve("openapi"));
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + out, e);
        }
    }
}
