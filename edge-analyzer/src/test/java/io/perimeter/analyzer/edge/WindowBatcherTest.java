package io.perimeter.analyzer.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perimeter.analyzer.batch.BatchWriter;
import io.perimeter.analyzer.findings.FindingsSettings;
import io.perimeter.analyzer.pipeline.TrafficAnalysis;
import io.perimeter.analyzer.redaction.EdgeKey;
import io.perimeter.analyzer.redaction.Pseudonymizer;
import io.perimeter.analyzer.shipper.Shipper;
import io.perimeter.analyzer.spool.AppendResult;
import io.perimeter.analyzer.spool.Batches;
import io.perimeter.analyzer.spool.Spool;
import io.perimeter.analyzer.spool.SpoolSettings;
import io.perimeter.analyzer.spool.SpooledBatch;
import io.perimeter.analyzer.testing.ApiCallBuilder;
import io.perimeter.contract.PerimeterContract;
import io.perimeter.sensor.capture.SensorStatus;
import io.perimeter.sensor.events.SensorCounter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A closed window becomes a valid, spooled batch that carries every counter of the edge. */
class WindowBatcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EDGE_ID = "5b1e4c4a-8f43-4e55-9a8e-0c1d2e3f4a5b";

    @TempDir
    Path dir;

    @Test
    void aWindowIsSpooledAsAValidBatchWithTheSensorsSpoolsAndShippersCounters() throws Exception {
        var analysis = new TrafficAnalysis(new Pseudonymizer(EdgeKey.ephemeral()), FindingsSettings.defaults(), Optional.empty());
        for (int id = 1; id <= 3; id++) {
            analysis.observe(ApiCallBuilder.call("GET", "/api/v1/orders/" + (1000 + id)).host("shop.example.test")
                    .server("10.0.0.5", 443).tls().respond(200, "{\"id\": " + id + ", \"total\": 12.5}").build());
        }
        SensorStatus status = new SensorStatus(
                Arrays.stream(SensorCounter.values()).collect(Collectors.toMap(Function.identity(), c -> 7L,
                        (a, b) -> a, () -> new EnumMap<>(SensorCounter.class))),
                11, 3, 1, 4096, 2, 5, 0, 1, 0, 0, 0, 0, List.of("/usr/lib/libssl.so.3"), List.of());
        CallSource sensor = new FixedCounters(LiveCapture.counters(status));

        try (Spool spool = Spool.open(dir.resolve("spool"), SpoolSettings.DEFAULTS);
             Shipper shipper = Shipper.builder(URI.create("http://127.0.0.1:9/ingest/v1/batches"), () -> null, spool).build()) {
            var batcher = new WindowBatcher(EDGE_ID, analysis, new AnalysisQueue(analysis, 10), sensor,
                    new BatchWriter(new PerimeterContract()), spool, shipper, Clock.systemUTC());

            WindowSummary first = batcher.close();
            WindowSummary second = batcher.close();

            assertThat(first.spooled()).contains(AppendResult.SPOOLED);
            assertThat(first.windowCalls()).isEqualTo(3);
            assertThat(second.windowCalls()).isZero();
            assertThat(second.totalCalls()).isEqualTo(3);
            assertThat(second.start()).isEqualTo(first.end());
            assertThat(first.progress()).contains("3 calls (3 in all), 1 services, 1 endpoints")
                    .contains("batch " + first.batchId() + " spooled").doesNotContain("1000");

            SpooledBatch oldest = spool.peekOldest().orElseThrow();
            JsonNode batch = JSON.readTree(Batches.gunzip(oldest.gzipped()));
            assertThat(new PerimeterContract().violations(batch)).isEmpty();
            assertThat(batch.get("batchId").asText()).isEqualTo(first.batchId().toString());
            assertThat(batch.get("edgeId").asText()).isEqualTo(EDGE_ID);
            assertThat(batch.at("/services/0/endpoints/0/template").asText()).startsWith("/api/v1/orders/{");
            JsonNode counters = batch.at("/edge/counters");
            assertThat(counters.get("calls").asLong()).isEqualTo(3);
            assertThat(counters.get("events_lost").asLong()).isEqualTo(7);
            assertThat(counters.get("capture_calls").asLong()).isEqualTo(3);
            assertThat(counters.get("tls_libraries_probed").asLong()).isEqualTo(1);
            for (String name : List.of("spool_queued_batches", "spool_evicted_batches", "shipper_sent",
                    "shipper_paused_for_credential", "calls_dropped_backlog", "batch_items_cut", "findings_dropped")) {
                assertThat(counters.has(name)).as(name).isTrue();
            }
            assertThat(counters.size()).as("the contract allows 64 counters").isLessThanOrEqualTo(64);
        }
    }

    /** A source that delivers nothing and reports fixed counters. */
    private record FixedCounters(Map<String, Long> counters) implements CallSource {
        @Override
        public void start(AnalysisQueue queue) {}

        @Override
        public Optional<String> failure() {
            return Optional.empty();
        }

        @Override
        public void close() {}
    }
}
