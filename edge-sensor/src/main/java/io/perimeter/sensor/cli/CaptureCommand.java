package io.perimeter.sensor.cli;

import io.perimeter.sensor.bpf.BpfException;
import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.ApiCallJson;
import io.perimeter.sensor.capture.CaptureSettings;
import io.perimeter.sensor.capture.Sensor;
import io.perimeter.sensor.capture.SensorOptions;
import io.perimeter.sensor.capture.SensorStatus;
import io.perimeter.sensor.events.SensorProgram;
import io.perimeter.sensor.events.TlsProbePlacement;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code capture}: like tcpdump for API calls. Prints each captured call as one JSON line on standard output.
 * For operators on the host only: the lines hold raw values, and nothing of this command is shipped.
 */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Prints each API call seen on this host as one JSON line (raw values: for this host only).",
                "Needs root (or CAP_BPF and CAP_PERFMON). Stops on Ctrl-C, after --count calls or after --duration."})
final class CaptureCommand implements Callable<Integer> {

    @Option(names = "--pid", description = "only calls of this process (traced alone in the kernel, TLS probes set "
            + "in this process only)")
    Integer pid;

    @Option(names = "--port", description = "only calls with this port on either side")
    Integer port;

    @Option(names = "--host", description = "only calls to this host (Host header or server IP)")
    String host;

    @Option(names = "--count", description = "stop after this many calls")
    Long count;

    @Option(names = "--duration", description = "stop after this many seconds")
    Long seconds;

    @Option(names = "--body-cap", defaultValue = "65536", description = "bytes of each body kept (default: ${DEFAULT-VALUE})")
    int bodyCap;

    @Option(names = "--ring-buffer-mib", description = "size of the kernel's ring buffer in MiB, a power of two "
            + "(default: " + SensorProgram.Config.DEFAULT_RING_BUFFER_MIB + "); larger rides out longer bursts")
    Integer ringBufferMib;

    @Option(names = "--no-tls", description = "do not probe TLS libraries (plain HTTP only)")
    boolean noTls;

    @Option(names = "--tls-probes", defaultValue = "AUTO", description = "where TLS probes go: AUTO (the exported "
            + "SSL_read/SSL_write functions, or the one function both forms of a call go through when the kernel traps "
            + "it more cheaply) or EXPORTED (always the exported functions); default: ${DEFAULT-VALUE}")
    TlsProbePlacement tlsProbes;

    @Option(names = "--stats", description = "print the sensor's counters as JSON on standard error at the end")
    boolean stats;

    @Option(names = "--quiet", description = "print no calls, only count them (with --stats: for measurements)")
    boolean quiet;

    /** The largest power of two whose size in bytes is an int, as the kernel takes a ring buffer's size. */
    private static final int MAX_RING_BUFFER_MIB = 1024;

    private final PrintStream out;
    private final PrintStream err;

    CaptureCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
        var filter = new CallFilter(pid, port, host);
        SensorProgram.Config program = SensorProgram.Config.defaults();
        if (pid != null) {
            program = program.withFilterTgid(pid);
        }
        if (ringBufferMib != null) {
            if (ringBufferMib < 1 || ringBufferMib > MAX_RING_BUFFER_MIB || Integer.bitCount(ringBufferMib) != 1) {
                err.println("perimeter capture: --ring-buffer-mib must be a power of two from 1 to " + MAX_RING_BUFFER_MIB);
                return 2;
            }
            program = program.withRingBufferBytes(ringBufferMib * 1024 * 1024);
        }
        var options = new SensorOptions(program,
                new CaptureSettings(bodyCap, CaptureSettings.DEFAULTS.idleTimeout(), CaptureSettings.DEFAULTS.maxConnections(),
                        CaptureSettings.DEFAULTS.maxPendingTlsBytes()),
                !noTls, SensorOptions.defaults().rescanEvery(), tlsProbes);
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong printed = new AtomicLong();
        Sensor sensor;
        try {
            sensor = Sensor.start(options, call -> print(call, filter, printed, done));
        } catch (BpfException e) {
            err.println("perimeter capture: " + e.getMessage());
            return 2;
        }
        // Ctrl-C or SIGTERM: let the main thread close the sensor (flushing calls in flight) and print the counters
        // before the JVM halts.
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            done.countDown();
            try {
                finished.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (seconds != null) {
                done.await(seconds, TimeUnit.SECONDS);
            } else {
                done.await();
            }
        } finally {
            sensor.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the JVM is exiting anyway
            }
        }
        SensorStatus status = sensor.status();
        if (stats) {
            err.println(StatusJson.write(status));
        }
        if (status.lostAnything()) {
            err.println("perimeter capture: some traffic was not captured; run with --stats for the counters");
        }
        out.flush();
        err.flush();
        finished.countDown();
        return 0;
    }

    private void print(ApiCall call, CallFilter filter, AtomicLong printed, CountDownLatch done) {
        if (done.getCount() == 0 || !filter.test(call)) {
            return;
        }
        if (!quiet) {
            out.println(ApiCallJson.write(call));
            out.flush();
        }
        if (count != null && printed.incrementAndGet() >= count) {
            done.countDown();
        }
    }

}
