package io.perimeter.edgepackage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The air-gapped bundle the build made, {@code perimeter-edge-<version>-linux-amd64.tar.gz}: the same files with the
 * same modes as the Debian package, and its {@code install.sh} into a directory ({@code --root}: install, upgrade,
 * uninstall) and, as root, on this host.
 */
class BundleInstallIT {
    private static final Duration SHORT = Duration.ofSeconds(60);
    private static final Path TARGET = Path.of("target").toAbsolutePath();

    @TempDir
    Path work;
    private Path bundle;

    @BeforeEach
    void unpackBundle() {
        Path tarball = only(TARGET, "perimeter-edge-.*-linux-amd64\\.tar\\.gz");
        HostCommand.run(SHORT, "tar", "-xzf", tarball.toString(), "-C", work.toString()).succeeded();
        bundle = work.resolve(tarball.getFileName().toString().replace(".tar.gz", ""));
        assertThat(bundle.resolve("install.sh")).isExecutable();
    }

    @Test
    void carriesTheDebianPackagesFilesWithTheirModes() {
        Path deb = new DebianPackage("perimeter-edge").builtIn(TARGET);
        Set<String> inPackage = listing("dpkg-deb --fsys-tarfile \"$1\"", deb.toString());
        Set<String> inBundle = listing("tar -C \"$1\" -cf - .", bundle.resolve("root").toString());
        assertThat(inBundle).hasSizeGreaterThan(100).isEqualTo(inPackage);
        assertThat(inBundle).contains("-rwxr-xr-x ./opt/perimeter-edge/runtime/bin/java",
                "-rwxr-xr-x ./opt/perimeter-edge/bin/perimeter-edge", "-rw-r--r-- ./etc/perimeter-edge/edge.conf",
                "-rw-r--r-- ./lib/systemd/system/perimeter-edge.service");
    }

    @Test
    void installsUpgradesAndUninstallsUnderARoot() throws Exception {
        Path root = work.resolve("root");
        install("--root", root.toString());
        Path command = root.resolve("opt/perimeter-edge/bin/perimeter-edge");
        assertThat(HostCommand.run(SHORT, "env", "-i", "PATH=/usr/bin:/bin", command.toString(), "--version")
                .succeeded().output().strip()).isEqualTo("perimeter-edge 0.1.0");
        assertThat(Files.readSymbolicLink(root.resolve("usr/bin/perimeter-edge")))
                .isEqualTo(Path.of("/opt/perimeter-edge/bin/perimeter-edge"));
        assertThat(root.resolve("lib/systemd/system/perimeter-edge.service")).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("var/lib/perimeter-edge"))))
                .isEqualTo("rwx------");

        // An edge that has run: its state, a changed configuration, and a jar the next version no longer has.
        Path key = Files.writeString(root.resolve("var/lib/perimeter-edge/edge.key"), "the edge's pseudonym key");
        Path conf = root.resolve("etc/perimeter-edge/edge.conf");
        Files.writeString(conf, "state = /var/lib/perimeter-edge\nport = 8443\n");
        Path stale = Files.writeString(root.resolve("opt/perimeter-edge/lib/retired-0.0.1.jar"), "old");

        String again = install("--root", root.toString()).output();
        assertThat(stale).as("an upgrade replaces /opt/perimeter-edge whole").doesNotExist();
        assertThat(Files.readString(conf, UTF_8)).isEqualTo("state = /var/lib/perimeter-edge\nport = 8443\n");
        assertThat(root.resolve("etc/perimeter-edge/edge.conf.dist")).hasSameTextualContentAs(
                bundle.resolve("root/etc/perimeter-edge/edge.conf"));
        assertThat(again).contains("kept your");
        assertThat(key).hasContent("the edge's pseudonym key");

        install("--root", root.toString(), "--uninstall");
        assertThat(root.resolve("opt/perimeter-edge")).doesNotExist();
        assertThat(Files.exists(root.resolve("usr/bin/perimeter-edge"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(root.resolve("lib/systemd/system/perimeter-edge.service")).doesNotExist();
        assertThat(conf).as("a changed configuration is kept").exists();
        assertThat(key).as("the state is kept").hasContent("the edge's pseudonym key");
    }

    @Test
    void theCommandStartedByRootRunsWithTheUnitsCapabilities() throws Exception {
        SystemdUnit unit = SystemdUnit.read(bundle.resolve("root/lib/systemd/system/perimeter-edge.service"));
        String line = Files.readAllLines(bundle.resolve("root/opt/perimeter-edge/bin/perimeter-edge")).stream()
                .filter(l -> l.startsWith("capabilities=")).findFirst().orElseThrow();
        Set<String> command = new TreeSet<>(List.of(line.substring("capabilities=".length()).replace("+", "").split(",")));
        Set<String> ambient = new TreeSet<>();
        unit.ambientCapabilities().forEach(c -> ambient.add(c.toLowerCase(Locale.ROOT).replace("cap_", "")));
        assertThat(command).isEqualTo(ambient);
        assertThat(unit.boundingSet()).isEqualTo(unit.ambientCapabilities());
    }

    @Test
    void refusesAnUnknownArgument() {
        HostCommand refused = HostCommand.run(SHORT, bundle.resolve("install.sh").toString(), "--prefix", "/tmp/x");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.output()).contains("unknown argument --prefix");
    }

    /** On this host, as root: the user, the state directory, the command on the PATH, the unit enabled; then removed. */
    @Nested
    @Tag("kernel")
    class OnThisHost {
        private boolean installed;

        @BeforeEach
        void nothingInstalledYet() {
            assertThat(HostCommand.run(SHORT, "id", "-u").output().strip()).as("needs root").isEqualTo("0");
            assertThat(Path.of("/opt/perimeter-edge")).as("an edge is installed on this host already; this test "
                    + "installs and removes its own (dpkg --purge perimeter-edge, or install.sh --uninstall)").doesNotExist();
            assertThat(Path.of("/var/lib/perimeter-edge")).as("remove the state left by an earlier install first")
                    .doesNotExist();
            assertThat(HostCommand.run(SHORT, "getent", "passwd", "perimeter-edge").exitCode())
                    .as("remove the perimeter-edge user left by an earlier install first").isNotZero();
        }

        @AfterEach
        void removeEverything() {
            if (installed) {
                HostCommand.run(SHORT, bundle.resolve("install.sh").toString(), "--uninstall");
                HostCommand.run(SHORT, "rm", "-rf", "/var/lib/perimeter-edge", "/etc/perimeter-edge");
                HostCommand.run(SHORT, "userdel", "perimeter-edge");
                HostCommand.run(SHORT, "groupdel", "perimeter-edge");
            }
        }

        @Test
        void installsTheUserStateAndUnit() throws Exception {
            installed = true;
            install();
            assertThat(HostCommand.run(SHORT, "env", "-i", "PATH=/usr/bin:/bin", "perimeter-edge", "--version")
                    .succeeded().output().strip()).isEqualTo("perimeter-edge 0.1.0");
            assertThat(HostCommand.run(SHORT, "getent", "passwd", "perimeter-edge").succeeded().output())
                    .contains(":/var/lib/perimeter-edge:/usr/sbin/nologin");
            Path state = Path.of("/var/lib/perimeter-edge");
            assertThat(Files.getOwner(state).getName()).isEqualTo("perimeter-edge");
            assertThat(Path.of("/etc/systemd/system/multi-user.target.wants/perimeter-edge.service")).isSymbolicLink();
            HostCommand verify = HostCommand.run(SHORT, "systemd-analyze", "verify",
                    "/lib/systemd/system/perimeter-edge.service");
            assertThat(verify.exitCode()).as(verify.output()).isZero();

            install("--uninstall");
            assertThat(Path.of("/opt/perimeter-edge")).doesNotExist();
            assertThat(Path.of("/etc/systemd/system/multi-user.target.wants/perimeter-edge.service"))
                    .doesNotExist();
            assertThat(state).as("the state is kept").isDirectory();
        }
    }

    private HostCommand install(String... arguments) {
        String[] command = Stream.concat(Stream.of(bundle.resolve("install.sh").toString()), Arrays.stream(arguments))
                .toArray(String[]::new);
        return HostCommand.run(SHORT, command).succeeded();
    }

    /** "mode path" (and "-> target" for a link) of every file of a tar stream that {@code producer} writes. */
    private static Set<String> listing(String producer, String argument) {
        HostCommand list = HostCommand.run(SHORT, "bash", "-c", producer + " | tar -tv", "listing", argument).succeeded();
        Set<String> entries = new TreeSet<>();
        for (String line : list.output().split("\n")) {
            String[] fields = line.strip().split("\\s+", 6);
            if (fields.length == 6 && !fields[0].startsWith("d")) {
                entries.add(fields[0] + " " + fields[5]);
            }
        }
        return entries;
    }

    private static Path only(Path directory, String pattern) {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().matches(pattern)).toList();
            assertThat(found).as("%s in %s (made by the edge-package build)", pattern, directory).hasSize(1);
            return found.getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
