package io.perimeter.quickstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Whether this host lets the edge capture live with eBPF, checked before trying, to say why not in one line. */
final class LiveCapability {
    private LiveCapability() {}

    /** What is missing for live capture, or empty when nothing obvious is. */
    static Optional<String> missing() {
        try {
            if (!Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
                return Optional.of("not root: loading eBPF programs needs root");
            }
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("cannot tell whether this process is root");
        }
        if (!Files.isReadable(Path.of("/sys/kernel/btf/vmlinux"))) {
            return Optional.of("the kernel has no BTF (/sys/kernel/btf/vmlinux)");
        }
        if (!Files.isDirectory(Path.of("/sys/kernel/tracing/events/syscalls"))
                && !Files.isDirectory(Path.of("/sys/kernel/debug/tracing/events/syscalls"))) {
            return Optional.of("tracefs is not mounted (scripts/setup mounts it)");
        }
        return Optional.empty();
    }
}
