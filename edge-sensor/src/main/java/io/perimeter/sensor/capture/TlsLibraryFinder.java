package io.perimeter.sensor.capture;

import io.perimeter.sensor.events.ElfImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the TLS libraries that running processes use, by reading {@code /proc/<pid>/maps}: every mapped
 * {@code libssl.so*}, and every process executable that exports OpenSSL's {@code SSL_write}/{@code SSL_read}
 * (Node.js links OpenSSL statically and exports it). Executables are checked once per file identity.
 *
 * <p>Not thread-safe.
 */
public final class TlsLibraryFinder {
    static final Set<String> SSL_FUNCTIONS = Set.of("SSL_write", "SSL_read");
    private final Path proc;
    private final Map<TlsLibrary.FileKey, Boolean> executablesChecked = new HashMap<>();

    public TlsLibraryFinder() {
        this(Path.of("/proc"));
    }

    TlsLibraryFinder(Path proc) {
        this.proc = proc;
    }

    /** Scans every process now. Processes that exit during the scan are passed over. */
    public List<TlsLibrary> scanAll() {
        Map<TlsLibrary.FileKey, TlsLibrary> found = new LinkedHashMap<>();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> isPid(p.getFileName().toString()))) {
            for (Path pid : pids) {
                scan(pid, found);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + proc, e);
        }
        return List.copyOf(found.values());
    }

    /** Scans one process, e.g. right after it was exec'd. */
    public List<TlsLibrary> scan(int pid) {
        Map<TlsLibrary.FileKey, TlsLibrary> found = new LinkedHashMap<>();
        scan(proc.resolve(Integer.toString(pid)), found);
        return List.copyOf(found.values());
    }

    private void scan(Path pidDir, Map<TlsLibrary.FileKey, TlsLibrary> found) {
        Path root = pidDir.resolve("root");
        int pid = Integer.parseInt(pidDir.getFileName().toString());
        try {
            for (String line : Files.readAllLines(pidDir.resolve("maps"))) {
                int slash = line.indexOf('/');
                if (slash < 0 || line.endsWith(" (deleted)")) {
                    continue;
                }
                String mapped = line.substring(slash);
                String name = mapped.substring(mapped.lastIndexOf('/') + 1);
                if (name.startsWith("libssl.so")) {
                    add(root.resolve(mapped.substring(1)), "shared-libssl", pid, found);
                }
            }
            Path exe = pidDir.resolve("exe").toRealPath();
            Path inRoot = root.resolve(exe.toString().substring(1));
            TlsLibrary.FileKey key = key(inRoot);
            if (key != null && executablesChecked.computeIfAbsent(key, k -> exportsSsl(inRoot))) {
                add(inRoot, "static-openssl", pid, found);
            }
        } catch (NoSuchFileException | SecurityException e) {
            // the process exited, or is a kernel thread without an executable
        } catch (IOException e) {
            // unreadable maps (a process in the middle of exiting): nothing to probe
        }
    }

    private static void add(Path path, String kind, int pid, Map<TlsLibrary.FileKey, TlsLibrary> found) {
        TlsLibrary.FileKey key = key(path);
        if (key != null) {
            found.putIfAbsent(key, new TlsLibrary(path, key.device(), key.inode(), kind, pid));
        }
    }

    private static boolean exportsSsl(Path file) {
        try {
            return ElfImage.read(file).map(elf -> elf.exportedFunctions(SSL_FUNCTIONS).keySet().containsAll(SSL_FUNCTIONS))
                    .orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    private static TlsLibrary.FileKey key(Path path) {
        try {
            Object device = Files.getAttribute(path, "unix:dev");
            Object inode = Files.getAttribute(path, "unix:ino");
            return new TlsLibrary.FileKey(((Number) device).longValue(), ((Number) inode).longValue());
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static boolean isPid(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
