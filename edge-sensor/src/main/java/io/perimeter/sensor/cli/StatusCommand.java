package io.perimeter.sensor.cli;

import io.perimeter.sensor.bpf.BpfException;
import io.perimeter.sensor.capture.Sensor;
import io.perimeter.sensor.capture.SensorOptions;
import io.perimeter.sensor.capture.SensorStatus;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code status}: checks what capture needs on this host, runs the sensor for a few seconds and prints what it
 * saw (TLS libraries probed, calls, counters, losses). For an operator deciding whether capture works here.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Checks this host for capture, runs the sensor briefly and prints its counters.",
                "Exit code 0: capture works and lost nothing; 1: it works but lost data; 2: it cannot run here."})
final class StatusCommand implements Callable<Integer> {

    @Option(names = "--seconds", defaultValue = "5", description = "how long to capture (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--json", description = "print the counters as one JSON object instead of text")
    boolean json;

    private final PrintStream out;
    private final PrintStream err;

    StatusCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!json) {
            check("kernel BTF (/sys/kernel/btf/vmlinux)", Files.isReadable(Path.of("/sys/kernel/btf/vmlinux")));
            check("tracefs (/sys/kernel/tracing/events)", Files.isDirectory(Path.of("/sys/kernel/tracing/events")));
            check("bpffs (/sys/fs/bpf)", Files.isDirectory(Path.of("/sys/fs/bpf")));
        }
        AtomicLong calls = new AtomicLong();
        Sensor sensor;
        try {
            sensor = Sensor.start(SensorOptions.defaults(), call -> calls.incrementAndGet());
        } catch (BpfException e) {
            err.println("perimeter status: capture cannot run here: " + e.getMessage());
            return 2;
        }
        try {
            Thread.sleep(seconds * 1000L);
        } finally {
            sensor.close();
        }
        SensorStatus status = sensor.status();
        if (json) {
            out.println(StatusJson.write(status));
        } else {
            out.printf("%-40s %s%n", "eBPF programs", "loaded and attached");
            status.tlsLibraries().forEach(lib -> out.printf("%-40s %s%n", "TLS probes", lib));
            status.tlsLibraryFailures().forEach(f -> out.printf("%-40s %s%n", "TLS probes FAILED", f));
            out.printf("%-40s %d in %d s (%d with gaps)%n", "calls captured", status.calls(), seconds, status.callsWithGaps());
            out.printf("%-40s %d%n", "connections seen", status.connectionsOpened());
            status.kernel().forEach((counter, value) -> out.printf("%-40s %d%s%n", "kernel " + counter.name().toLowerCase(java.util.Locale.ROOT),
                    value, counter.countsLoss() && value > 0 ? "  <- data lost" : ""));
            out.printf("%-40s %s%n", "lost anything", status.lostAnything() ? "YES" : "no");
        }
        return status.lostAnything() ? 1 : 0;
    }

    private void check(String what, boolean ok) {
        out.printf("%-40s %s%n", what, ok ? "ok" : "MISSING");
    }
}
