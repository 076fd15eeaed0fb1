package io.perimeter.analyzer.cli;

import io.perimeter.analyzer.edge.CallSource;
import io.perimeter.analyzer.edge.CaptureFilter;
import io.perimeter.analyzer.edge.EdgeRun;
import io.perimeter.analyzer.edge.EdgeSettings;
import io.perimeter.analyzer.edge.LiveCapture;
import io.perimeter.analyzer.edge.Replay;
import io.perimeter.analyzer.enrollment.CloudEndpoint;
import io.perimeter.analyzer.enrollment.EdgeState;
import io.perimeter.analyzer.spool.SpoolException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code run}: the long-running edge ({@link EdgeRun}): live capture (or a replay of recorded calls), analysis, a batch
 * per window into the spool, and the shipper in the background. Stops cleanly on SIGTERM or Ctrl-C: the last window
 * becomes a final batch, and what the cloud did not take stays spooled for the next start.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the edge: captures API calls on this host (or replays --input files), analyzes them, writes "
                + "a batch every --batch-interval into the spool and ships spooled batches to the cloud.",
                "Needs an enrolled edge ('enroll' first); live capture needs root (or CAP_BPF and CAP_PERFMON). Stops on "
                + "SIGTERM or Ctrl-C (with a final batch), or after --duration.",
                "Every option can also be set in the configuration file: key = the option without its dashes."})
final class RunCommand implements Callable<Integer> {

    /** Read by {@link EdgeConfigFile} before the command runs: the file's values are the options' defaults. */
    @Option(names = EdgeConfigFile.OPTION, paramLabel = "PATH",
            description = "the configuration file (default: " + EdgeConfigFile.DEFAULT_PATH + " if it exists)")
    Path config;

    @Option(names = "--cloud", paramLabel = "URL", description = "the cloud's URL (default: the one the edge enrolled with)")
    String cloud;

    @Option(names = "--state", paramLabel = "DIR", defaultValue = EnrollCommand.DEFAULT_STATE,
            description = "the state directory: enrollment, credential, pseudonym key, spool (default: ${DEFAULT-VALUE})")
    Path state;

    @Option(names = "--batch-interval", paramLabel = "DURATION", defaultValue = "60s",
            description = "how often a batch is written, e.g. 60s, 5m (default: ${DEFAULT-VALUE})")
    Duration batchInterval;

    @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "on stop, how long to keep shipping while the cloud takes batches (default: ${DEFAULT-VALUE})")
    Duration drainTimeout;

    @Option(names = "--duration", paramLabel = "DURATION", description = "stop after this long")
    Duration duration;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE",
            description = "replay a .har file or a .jsonl file of captured calls instead of capturing (repeatable)")
    List<Path> inputs = List.of();

    @Option(names = "--pid", paramLabel = "PID", description = "capture only this process (traced alone in the kernel)")
    Integer pid;

    @Option(names = "--port", split = ",", paramLabel = "PORT",
            description = "analyze only calls with one of these ports on either side (repeatable)")
    List<Integer> ports = List.of();

    @Option(names = "--no-tls", description = "do not probe TLS libraries (plain HTTP only)")
    boolean noTls;

    @Mixin
    AnalysisOptions analysis = new AnalysisOptions();

    private final PrintStream out;
    private final PrintStream err;

    RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
        EdgeSettings settings;
        try {
            settings = new EdgeSettings(EdgeState.at(state), Optional.ofNullable(cloud).map(CloudEndpoint::parse),
                    batchInterval, drainTimeout, Optional.ofNullable(duration), analysis.findingsSettings(),
                    analysis.apiSpec());
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        for (Path input : inputs) {
            if (!Files.isReadable(input)) {
                return fail("cannot read " + input);
            }
        }
        CallSource source = inputs.isEmpty()
                ? new LiveCapture(new CaptureFilter(pid, Set.copyOf(ports)), analysis.bodyCap, !noTls)
                : new Replay(inputs, analysis.bodyCap);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM or Ctrl-C: the hook asks the loop to stop and holds the JVM until the final batch is spooled and the
        // drain is over; the loop's own thread does the work.
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(drainTimeout.toMillis() + 30_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "perimeter-edge-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Optional<String> failure = new EdgeRun(settings, source, out, Clock.systemUTC()).run(stop);
            return failure.map(this::fail).orElse(0);
        } catch (IllegalStateException | SpoolException | UncheckedIOException e) {
            return fail(e.getMessage());
        } finally {
            out.flush();
            err.flush();
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // stopped by a signal: the JVM is exiting anyway
            }
        }
    }

    private int fail(String problem) {
        err.println("perimeter-edge run: " + problem);
        return 2;
    }
}
