package io.perimeter.analyzer.edge;

import io.perimeter.analyzer.batch.BatchWriter;
import io.perimeter.analyzer.enrollment.CloudEndpoint;
import io.perimeter.analyzer.enrollment.EdgeState;
import io.perimeter.analyzer.enrollment.Enrollment;
import io.perimeter.analyzer.pipeline.TrafficAnalysis;
import io.perimeter.analyzer.redaction.EdgeKey;
import io.perimeter.analyzer.redaction.Pseudonymizer;
import io.perimeter.analyzer.shipper.Shipper;
import io.perimeter.analyzer.shipper.ShipperStatus;
import io.perimeter.analyzer.spool.Spool;
import io.perimeter.analyzer.spool.SpoolSettings;
import io.perimeter.contract.PerimeterContract;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The long-running edge: a call source (live capture or a replay) feeds the analysis; every batch interval the window
 * is closed into a contract batch that is spooled durably; the shipper sends spooled batches to the cloud in the
 * background, with its retries and backoff. On stop, the source is stopped, every call it delivered is analyzed, the
 * last window becomes a final batch, and the shipper gets up to the drain timeout to send what is spooled while the
 * cloud takes it. What is not sent stays in the spool and goes out on the next start.
 *
 * <p>Progress goes to {@code progress}, a line or two per window: counts, batch ids and the shipper's state, never a
 * value of a call.
 */
public final class EdgeRun {
    /**
     * Calls waiting for analysis. Memory bounds it: with both bodies at the default 64 KiB cap that is 128 MiB at worst,
     * a few MiB with typical 1-4 KB calls; at the analysis's rate of tens of thousands of calls per second it absorbs
     * bursts, and what does not fit is counted ({@code calls_dropped_backlog}).
     */
    private static final int QUEUE_CAPACITY = 1024;
    /** How often the loop looks at the source between windows (a replay that failed, a deadline). */
    private static final Duration LOOK = Duration.ofSeconds(1);
    private static final Duration DRAIN_POLL = Duration.ofMillis(50);

    private final EdgeSettings settings;
    private final CallSource source;
    private final PrintStream progress;
    private final Clock clock;

    public EdgeRun(EdgeSettings settings, CallSource source, PrintStream progress, Clock clock) {
        this.settings = settings;
        this.source = source;
        this.progress = progress;
        this.clock = clock;
    }

    /**
     * Runs until {@code stop} is counted down, the settings' {@code stopAfter} has passed, or the source fails.
     *
     * @return why the edge stopped early, if the source failed
     * @throws IllegalStateException       if the edge is not enrolled, its credential file is open to others, or the
     *                                     source cannot start, with what to do
     * @throws io.perimeter.analyzer.spool.SpoolException if the spool cannot be opened (locked by another edge, damaged)
     */
    public Optional<String> run(CountDownLatch stop) throws InterruptedException {
        EdgeState state = settings.state();
        Enrollment enrollment = state.enrollment().orElseThrow(() -> new IllegalStateException("this edge is not "
                + "enrolled (nothing in " + state.directory() + "): run 'perimeter-edge enroll --token TOKEN --cloud URL' first"));
        state.checkCredentialFile();
        CloudEndpoint cloud = settings.cloud().orElse(enrollment.cloud());
        var analysis = new TrafficAnalysis(new Pseudonymizer(EdgeKey.loadOrCreate(state.edgeKeyFile())),
                settings.findings(), settings.spec());
        var queue = new AnalysisQueue(analysis, QUEUE_CAPACITY);
        try (Spool spool = Spool.open(state.spoolDirectory(), SpoolSettings.DEFAULTS);
             Shipper shipper = Shipper.builder(cloud.ingest(), state::credential, spool).build()) {
            progress.printf("perimeter-edge %s: edge %s of tenant %s, shipping to %s, a batch every %s; %d batches waiting "
                            + "in the spool%n", EdgeVersion.VALUE, enrollment.edgeId(), enrollment.tenant(), cloud,
                    readable(settings.batchInterval()), spool.stats().queuedBatches());
            shipper.start();
            source.start(queue); // first: if it cannot start, there is no analysis thread to stop
            queue.start();
            var batcher = new WindowBatcher(enrollment.batchEdgeId(), analysis, queue, source,
                    new BatchWriter(new PerimeterContract()), spool, shipper, clock);
            try {
                return closeWindowsUntilStopped(stop, batcher);
            } finally {
                source.close();
                queue.finish();
                progress.println(batcher.close().progress());
                drain(shipper, spool);
            }
        }
    }

    /** Closes a window every batch interval until stopped; returns the source's failure if it failed. */
    private Optional<String> closeWindowsUntilStopped(CountDownLatch stop, WindowBatcher batcher)
            throws InterruptedException {
        Optional<Instant> deadline = settings.stopAfter().map(clock.instant()::plus);
        while (true) {
            Instant now = clock.instant();
            Instant windowEnd = batcher.windowStart().plus(settings.batchInterval());
            if (deadline.isPresent() && !now.isBefore(deadline.get())) {
                return Optional.empty();
            }
            Instant wake = earliest(windowEnd, now.plus(LOOK), deadline.orElse(windowEnd));
            if (stop.await(Math.max(0, Duration.between(now, wake).toMillis()), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
            Optional<String> failure = source.failure();
            if (failure.isPresent()) {
                return failure;
            }
            if (!clock.instant().isBefore(windowEnd)) {
                progress.println(batcher.close().progress());
            }
        }
    }

    /**
     * Gives the shipper up to the drain timeout to send what is spooled, as long as the cloud takes it: once an attempt
     * fails (or shipping is paused), waiting longer would only delay the stop, and the spool keeps the batches.
     */
    private void drain(Shipper shipper, Spool spool) throws InterruptedException {
        Instant deadline = clock.instant().plus(settings.drainTimeout());
        while (spool.stats().queuedBatches() > 0 && clock.instant().isBefore(deadline)) {
            ShipperStatus status = shipper.status();
            if (status.pausedForCredential() || status.consecutiveFailures() > 0) {
                break;
            }
            Thread.sleep(DRAIN_POLL);
        }
        long left = spool.stats().queuedBatches();
        progress.println(left == 0 ? "perimeter-edge stopped: every batch was shipped"
                : "perimeter-edge stopped: " + left + " batches stay in the spool and are shipped on the next start");
    }

    private static Instant earliest(Instant a, Instant b, Instant c) {
        Instant min = a.isBefore(b) ? a : b;
        return min.isBefore(c) ? min : c;
    }

    /** {@code 60 s}, {@code 500 ms}, {@code 5 min}: how the batch interval reads in the progress. */
    static String readable(Duration duration) {
        if (duration.toMillis() % 60_000 == 0) {
            return duration.toMinutes() + " min";
        }
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
