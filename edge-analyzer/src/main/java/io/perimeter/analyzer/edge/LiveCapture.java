package io.perimeter.analyzer.edge;

import static java.lang.System.Logger.Level.ERROR;

import io.perimeter.sensor.bpf.BpfException;
import io.perimeter.sensor.capture.CaptureSettings;
import io.perimeter.sensor.capture.Sensor;
import io.perimeter.sensor.capture.SensorOptions;
import io.perimeter.sensor.capture.SensorStatus;
import io.perimeter.sensor.events.SensorProgram;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Live calls from the eBPF {@link Sensor}, filtered by {@link CaptureFilter}, each once even when both ends of its
 * connection are on this host ({@link BothEnds}). The sensor's counters go into every batch,
 * so the control plane sees what capture lost: the kernel's counters under their own names ({@code events_lost},
 * {@code data_bytes_lost}, …) and user space's as {@link #counters()} lists them.
 */
public final class LiveCapture implements CallSource {
    private static final System.Logger LOG = System.getLogger(LiveCapture.class.getName());

    private final SensorOptions options;
    private final CaptureFilter filter;
    private final BothEnds bothEnds = new BothEnds();
    private volatile Sensor sensor;

    /**
     * @param filter   which calls to analyze; a process filter also restricts the kernel program to that process
     * @param bodyCap  bytes of each body kept
     * @param probeTls whether to probe TLS libraries
     */
    public LiveCapture(CaptureFilter filter, int bodyCap, boolean probeTls) {
        SensorProgram.Config program = SensorProgram.Config.defaults();
        if (filter.pid() != null) {
            program = program.withFilterTgid(filter.pid());
        }
        CaptureSettings defaults = CaptureSettings.DEFAULTS;
        this.options = new SensorOptions(program, new CaptureSettings(bodyCap, defaults.idleTimeout(),
                defaults.maxConnections(), defaults.maxPendingTlsBytes()), probeTls, SensorOptions.defaults().rescanEvery());
        this.filter = filter;
    }

    @Override
    public void start(AnalysisQueue queue) {
        try {
            sensor = Sensor.start(options, call -> {
                if (filter.test(call) && bothEnds.test(call)) {
                    queue.offer(call);
                }
            });
        } catch (BpfException e) {
            throw new IllegalStateException("cannot start capture: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Long> counters() {
        Sensor running = sensor;
        if (running == null) {
            return Map.of();
        }
        Map<String, Long> counters = counters(running.status());
        counters.put("calls_seen_at_both_ends", bothEnds.dropped());
        return counters;
    }

    /** The sensor's status as batch counters. */
    static Map<String, Long> counters(SensorStatus status) {
        Map<String, Long> counters = new LinkedHashMap<>();
        status.kernel().forEach((counter, value) -> counters.put(counter.name().toLowerCase(Locale.ROOT), value));
        counters.put("capture_events", status.events());
        counters.put("capture_calls", status.calls());
        counters.put("calls_with_gaps", status.callsWithGaps());
        counters.put("capture_data_bytes", status.dataBytes());
        counters.put("connections_tracked", status.connectionsTracked());
        counters.put("connections_opened", status.connectionsOpened());
        counters.put("non_http_connections", status.nonHttpConnections());
        counters.put("connections_evicted_idle", status.evictedIdle());
        counters.put("connections_evicted_over_cap", status.evictedOverCap());
        counters.put("data_without_connection", status.dataWithoutConnection());
        counters.put("tls_pending_bytes_dropped", status.pendingTlsBytesDropped());
        counters.put("tls_probes_reset", status.tlsProbesReset());
        counters.put("tls_libraries_probed", (long) status.tlsLibraries().size());
        counters.put("tls_library_failures", (long) status.tlsLibraryFailures().size());
        return counters;
    }

    /** The sensor does not report a failed capture thread until it is closed: see {@link #close()}. */
    @Override
    public Optional<String> failure() {
        return Optional.empty();
    }

    /** Stops capture; the calls in flight are delivered first (unanswered requests flagged as such). */
    @Override
    public void close() {
        Sensor running = sensor;
        if (running == null) {
            return;
        }
        try {
            running.close();
        } catch (IllegalStateException e) {
            LOG.log(ERROR, "capture had failed before it was stopped: {0}", e.getMessage());
        }
    }
}
