package io.perimeter.sensor.capture;

import io.perimeter.sensor.bpf.BpfException;
import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.events.ExecEvent;
import io.perimeter.sensor.events.SensorProgram;
import io.perimeter.sensor.events.TlsProbes;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The running sensor: the kernel program, TLS probes on every TLS library in use, and a capture thread that
 * polls the ring buffer and turns events into {@link ApiCall}s.
 *
 * <p>The call consumer runs on the capture thread: keep it quick, or hand calls to another thread. A failure of the
 * capture thread stops capture and is raised by {@link #close()}. {@link #status()} may be called from any thread.
 */
public final class Sensor implements AutoCloseable {
    private static final Logger LOG = System.getLogger(Sensor.class.getName());
    private static final Duration POLL = Duration.ofMillis(100);
    /** Dynamic loaders map libssl right after exec; runtimes like Python load it later, found by the rescans. */
    private static final long EXEC_SCAN_DELAY_NANOS = Duration.ofMillis(150).toNanos();
    /** Synthetic exchanges replayed at start, enough for the JIT to compile the record path (see warmUp). */
    private static final int WARM_UP_EXCHANGES = 20_000;
    /** How long start waits at most for the JIT to finish compiling what the warm-up made hot. */
    private static final Duration JIT_SETTLE_MAX = Duration.ofSeconds(3);
    private static final Path PROC = Path.of("/proc");
    private static final int ATTACH_ATTEMPTS = 4;
    private static final Duration REATTACH_PAUSE = Duration.ofMillis(100);
    private static final Duration JIT_SETTLE_CHECK = Duration.ofMillis(100);

    private final SensorOptions options;
    private final SensorProgram program;
    private final CaptureStats stats = new CaptureStats();
    private final ConnectionTracker tracker;
    private final TlsLibraryFinder finder = new TlsLibraryFinder();
    private final Map<TlsLibrary.FileKey, TlsProbes> probes = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<TlsLibrary.FileKey, String> probeFailures = Collections.synchronizedMap(new LinkedHashMap<>());
    /** For each probed library, a process that maps it, where its breakpoints are checked. */
    private final Map<TlsLibrary.FileKey, TlsLibrary> witnesses = Collections.synchronizedMap(new LinkedHashMap<>());
    private final ConcurrentLinkedQueue<long[]> execScans = new ConcurrentLinkedQueue<>();
    private final AtomicLong connectionsTracked = new AtomicLong();
    private final long wallOffsetNanos;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean running = true;
    private volatile Throwable failure;
    private volatile SensorStatus finalStatus;

    private Sensor(SensorOptions options, SensorProgram program, Consumer<ApiCall> sink) {
        this.options = options;
        this.program = program;
        // The kernel stamps events with CLOCK_MONOTONIC, as System.nanoTime() reads it on Linux.
        Instant now = Instant.now();
        this.wallOffsetNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano() - System.nanoTime();
        AtomicLong ids = new AtomicLong();
        this.tracker = new ConnectionTracker(options.capture(), sink, ids::incrementAndGet, this::wallClock, stats);
        tracker.onExec(this::execed);
        this.thread = Thread.ofPlatform().name("perimeter-capture").daemon().unstarted(this::run);
    }

    /**
     * Loads and attaches the kernel program, warms up, starts capturing, and probes the TLS libraries in use. The
     * capture thread polls before the first TLS probe is set, so that no burst of plaintext waits for it. The
     * warm-up costs one to two seconds of CPU at start, much of it the JIT's.
     *
     * @throws BpfException with what to do when the kernel, privileges, tracefs or libbpf are missing
     */
    public static Sensor start(SensorOptions options, Consumer<ApiCall> sink) {
        SensorProgram program = SensorProgram.load(options.program());
        Sensor sensor = new Sensor(options, program, sink);
        try {
            warmUp(program, options.capture());
        } catch (RuntimeException e) {
            program.close();
            throw e;
        }
        sensor.thread.start();
        try {
            if (options.probeTls()) {
                sensor.probeTraced();
            }
            return sensor;
        } catch (RuntimeException e) {
            try {
                sensor.close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /**
     * Replays synthetic traffic through the record path into a tracker of its own, whose calls go nowhere (see
     * {@link SensorProgram#warmUp}), then gives the JIT time to compile what became hot: compiled during the first
     * seconds of real traffic instead, that code cost more CPU than the traffic itself. Records the kernel writes
     * meanwhile wait in the ring buffer; no TLS library is probed yet.
     */
    private static void warmUp(SensorProgram program, CaptureSettings settings) {
        AtomicLong ids = new AtomicLong();
        var tracker = new ConnectionTracker(settings, call -> { }, ids::incrementAndGet, nanos -> Instant.EPOCH,
                new CaptureStats());
        program.warmUp(WARM_UP_EXCHANGES, tracker::accept);
        tracker.closeAll(0);
        awaitQuietJit();
    }

    /** Waits until the JIT compilers spent less than a tenth of the last check interval compiling, or at most a bound. */
    private static void awaitQuietJit() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long deadline = System.nanoTime() + JIT_SETTLE_MAX.toNanos();
        long compiled = jit.getTotalCompilationTime();
        try {
            while (System.nanoTime() < deadline) {
                Thread.sleep(JIT_SETTLE_CHECK);
                long now = jit.getTotalCompilationTime();
                if (now - compiled < JIT_SETTLE_CHECK.toMillis() / 10) {
                    return;
                }
                compiled = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A snapshot of the counters and probes; after {@link #close()}, the final one. */
    public SensorStatus status() {
        SensorStatus last = finalStatus;
        return last != null ? last : snapshot();
    }

    private SensorStatus snapshot() {
        List<String> libraries;
        List<String> failures;
        synchronized (probes) {
            libraries = probes.values().stream().map(p -> p.binary().toString()).toList();
        }
        synchronized (probeFailures) {
            failures = List.copyOf(probeFailures.values());
        }
        return new SensorStatus(program.counters(), stats.events(), stats.calls(), stats.callsWithGaps(), stats.dataBytes(),
                connectionsTracked.get(), stats.connectionsOpened(), stats.nonHttpConnections(), stats.evictedIdle(),
                stats.evictedOverCap(), stats.dataWithoutConnection(), stats.pendingTlsBytesDropped(), stats.tlsProbesReset(),
                libraries, failures);
    }

    /**
     * Stops capture, delivers the calls still in flight (unanswered requests flagged as such), detaches everything.
     *
     * @throws IllegalStateException carrying the capture thread's failure, if it failed
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        running = false;
        try {
            if (thread.isAlive()) {
                stopped.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connectionsTracked.set(tracker.size());
            finalStatus = snapshot();
            closeProbes();
            program.close();
        }
        if (failure != null) {
            throw new IllegalStateException("capture failed: " + failure.getMessage(), failure);
        }
    }

    private void run() {
        long nextHousekeeping = System.nanoTime() + 1_000_000_000L;
        long nextRescan = System.nanoTime() + options.rescanEvery().toNanos();
        try {
            while (running) {
                program.poll(POLL, tracker::accept);
                long now = System.nanoTime();
                if (now >= nextHousekeeping) {
                    tracker.expireIdle(now);
                    connectionsTracked.set(tracker.size());
                    nextHousekeeping = now + 1_000_000_000L;
                }
                if (options.probeTls()) {
                    probeExeced(now);
                    if (now >= nextRescan) {
                        probeTraced();
                        nextRescan = now + options.rescanEvery().toNanos();
                    }
                }
            }
            // Drain what the kernel already handed over, then flush.
            while (program.poll(Duration.ZERO, tracker::accept) > 0) {
                // keep draining
            }
            tracker.closeAll(System.nanoTime());
        } catch (Throwable t) {
            failure = t;
            LOG.log(Level.ERROR, "capture stopped", t);
        } finally {
            running = false;
            stopped.countDown();
        }
    }

    /**
     * Probes the TLS libraries of the traced processes (every process, or the one the kernel program is filtered to),
     * and checks that the breakpoints of those already probed are still set.
     */
    private void probeTraced() {
        int only = options.program().filterTgid();
        synchronized (finder) {
            probe(only == 0 ? finder.scanAll() : finder.scan(only));
            List<TlsLibrary> probed;
            synchronized (probes) {
                probed = probes.keySet().stream().map(witnesses::get).filter(Objects::nonNull).toList();
            }
            for (TlsLibrary library : probed) {
                TlsProbes current = probes.get(library.key());
                if (current != null && breakpoints(library, current) == Breakpoints.State.MISSING) {
                    LOG.log(Level.WARNING, "the TLS breakpoints in {0} are gone from process {1}; probing it again",
                            library.path(), library.pid());
                    stats.tlsProbesReset.increment();
                    probes.remove(library.key());
                    closeQuietly(current);
                    probe(List.of(library));
                }
            }
        }
    }

    private void execed(ExecEvent event) {
        if (options.probeTls()) {
            execScans.add(new long[] {event.tgid(), event.timestampNanos() + EXEC_SCAN_DELAY_NANOS});
        }
    }

    private void probeExeced(long now) {
        long[] due;
        while ((due = execScans.peek()) != null && due[1] <= now) {
            execScans.poll();
            synchronized (finder) {
                probe(finder.scan((int) due[0]));
            }
        }
    }

    /** Called holding the finder's lock: the start-up scan and the capture thread's scans may overlap. */
    private void probe(List<TlsLibrary> libraries) {
        for (TlsLibrary library : libraries) {
            if (probes.containsKey(library.key())) {
                witnesses.put(library.key(), library); // a process seen mapping it now: the one to check next
                continue;
            }
            if (probeFailures.containsKey(library.key())) {
                continue;
            }
            try {
                TlsProbes attached = attachChecked(library);
                probes.put(library.key(), attached);
                witnesses.put(library.key(), library);
                LOG.log(Level.INFO, "probing TLS in {0} ({1}) at {2}", library.path(), library.kind(), attached.sites());
            } catch (BpfException e) {
                if (!Files.exists(library.path())) {
                    // Found through /proc/<pid>/root of a process that exited since: the library is not at fault,
                    // and the next scan finds it through another process that maps it.
                    continue;
                }
                probeFailures.put(library.key(), library.path() + ": " + e.getMessage());
                LOG.log(Level.WARNING, "cannot probe TLS in {0}: {1}", library.path(), e.getMessage());
            }
        }
    }

    /**
     * Attaches the probes of a library and reads back, in the process it was found through, that the kernel set
     * their breakpoints; if it did not, detaches and attaches again, a few times (see {@link Breakpoints}). The last
     * attempt stays attached either way, and {@link #probeTraced} checks again at each rescan.
     */
    private TlsProbes attachChecked(TlsLibrary library) {
        for (int attempt = 1; ; attempt++) {
            TlsProbes attached = program.attachTls(library.path(), options.tlsPlacement());
            if (attempt == ATTACH_ATTEMPTS || breakpoints(library, attached) != Breakpoints.State.MISSING) {
                return attached;
            }
            LOG.log(Level.WARNING, "the kernel did not set the TLS breakpoints in {0} (checked in process {1}); "
                    + "attaching again", library.path(), library.pid());
            stats.tlsProbesReset.increment();
            closeQuietly(attached);
            try {
                Thread.sleep(REATTACH_PAUSE.multipliedBy(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return program.attachTls(library.path(), options.tlsPlacement());
            }
        }
    }

    private static Breakpoints.State breakpoints(TlsLibrary library, TlsProbes probes) {
        return Breakpoints.in(PROC, library.pid(), library.device(), library.inode(), probes.fileOffsets());
    }

    private static void closeQuietly(TlsProbes probes) {
        try {
            probes.close();
        } catch (BpfException e) {
            LOG.log(Level.WARNING, "cannot detach the TLS probes of {0}: {1}", probes.binary(), e.getMessage());
        }
    }

    private void closeProbes() {
        List<TlsProbes> attached;
        synchronized (probes) {
            attached = new ArrayList<>(probes.values());
            probes.clear();
        }
        for (TlsProbes p : attached) {
            try {
                p.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "detaching TLS probes of {0}: {1}", p.binary(), e.getMessage());
            }
        }
    }

    private Instant wallClock(long monotonicNanos) {
        long epochNanos = wallOffsetNanos + monotonicNanos;
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }
}
