package io.perimeter.analyzer.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.analyzer.testing.StubCloud;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code enroll} against a stub control plane: what is stored, and that neither token nor credential is printed. */
class EnrollCommandTest {
    @TempDir
    Path dir;

    private StubCloud cloud;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startCloud() throws IOException {
        cloud = StubCloud.start();
    }

    @AfterEach
    void stopCloud() {
        cloud.close();
    }

    @Test
    void storesTheCredentialOwnerOnlyAndTheIdentityAndPrintsNeitherSecret() throws IOException {
        String token = cloud.issueToken();
        Path state = dir.resolve("state");

        int exit = enroll("--token", token, "--cloud", cloud.url(), "--state", state.toString());

        assertThat(exit).as("stderr: %s", err).isZero();
        Path credential = state.resolve("credential");
        assertThat(Files.readString(credential)).isEqualTo(cloud.credential());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credential))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");
        assertThat(Files.readString(state.resolve("edge.properties")))
                .contains("edgeId=" + cloud.edgeId()).contains("tenant=" + StubCloud.TENANT);
        assertThat(out.toString(UTF_8)).contains(cloud.edgeId().toString()).contains(StubCloud.TENANT);
        assertNoSecretPrinted(token);
        try (Stream<Path> files = Files.list(state)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("credential", "edge.properties");
        }
    }

    @Test
    void readsTheTokenFromAFileAndWantsExactlyOneWayOfGivingIt() throws IOException {
        String token = cloud.issueToken();
        Path file = Files.writeString(dir.resolve("token"), token + "\n");

        assertThat(enroll("--cloud", cloud.url(), "--state", dir.resolve("none").toString())).isEqualTo(2);
        assertThat(enroll("--token", token, "--token-file", file.toString(), "--cloud", cloud.url(),
                "--state", dir.resolve("both").toString())).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("--token TOKEN or --token-file PATH");

        int exit = enroll("--token-file", file.toString(), "--cloud", cloud.url(), "--state",
                dir.resolve("state").toString());
        assertThat(exit).as("stderr: %s", err).isZero();
        assertThat(Files.readString(dir.resolve("state").resolve("credential"))).isEqualTo(cloud.credential());
        assertNoSecretPrinted(token);
    }

    @Test
    void aRefusedTokenIsNamedAsSuchWithoutRepeatingIt() {
        String token = cloud.issueToken();
        enroll("--token", token, "--cloud", cloud.url(), "--state", dir.resolve("a").toString());

        int exit = enroll("--token", token, "--cloud", cloud.url(), "--state", dir.resolve("b").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("refused the enrollment token").contains("HTTP 401")
                .contains("unknown, already used or expired");
        assertThat(Files.exists(dir.resolve("b").resolve("credential"))).isFalse();
        assertNoSecretPrinted(token);
    }

    @Test
    void anEnrolledEdgeIsNotEnrolledAgainWithoutForce() {
        Path state = dir.resolve("state");
        enroll("--token", cloud.issueToken(), "--cloud", cloud.url(), "--state", state.toString());

        int again = enroll("--token", cloud.issueToken(), "--cloud", cloud.url(), "--state", state.toString());
        assertThat(again).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("already enrolled as " + cloud.edgeId()).contains("--force");

        int forced = enroll("--token", cloud.issueToken(), "--cloud", cloud.url(), "--state", state.toString(), "--force");
        assertThat(forced).isZero();
    }

    @Test
    void anUnreachableCloudIsNamed() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        int exit = enroll("--token", "enr-1", "--cloud", "http://127.0.0.1:" + closedPort, "--state", dir.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("cannot reach the cloud").contains("connection refused");
    }

    @Test
    void plainHttpToAnotherHostIsRefusedBeforeTheTokenGoesAnywhere() {
        int exit = enroll("--token", "enr-1", "--cloud", "http://perimeter.example.com", "--state", dir.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("must be https");
    }

    @Test
    void theCloudUrlMayComeFromTheConfigurationFile() throws IOException {
        Path config = Files.writeString(dir.resolve("edge.conf"), "cloud = " + cloud.url() + "\nbatch-interval = 30s\n");

        int exit = enroll("--config", config.toString(), "--token", cloud.issueToken(), "--state", dir.resolve("s").toString());

        assertThat(exit).as("stderr: %s", err).isZero();
        assertThat(Files.readString(dir.resolve("s").resolve("edge.properties"))).contains("127.0.0.1");
    }

    private int enroll(String... args) {
        String[] all = Stream.concat(Stream.of("enroll"), Stream.of(args)).toArray(String[]::new);
        return EdgeMain.run(new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8), all);
    }

    private void assertNoSecretPrinted(String token) {
        String printed = out.toString(UTF_8) + err.toString(UTF_8);
        assertThat(printed).doesNotContain(token).doesNotContain(cloud.credential());
    }
}
