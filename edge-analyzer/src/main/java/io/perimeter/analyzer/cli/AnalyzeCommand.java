package io.perimeter.analyzer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perimeter.analyzer.batch.BatchHeader;
import io.perimeter.analyzer.batch.BatchWriter;
import io.perimeter.analyzer.discovery.Inventory;
import io.perimeter.analyzer.discovery.OpenApiExporter;
import io.perimeter.analyzer.discovery.Service;
import io.perimeter.analyzer.edge.CallSources;
import io.perimeter.analyzer.edge.EdgeVersion;
import io.perimeter.analyzer.pipeline.TrafficAnalysis;
import io.perimeter.analyzer.redaction.EdgeKey;
import io.perimeter.analyzer.redaction.Pseudonymizer;
import io.perimeter.contract.PerimeterContract;
import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.har.HarFormatException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Option(names = {"-i", "--input"}, required = true, description = "a .har file or a .jsonl file of captured calls (repeatable)")
    List<Path> inputs;

    @Option(names = {"-o", "--out"}, required = true, description = "the folder to write batch and OpenAPI files to")
    Path out;

    @Option(names = "--edge-id", defaultValue = "offline", description = "the edge id written in the batch (default: ${DEFAULT-VALUE})")
    String edgeId;

    @Mixin
    AnalysisOptions analysis = new AnalysisOptions();

    private final PrintStream stdout;
    private final PrintStream stderr;

    AnalyzeCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() {
        TrafficAnalysis traffic;
        try {
            traffic = new TrafficAnalysis(new Pseudonymizer(EdgeKey.ephemeral()), analysis.findingsSettings(),
                    analysis.apiSpec());
        } catch (IllegalArgumentException e) {
            stderr.println("perimeter analyze: " + e.getMessage());
            return 2;
        }
        AtomicReference<Instant> first = new AtomicReference<>();
        AtomicReference<Instant> last = new AtomicReference<>();
        for (Path input : inputs) {
            if (!Files.isReadable(input)) {
                stderr.println("perimeter analyze: cannot read " + input);
                return 2;
            }
            try (Stream<ApiCall> source = CallSources.open(input, analysis.bodyCap)) {
                source.forEach(call -> {
                    traffic.observe(call);
                    first.accumulateAndGet(call.started(), (a, b) -> a == null || b.isBefore(a) ? b : a);
                    last.accumulateAndGet(call.started(), (a, b) -> a == null || b.isAfter(a) ? b : a);
                });
            } catch (HarFormatException | IllegalArgumentException e) {
                stderr.println("perimeter analyze: " + e.getMessage());
                return 2;
            }
        }
        TrafficAnalysis.Snapshot snapshot = traffic.snapshot();
        Inventory inventory = snapshot.inventory();
        Instant now = Instant.now();
        var header = new BatchHeader(UUID.randomUUID(), edgeId, now, first.get() == null ? now : first.get(),
                last.get() == null ? now : last.get(), EdgeVersion.VALUE, traffic.counters());
        ObjectNode batch = new BatchWriter(new PerimeterContract()).write(header, inventory, snapshot.findings());
        try {
            Files.createDirectories(out.resolve("openapi"));
            Path batchFile = out.resolve("batch-" + header.batchId() + ".json");
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(batchFile.toFile(), batch);
            OpenApiExporter exporter = new OpenApiExporter();
            for (Service service : inventory.services()) {
                String name = (service.key().host() + "_" + service.key().port()).replaceAll("[^A-Za-z0-9._-]", "_");
                Files.writeString(out.resolve("openapi").resolve(name + ".json"), exporter.toJson(service));
            }
            stdout.printf("analyzed %d calls: %d services, %d endpoints, %d findings%n", traffic.calls(),
                    inventory.services().size(), snapshot.endpoints(), batch.get("findings").size());
            stdout.printf("wrote %s (validated against %s) and %d OpenAPI documents in %s%n", batchFile.getFileName(),
                    PerimeterContract.VERSION, inventory.services().size(), out.resolve("openapi"));
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + out, e);
        }
    }
}
