package io.perimeter.analyzer.edge;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.analyzer.spool.Spool;
import io.perimeter.analyzer.spool.SpoolSettings;
import io.perimeter.analyzer.testing.RecordedTraffic;
import io.perimeter.analyzer.testing.StubCloud;
import io.perimeter.contract.PerimeterContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge as an operator runs it: {@code perimeter-edge enroll} and {@code perimeter-edge run --input <HAR>} in a JVM of
 * their own, against a stub control plane. Batches arrive, valid, as the enrolled edge; SIGTERM ends the run with a
 * final batch, shipped; batches spooled while the cloud is down stay in the spool and are shipped once when it is back;
 * the batches' calls add up to the calls made.
 */
class EdgeRunIT {
    private static final String CANARY_EMAIL = "edge.run.canary@example.test";
    private static final Pattern SPOOLED = Pattern.compile("batch ([0-9a-f-]{36}) spooled");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void batchesAreShippedAsTheyComeAndThoseSpooledDuringAnOutageGoOutOnceOnTheNextStart() throws Exception {
        Path state = dir.resolve("state");
        Path har = Files.writeString(dir.resolve("traffic.har"), RecordedTraffic.har(CANARY_EMAIL));
        var contract = new PerimeterContract();
        try (StubCloud cloud = StubCloud.start()) {
            Run enroll = edge("enroll", "--token", cloud.issueToken(), "--cloud", cloud.url(), "--state", state.toString());
            assertThat(enroll.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(enroll.process.exitValue()).as(enroll.stderr()).isZero();

            // 1. Cloud up: batches arrive while the edge runs; SIGTERM closes the window into a final batch, shipped.
            Run running = edge("run", "--state", state.toString(), "--input", har.toString(), "--batch-interval", "300ms");
            awaitDeliveries(cloud, 3, running);
            running.process.destroy(); // SIGTERM
            assertThat(running.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(running.process.exitValue()).as("killed by SIGTERM, after the hook finished").isEqualTo(143);
            assertThat(running.stdout()).contains("every batch was shipped");
            List<String> spooledFirst = spooledIds(running.stdout());
            assertThat(cloud.deliveries()).extracting(StubCloud.Delivery::batchId).containsExactlyElementsOf(spooledFirst);
            for (var delivery : cloud.deliveries()) {
                assertThat(contract.violations(delivery.batch())).isEmpty();
                assertThat(delivery.batch().get("edgeId").asText()).isEqualTo(cloud.edgeId().toString());
                assertThat(delivery.authorization()).isEqualTo("Bearer " + cloud.credential());
                assertThat(delivery.idempotencyKey()).isEqualTo(delivery.batchId());
            }
            assertThat(cloud.deliveries().getLast().batch().at("/edge/counters/calls").asLong()).isEqualTo(2);
            assertThat(cloud.endpointCalls()).as("each window ships the calls it added").isEqualTo(2);
            assertThat(queued(state)).isZero();

            // 2. Cloud down: the windows' batches stay in the spool.
            cloud.stop();
            Run offline = edge("run", "--state", state.toString(), "--input", har.toString(), "--batch-interval", "300ms",
                    "--duration", "2s");
            assertThat(offline.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(offline.process.exitValue()).as(offline.stderr()).isZero();
            List<String> spooledOffline = spooledIds(offline.stdout());
            assertThat(spooledOffline).hasSizeGreaterThanOrEqualTo(2);
            assertThat(offline.stdout()).contains(spooledOffline.size() + " batches stay in the spool");
            assertThat(queued(state)).isEqualTo(spooledOffline.size());

            // 3. Cloud back: the next start ships them, each once, before or with its own.
            cloud.restart();
            Run back = edge("run", "--state", state.toString(), "--input", har.toString(), "--batch-interval", "300ms",
                    "--duration", "1500ms");
            assertThat(back.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(back.process.exitValue()).as(back.stderr()).isZero();
            assertThat(back.stdout()).contains(spooledOffline.size() + " batches waiting in the spool")
                    .contains("every batch was shipped");
            List<String> delivered = cloud.deliveries().stream().map(StubCloud.Delivery::batchId).toList();
            List<String> all = Stream.of(spooledFirst, spooledOffline, spooledIds(back.stdout())).flatMap(List::stream).toList();
            assertThat(delivered).as("every batch exactly once").containsExactlyInAnyOrderElementsOf(all);
            assertThat(delivered.subList(spooledFirst.size(), spooledFirst.size() + spooledOffline.size()))
                    .as("the backlog first, in order").containsExactlyElementsOf(spooledOffline);
            assertThat(cloud.deliveries()).allSatisfy(d -> assertThat(d.answer()).isEqualTo(202));
            assertThat(cloud.endpointCalls()).as("three runs of the two recorded calls, added up").isEqualTo(6);
            assertThat(queued(state)).isZero();

            for (Run run : List.of(enroll, running, offline, back)) {
                String printed = run.stdout() + run.stderr();
                assertThat(printed).doesNotContain(CANARY_EMAIL).doesNotContain(cloud.credential()).doesNotContain("SLF4J");
            }
        }
    }

    private record Run(Process process, Path out, Path err) {
        String stdout() throws IOException {
            return Files.readString(out, UTF_8);
        }

        String stderr() throws IOException {
            return Files.readString(err, UTF_8);
        }
    }

    private Run edge(String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "io.perimeter.analyzer.cli.EdgeMain"));
        command.addAll(List.of(args));
        String name = args[0] + "-" + System.nanoTime();
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        return new Run(new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start(), out, err);
    }

    private static void awaitDeliveries(StubCloud cloud, int count, Run run) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (cloud.deliveries().size() < count) {
            if (!run.process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " batches arrived; the edge said: " + run.stdout()
                        + run.stderr());
            }
            Thread.sleep(50);
        }
    }

    private static List<String> spooledIds(String stdout) {
        List<String> ids = new ArrayList<>();
        Matcher matcher = SPOOLED.matcher(stdout);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    private static long queued(Path state) {
        try (Spool spool = Spool.open(state.resolve("spool"), SpoolSettings.DEFAULTS)) {
            return spool.stats().queuedBatches();
        }
    }
}
