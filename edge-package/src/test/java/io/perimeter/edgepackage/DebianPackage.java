package io.perimeter.edgepackage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** A Debian package on this host, through dpkg: install, query, remove, purge, and a copy under another version. */
record DebianPackage(String name) {
    private static final Duration DPKG = Duration.ofMinutes(3);

    /** {@code dpkg -i}, keeping a changed conffile without asking (as unattended upgrades do). */
    HostCommand install(Path deb) {
        return dpkg("--force-confold", "-i", deb.toString());
    }

    HostCommand remove() {
        return dpkg("--remove", name);
    }

    HostCommand purge() {
        return dpkg("--purge", name);
    }

    /**
     * dpkg, waiting up to two minutes for its lock while another installation on the same machine (an apt-get of
     * another build) holds it; any other failure fails at once.
     */
    private static HostCommand dpkg(String... arguments) {
        String[] command = new String[arguments.length + 1];
        command[0] = "dpkg";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        HostCommand result = HostCommand.run(DPKG, command);
        while (result.exitCode() != 0 && result.output().contains("lock") && System.nanoTime() < deadline) {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for dpkg's lock", e);
            }
            result = HostCommand.run(DPKG, command);
        }
        return result.succeeded();
    }

    /** The installed version, or empty when the package is not installed (configured). */
    String installedVersion() {
        HostCommand query = HostCommand.run(DPKG, "dpkg-query", "-W", "-f=${Status} ${Version}", name);
        if (query.exitCode() != 0 || !query.output().startsWith("install ok installed ")) {
            return "";
        }
        return query.output().substring("install ok installed ".length()).strip();
    }

    /** dpkg's state of the package ("install ok installed", "deinstall ok config-files", ...), or empty. */
    String status() {
        HostCommand query = HostCommand.run(DPKG, "dpkg-query", "-W", "-f=${Status}", name);
        return query.exitCode() == 0 ? query.output().strip() : "";
    }

    /** The package file's version, from its control file. */
    static String version(Path deb) {
        return HostCommand.run(DPKG, "dpkg-deb", "--field", deb.toString(), "Version").succeeded().output().strip();
    }

    /**
     * The same package under {@code version}: unpacked with its modes and maintainer scripts, the control file's
     * version changed, packed again into {@code directory}. An upgrade of the same content, as a newer build gives.
     */
    static Path withVersion(Path deb, String version, Path directory) {
        Path tree = directory.resolve("tree");
        HostCommand.run(DPKG, "dpkg-deb", "-R", deb.toString(), tree.toString()).succeeded();
        Path control = tree.resolve("DEBIAN/control");
        try {
            List<String> lines = Files.readAllLines(control).stream()
                    .map(line -> line.startsWith("Version:") ? "Version: " + version : line).toList();
            Files.write(control, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path upgraded = directory.resolve("upgraded.deb");
        HostCommand.run(DPKG, "dpkg-deb", "--root-owner-group", "-b", tree.toString(), upgraded.toString()).succeeded();
        return upgraded;
    }

    /** The one {@code NAME_*_amd64.deb} the build left in {@code target}. */
    Path builtIn(Path target) {
        try (Stream<Path> files = Files.list(target)) {
            List<Path> debs = files.filter(f -> f.getFileName().toString().matches(name + "_.*_amd64\\.deb")).toList();
            if (debs.size() != 1) {
                throw new AssertionError("expected one " + name + "_*_amd64.deb in " + target + " (built by 'mvn package' "
                        + "of edge-package), found " + debs);
            }
            return debs.getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
