package io.perimeter.analyzer.live;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
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
import io.perimeter.analyzer.spool.Spool;
import io.perimeter.analyzer.spool.SpoolSettings;
import io.perimeter.contract.PerimeterContract;
import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.capture.CaptureSettings;
import io.perimeter.sensor.capture.Sensor;
import io.perimeter.sensor.capture.SensorOptions;
import io.perimeter.sensor.events.SensorProgram;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canary proof on live traffic, as root: real curl calls full of planted personal data are captured by the
 * eBPF sensor, analyzed, turned into a batch and spooled. The batch and every file of the spool are searched for
 * the canaries (raw, URL-encoded, base64): none may be there, while the data classes must be reported.
 */
@Tag("kernel")
class LiveCaptureCanaryIT {
    private static final Map<String, String> CANARIES = Map.of(
            "email", "live.canary.quill@example.test",
            "card", "5555555555554444",
            "iban", "GB82WEST12345698765432",
            "password", "S3cret-live-canary!",
            "apiKey", "AKIALIVECANARY77XYZ9",
            "name", "Quentin Livecanary");

    @TempDir
    Path dir;

    @Test
    void capturedCallsLeaveNoPlantedValueInTheBatchOrTheSpool() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"id\":7,\"full_name\":\"" + CANARIES.get("name") + "\",\"email\":\"" + CANARIES.get("email")
                    + "\",\"card\":{\"number\":\"" + CANARIES.get("card") + "\"},\"iban\":\"" + CANARIES.get("iban") + "\"}").getBytes(UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        int port = server.getAddress().getPort();
        List<ApiCall> calls = new CopyOnWriteArrayList<>();
        var program = new SensorProgram.Config(SensorProgram.Config.defaults().chunkSize(), 4, 8 * 1024 * 1024, 0, 0);
        var options = new SensorOptions(program, CaptureSettings.DEFAULTS, false, Duration.ofMinutes(1));
        try (Sensor sensor = Sensor.start(options, call -> {
            if (call.server().port() == port) {
                calls.add(call);
            }
        })) {
            for (int i = 0; i < 3; i++) {
                run("curl", "-s", "-X", "POST", "-H", "Content-Type: application/json", "-H", "X-Api-Key: " + CANARIES.get("apiKey"),
                        "--data-binary", "{\"email\":\"" + CANARIES.get("email") + "\",\"password\":\"" + CANARIES.get("password") + "\"}",
                        "http://127.0.0.1:" + port + "/api/customers/" + (100 + i) + "?email=" + URLEncoder.encode(CANARIES.get("email"), UTF_8));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (calls.size() < 6 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            server.stop(0);
        }
        assertThat(calls).as("both sides of 3 calls captured").hasSize(6);

        Analyzer analyzer = new Analyzer(new Classifier(), InventorySettings.defaults(), Clock.systemUTC());
        Pseudonymizer pseudonyms = new Pseudonymizer(EdgeKey.ephemeral());
        Principals principals = new Principals(pseudonyms);
        FindingsEngine findings = new FindingsEngine(FindingsSettings.defaults(), pseudonyms);
        for (ApiCall call : calls) {
            findings.observe(call, analyzer.analyze(call), principals.of(call));
        }
        Inventory inventory = analyzer.snapshot();
        Instant now = Instant.now();
        ObjectNode batch = new BatchWriter(new PerimeterContract()).write(
                new BatchHeader(UUID.randomUUID(), "live-test", now, now, now, "0.1.0", Map.of("calls", (long) calls.size())),
                inventory, findings.snapshot(inventory));
        Path spoolDir = dir.resolve("spool");
        List<String> haystacks = new ArrayList<>();
        haystacks.add(batch.toString());
        try (Spool spool = Spool.open(spoolDir, SpoolSettings.DEFAULTS)) {
            spool.append(batch);
            // What the shipper will send: the spooled bytes, decompressed.
            byte[] gzipped = spool.peekOldest().orElseThrow().gzipped();
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped))) {
                haystacks.add(new String(in.readAllBytes(), UTF_8));
            }
        }
        // And the spool's files as they lie on disk (anything stored beside the compressed batches).
        try (Stream<Path> files = Files.walk(spoolDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                haystacks.add(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        List<String> leaks = new ArrayList<>();
        CANARIES.forEach((kind, canary) -> {
            for (String form : List.of(canary, URLEncoder.encode(canary, UTF_8), Base64.getEncoder().encodeToString(canary.getBytes(UTF_8)))) {
                for (String haystack : haystacks) {
                    if (haystack.contains(form)) {
                        leaks.add(kind);
                    }
                }
            }
        });
        assertThat(leaks).as("canaries in the batch or the spool").isEmpty();
        assertThat(batch.toString()).contains("\"EMAIL\"").contains("\"CARD_NUMBER\"").contains("\"IBAN\"")
                .contains("\"PASSWORD\"").contains("/api/customers/{");
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }
}
