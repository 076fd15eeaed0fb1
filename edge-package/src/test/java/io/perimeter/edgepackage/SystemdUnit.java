package io.perimeter.edgepackage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of the {@code [Service]} section of a systemd unit file that decide who a service runs as and with which
 * privileges, and the {@code setpriv} command line that starts its {@code ExecStart} the same way: for hosts where
 * systemd is not PID 1 (this one), so the test runs exactly what systemd would run, as the user and with the
 * capabilities that the unit names.
 */
record SystemdUnit(String execStart, String user, String group, List<String> ambientCapabilities,
                   List<String> boundingSet, boolean noNewPrivileges, boolean unlimitedMemlock) {

    static SystemdUnit read(Path file) {
        Map<String, String> service = new LinkedHashMap<>();
        String section = "";
        try {
            for (String line : Files.readAllLines(file)) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#") || text.startsWith(";")) {
                    continue;
                }
                if (text.startsWith("[")) {
                    section = text;
                } else if (section.equals("[Service]") && text.contains("=")) {
                    service.put(text.substring(0, text.indexOf('=')).strip(), text.substring(text.indexOf('=') + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SystemdUnit(required(service, "ExecStart", file), required(service, "User", file),
                service.getOrDefault("Group", service.get("User")),
                List.of(required(service, "AmbientCapabilities", file).split("\\s+")),
                List.of(required(service, "CapabilityBoundingSet", file).split("\\s+")),
                "yes".equals(service.get("NoNewPrivileges")), "infinity".equals(service.get("LimitMEMLOCK")));
    }

    /**
     * {@code setpriv} running {@code ExecStart} as the unit's user and group, with its capability sets, and
     * {@code prlimit} for {@code LimitMEMLOCK=infinity} when {@code memlockRaisable} (a host without CAP_SYS_RESOURCE,
     * like this sandbox, cannot raise it; kernels from 5.11 on charge BPF memory to the cgroup instead). The unit's
     * file-system sandboxing is not reproduced.
     */
    List<String> setprivCommand(boolean memlockRaisable) {
        List<String> command = new ArrayList<>();
        if (unlimitedMemlock && memlockRaisable) {
            command.addAll(List.of("prlimit", "--memlock=unlimited:unlimited", "--"));
        }
        command.addAll(List.of("setpriv", "--reuid=" + user, "--regid=" + group, "--init-groups",
                "--inh-caps=" + capabilities(ambientCapabilities), "--ambient-caps=" + capabilities(ambientCapabilities),
                "--bounding-set=" + capabilities(boundingSet)));
        if (noNewPrivileges) {
            command.add("--no-new-privs");
        }
        command.add("--");
        command.addAll(List.of(execStart.split("\\s+")));
        return command;
    }

    private static String capabilities(List<String> names) {
        StringBuilder caps = new StringBuilder("-all");
        for (String name : names) {
            caps.append(",+").append(name.toLowerCase(Locale.ROOT).replaceFirst("^cap_", ""));
        }
        return caps.toString();
    }

    private static String required(Map<String, String> service, String key, Path file) {
        String value = service.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(file + " has no " + key + "= in [Service]");
        }
        return value;
    }
}
