package io.perimeter.analyzer.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.analyzer.testing.RecordedTraffic;
import io.perimeter.analyzer.testing.StubCloud;
import io.perimeter.contract.PerimeterContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} in this JVM, replaying a HAR file against a stub control plane, and how it refuses to start. */
class RunCommandTest {
    private static final String CANARY_EMAIL = "run.canary.quill@example.test";

    @TempDir
    Path dir;

    private StubCloud cloud;
    private Path state;
    private Path har;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void enroll() throws IOException {
        cloud = StubCloud.start();
        state = dir.resolve("state");
        har = Files.writeString(dir.resolve("traffic.har"), RecordedTraffic.har(CANARY_EMAIL));
        int enrolled = edge("enroll", "--token", cloud.issueToken(), "--cloud", cloud.url(), "--state", state.toString());
        assertThat(enrolled).as("stderr: %s", err).isZero();
        out.reset();
    }

    @AfterEach
    void stopCloud() {
        cloud.close();
    }

    @Test
    void replayedTrafficIsShippedInValidBatchesWithTheEdgesIdentityAndNothingOfItIsPrinted() {
        int exit = edge("run", "--state", state.toString(), "--input", har.toString(), "--batch-interval", "300ms",
                "--duration", "1s");

        assertThat(exit).as("stderr: %s", err).isZero();
        var deliveries = cloud.deliveries();
        assertThat(deliveries).hasSizeGreaterThanOrEqualTo(3);
        var contract = new PerimeterContract();
        for (var delivery : deliveries) {
            assertThat(contract.violations(delivery.batch())).isEmpty();
            assertThat(delivery.batch().get("edgeId").asText()).isEqualTo(cloud.edgeId().toString());
            assertThat(delivery.idempotencyKey()).isEqualTo(delivery.batchId());
            assertThat(delivery.contentEncoding()).isEqualTo("gzip");
            assertThat(delivery.answer()).isEqualTo(202);
        }
        // each batch holds its window's calls, the edge's counters are totals: added up, the batches hold both calls
        assertThat(deliveries.getLast().batch().at("/edge/counters/calls").asLong()).isEqualTo(2);
        assertThat(cloud.endpointCalls()).isEqualTo(2);
        assertThat(deliveries).anySatisfy(d -> assertThat(d.batch().at("/services/0/host").asText())
                .isEqualTo("shop.example.test"));
        String printed = out.toString(UTF_8) + err.toString(UTF_8);
        assertThat(out.toString(UTF_8)).contains("(2 in all)").contains("every batch was shipped");
        assertThat(printed).doesNotContain(CANARY_EMAIL).doesNotContain(cloud.credential());
    }

    @Test
    void anEdgeThatIsNotEnrolledSaysHowToEnroll() {
        int exit = edge("run", "--state", dir.resolve("empty").toString(), "--input", har.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("not enrolled").contains("perimeter-edge enroll");
    }

    @Test
    void aCredentialFileOpenToOthersIsRefused() throws IOException {
        Files.setPosixFilePermissions(state.resolve("credential"), PosixFilePermissions.fromString("rw-r--r--"));

        int exit = edge("run", "--state", state.toString(), "--input", har.toString(), "--duration", "1s");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("open to others").contains("chmod 600");
    }

    @Test
    void theConfigurationFileSetsOptionsAndTheCommandLineWins() throws IOException {
        Path config = Files.writeString(dir.resolve("edge.conf"), String.join("\n", "# test edge",
                "state = " + state, "batch-interval = 400ms", "drain-timeout = 5s", "duration = 10s", ""));

        int exit = edge("run", "--config", config.toString(), "--input", har.toString(), "--duration", "500ms");

        assertThat(exit).as("stderr: %s", err).isZero();
        assertThat(out.toString(UTF_8)).contains("a batch every 400 ms");
        assertThat(cloud.deliveries()).isNotEmpty();
    }

    @Test
    void anUnknownKeyInTheConfigurationFileIsNamed() throws IOException {
        Path config = Files.writeString(dir.resolve("edge.conf"), "state = " + state + "\nbatch-intervall = 30s\n");

        int exit = edge("run", "--config", config.toString(), "--input", har.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("unknown keys [batch-intervall]");
    }

    @Test
    void aBrokenRecordingStopsTheEdgeNamingTheFileButNotItsContent() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.har"), "{\"log\": {\"entries\": [{\"request\": {\"url\": \""
                + CANARY_EMAIL + "\"");

        int exit = edge("run", "--state", state.toString(), "--input", broken.toString(), "--duration", "10s");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("cannot replay " + broken).doesNotContain(CANARY_EMAIL);
        assertThat(out.toString(UTF_8)).contains("every batch was shipped");
    }

    private int edge(String... args) {
        return EdgeMain.run(new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8), args);
    }
}
