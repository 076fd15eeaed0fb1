package io.perimeter.edgepackage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package as a customer uses it, on this host, as root: {@code dpkg -i} of the package the build made, the
 * edge enrolled with a cloud API running in this JVM, started as {@code perimeter-edge.service} would start it (this
 * host's PID 1 is not systemd, so the unit's {@code ExecStart} runs under {@code setpriv} as the unit's user with the
 * unit's capabilities, read from the installed unit file), live capture of calls to local APIs over HTTP and HTTPS
 * (OpenSSL, through the TLS uprobes), the endpoints in the cloud's inventory; then an upgrade to a newer version, and
 * removal and purge, which keep the edge's identity, key and spool, and a reinstall that is the same edge. The package
 * is purged, and the state and user it made are deleted, when the class ends.
 */
@Tag("kernel")
@RequiresServices(Service.POSTGRES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdgePackageIT {
    private static final DebianPackage PACKAGE = new DebianPackage("perimeter-edge");
    private static final Path STATE = Path.of("/var/lib/perimeter-edge");
    private static final Path CONFIG = Path.of("/etc/perimeter-edge/edge.conf");
    private static final Path UNIT = Path.of("/lib/systemd/system/perimeter-edge.service");
    private static final String USER = "perimeter-edge";
    private static final Duration SHORT = Duration.ofSeconds(60);
    private static final Pattern ENROLLED = Pattern.compile("enrolled: edge ([0-9a-f-]{36}) ");

    @TempDir
    static Path work;
    private static InProcessCloud cloud;
    private static SampleApi api;
    private static TlsSampleApi tlsApi;
    private static Path deb;
    private static boolean installedByThisTest;
    private static String edgeId;
    private static Map<String, String> stateDigests;
    private static Process edge;

    @BeforeAll
    static void startCloudAndApis(PostgresEndpoint postgres) throws Exception {
        assertThat(HostCommand.run(SHORT, "id", "-u").output().strip())
                .as("the package install test needs root (dpkg, capture): scripts/test runs as root").isEqualTo("0");
        assertThat(PACKAGE.status()).as("perimeter-edge is already known to dpkg on this host; this test installs and "
                + "purges it itself. Remove it first: dpkg --purge perimeter-edge").isEmpty();
        assertThat(STATE).as("%s is left from an earlier install; this test makes and deletes it. Remove it first "
                + "(rm -rf %s; userdel perimeter-edge)", STATE, STATE).doesNotExist();
        assertThat(HostCommand.run(SHORT, "getent", "passwd", USER).exitCode())
                .as("the perimeter-edge user exists already; remove it first: userdel perimeter-edge").isNotZero();
        assertThat(HostCommand.run(SHORT, "dpkg-query", "-W", "-f=${Status}", "libbpf1").output())
                .as("libbpf1, which the package depends on, is missing: scripts/setup installs it")
                .isEqualTo("install ok installed");
        deb = PACKAGE.builtIn(Path.of("target").toAbsolutePath());
        cloud = InProcessCloud.start(postgres);
        api = SampleApi.start();
        tlsApi = TlsSampleApi.start(Files.createDirectories(work.resolve("tls")));
    }

    @AfterAll
    static void uninstallAndStop() throws Exception {
        stopEdge();
        try {
            // Only what this test installed: a package found there before it started is left alone.
            if (installedByThisTest && !PACKAGE.status().isEmpty()) {
                PACKAGE.purge();
            }
        } finally {
            if (installedByThisTest) {
                HostCommand.run(SHORT, "rm", "-rf", STATE.toString());
                HostCommand.run(SHORT, "userdel", USER);
                HostCommand.run(SHORT, "groupdel", USER);
            }
            if (api != null) {
                api.close();
            }
            if (tlsApi != null) {
                tlsApi.close();
            }
            if (cloud != null) {
                cloud.close();
            }
        }
    }

    @Test
    @Order(1)
    void installsWithItsOwnRuntimeUserStateDirectoryAndUnit() throws Exception {
        installedByThisTest = true;
        String output = PACKAGE.install(deb).output();
        assertThat(PACKAGE.installedVersion()).isEqualTo(DebianPackage.version(deb));
        assertThat(output).contains("perimeter-edge enroll --cloud");

        // No JDK on the PATH, no JAVA_HOME: the command runs on the runtime the package carries.
        HostCommand version = HostCommand.run(SHORT, "env", "-i", "PATH=/usr/bin:/bin", "/usr/bin/perimeter-edge",
                "--version").succeeded();
        assertThat(version.output().strip()).isEqualTo("perimeter-edge 0.1.0");
        assertThat(Path.of("/opt/perimeter-edge/runtime/bin/java")).isExecutable();
        assertThat(HostCommand.run(SHORT, "/opt/perimeter-edge/runtime/bin/java", "--list-modules").succeeded().output())
                .as("a jlink-ed runtime, not a whole JDK").doesNotContain("jdk.compiler", "java.rmi");

        assertThat(HostCommand.run(SHORT, "getent", "passwd", USER).succeeded().output())
                .contains(":/var/lib/perimeter-edge:/usr/sbin/nologin");
        assertThat(Files.getOwner(STATE).getName()).isEqualTo(USER);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(STATE))).isEqualTo("rwx------");

        assertThat(HostCommand.run(SHORT, "dpkg-query", "-W", "-f=${Conffiles}", "perimeter-edge").output())
                .contains(CONFIG.toString());
        assertThat(Path.of("/etc/systemd/system/multi-user.target.wants/perimeter-edge.service"))
                .as("the unit is enabled").isSymbolicLink();
        HostCommand verify = HostCommand.run(SHORT, "systemd-analyze", "verify", UNIT.toString());
        assertThat(verify.exitCode()).as("systemd-analyze verify %s:%n%s", UNIT, verify.output()).isZero();
    }

    @Test
    @Order(2)
    void enrollsCapturesAndItsMetadataReachesTheCloud() throws Exception {
        // The administrator's settings: the cloud, the API ports to capture, a short window for the test.
        Files.writeString(CONFIG, Files.readString(CONFIG, UTF_8) + "\ncloud = " + cloud.url() + "\nport = " + api.port()
                + "," + tlsApi.port() + "\nbatch-interval = 2s\n", UTF_8);

        // As root, as an administrator runs it: the command drops to the perimeter-edge user itself.
        HostCommand enroll = HostCommand.run(SHORT, "/usr/bin/perimeter-edge", "enroll", "--token",
                cloud.enrollmentToken("packaged-edge"), "--hostname", "packaged-edge").succeeded();
        Matcher enrolled = ENROLLED.matcher(enroll.output());
        assertThat(enrolled.find()).as(enroll.output()).isTrue();
        edgeId = enrolled.group(1);
        Path credential = STATE.resolve("credential");
        assertThat(Files.getOwner(credential).getName()).isEqualTo(USER);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credential))).isEqualTo("rw-------");

        Path log = startEdgeAsTheUnitDoes("first");
        assertThat(awaitEndpoint(plain("/api/orders/"), log)).startsWith(api.port() + " GET /api/orders/");
        // Plaintext of HTTPS calls: only through the uprobes on libssl, which the unit's capabilities must allow.
        assertThat(awaitEndpoint(tls("/api/payments/"), log)).startsWith(tlsApi.port() + " GET /api/payments/");
        assertThat(Files.readString(log, UTF_8)).as("the edge's log").contains(edgeId)
                .doesNotContain("Permission denied", "Operation not permitted");

        assertThat(stopEdge()).as("SIGTERM ends the edge as the unit's SuccessExitStatus expects").isEqualTo(143);
        assertThat(STATE.resolve("edge.key")).isRegularFile();
        assertThat(STATE.resolve("spool")).isDirectory().isNotEmptyDirectory();
        stateDigests = digests();
    }

    @Test
    @Order(3)
    void anUpgradeKeepsIdentityKeySpoolAndConfiguration() throws Exception {
        String newer = DebianPackage.version(deb) + "+1";
        Path dir = Files.createDirectories(work.resolve("upgrade"));
        PACKAGE.install(DebianPackage.withVersion(deb, newer, dir));
        assertThat(PACKAGE.installedVersion()).isEqualTo(newer);
        assertThat(digests()).as("edge.key, credential, enrollment after the upgrade").isEqualTo(stateDigests);
        assertThat(STATE.resolve("spool")).isNotEmptyDirectory();
        assertThat(Files.readString(CONFIG, UTF_8)).as("the administrator's edge.conf").contains("port = " + api.port());

        // The upgraded edge runs under the same identity: no new enrollment, and the cloud takes its batches.
        Path log = startEdgeAsTheUnitDoes("upgraded");
        assertThat(awaitEndpoint(plain("/api/customers/"), log)).startsWith(api.port() + " GET /api/customers/");
        assertThat(Files.readString(log, UTF_8)).contains("edge " + edgeId);
        assertThat(stopEdge()).isEqualTo(143);
        stateDigests = digests();
    }

    @Test
    @Order(4)
    void removeAndPurgeKeepTheEdgesStateAndUser() throws Exception {
        PACKAGE.remove();
        assertThat(PACKAGE.status()).isEqualTo("deinstall ok config-files");
        assertThat(Path.of("/opt/perimeter-edge")).doesNotExist();
        assertThat(Files.exists(Path.of("/usr/bin/perimeter-edge"), LinkOption.NOFOLLOW_LINKS)).as("/usr/bin/perimeter-edge")
                .isFalse();
        assertThat(CONFIG).as("removal keeps the conffile").exists();
        assertThat(digests()).isEqualTo(stateDigests);

        PACKAGE.purge();
        assertThat(PACKAGE.status()).isEmpty();
        assertThat(CONFIG.getParent()).doesNotExist();
        assertThat(UNIT).doesNotExist();
        assertThat(digests()).as("purge keeps the identity, key and spool").isEqualTo(stateDigests);
        assertThat(STATE.resolve("spool")).isNotEmptyDirectory();
        assertThat(HostCommand.run(SHORT, "getent", "passwd", USER).exitCode()).as("the owner of the state stays").isZero();
    }

    @Test
    @Order(5)
    void aReinstallAfterPurgeIsTheSameEdgeEvenWithItsUserMadeAgain() throws Exception {
        // An administrator who deleted the user after the purge: the new one may get another uid.
        HostCommand.run(SHORT, "userdel", USER).succeeded();
        HostCommand.run(SHORT, "groupdel", USER);
        HostCommand.run(SHORT, "chown", "-R", "12345:12345", STATE.toString()).succeeded();

        PACKAGE.install(deb);
        assertThat(Files.getOwner(STATE.resolve("credential")).getName()).isEqualTo(USER);
        assertThat(Files.getOwner(STATE.resolve("spool")).getName()).isEqualTo(USER);
        assertThat(digests()).isEqualTo(stateDigests);

        // No enrollment again; the purge took the old edge.conf, so the settings are written anew.
        Files.writeString(CONFIG, Files.readString(CONFIG, UTF_8) + "\nport = " + api.port() + "\nbatch-interval = 2s\n",
                UTF_8);
        Path log = startEdgeAsTheUnitDoes("reinstalled");
        assertThat(awaitEndpoint(plain("/api/invoices/"), log)).startsWith(api.port() + " GET /api/invoices/");
        assertThat(Files.readString(log, UTF_8)).contains("edge " + edgeId);
        assertThat(stopEdge()).isEqualTo(143);
    }

    /** The installed unit's ExecStart, as its user with its capabilities, in the clean environment systemd gives. */
    private static Path startEdgeAsTheUnitDoes(String name) throws IOException {
        SystemdUnit unit = SystemdUnit.read(UNIT);
        assertThat(unit.user()).isEqualTo(USER);
        Path log = work.resolve("edge-" + name + ".log");
        boolean memlockRaisable = HostCommand.run(SHORT, "prlimit", "--memlock=unlimited:unlimited", "true").exitCode() == 0;
        ProcessBuilder builder = new ProcessBuilder(unit.setprivCommand(memlockRaisable)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).directory(Path.of("/").toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        builder.environment().put("LANG", "C.UTF-8");
        edge = builder.start();
        return log;
    }

    /** Where calls go, and the port the cloud's inventory lists them under. */
    private record Target(String baseUrl, int port, String prefix) {
    }

    private static Target plain(String prefix) {
        return new Target("http://127.0.0.1:" + api.port(), api.port(), prefix);
    }

    private static Target tls(String prefix) {
        return new Target("https://127.0.0.1:" + tlsApi.port(), tlsApi.port(), prefix);
    }

    /** curl calls to the target, a round a second, until the cloud lists an endpoint under its prefix; it is returned. */
    private static String awaitEndpoint(Target target, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String wanted = target.port() + " GET " + target.prefix();
        while (System.nanoTime() < deadline) {
            assertThat(edge.isAlive()).as("the edge stopped:%n%s", Files.readString(log, UTF_8)).isTrue();
            for (int id = 1001; id <= 1005; id++) {
                HostCommand.run(SHORT, "curl", "-sS", "--insecure", "-o", "/dev/null", target.baseUrl() + target.prefix() + id);
            }
            List<String> found = cloud.endpoints().stream().filter(e -> e.startsWith(wanted)).toList();
            if (!found.isEmpty()) {
                return found.getFirst();
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("no endpoint " + wanted + "… reached the cloud in 120 s; the cloud has "
                + cloud.endpoints() + "; the edge's log:\n" + Files.readString(log, UTF_8));
    }

    /** SIGTERM to the edge; its exit status, or -1 when none runs. */
    private static int stopEdge() throws InterruptedException {
        if (edge == null) {
            return -1;
        }
        Process stopping = edge;
        edge = null;
        stopping.destroy();
        if (!stopping.waitFor(60, TimeUnit.SECONDS)) {
            stopping.destroyForcibly().waitFor();
            throw new AssertionError("the edge did not stop within 60 s of SIGTERM");
        }
        return stopping.exitValue();
    }

    private static Map<String, String> digests() throws Exception {
        Map<String, String> digests = new LinkedHashMap<>();
        for (String file : List.of("edge.key", "credential", "edge.properties")) {
            byte[] bytes = Files.readAllBytes(STATE.resolve(file));
            digests.put(file, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        }
        return digests;
    }
}
