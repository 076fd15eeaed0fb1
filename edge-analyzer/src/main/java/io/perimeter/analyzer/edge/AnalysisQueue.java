package io.perimeter.analyzer.edge;

import static java.lang.System.Logger.Level.WARNING;

import io.perimeter.analyzer.pipeline.TrafficAnalysis;
import io.perimeter.sensor.call.ApiCall;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hands calls from their source to the analysis, which runs on a thread of its own: the sensor's capture thread must
 * go back to the ring buffer at once, or the kernel starts dropping events. The queue is bounded; a live source that
 * finds it full drops the call and counts it ({@code calls_dropped_backlog}), a recorded source waits instead.
 *
 * <p>A call whose analysis throws is counted ({@code analysis_errors}) and logged by exception class only (a message
 * could quote the traffic); analysis goes on with the next call. Thread-safe.
 */
public final class AnalysisQueue {
    private static final System.Logger LOG = System.getLogger(AnalysisQueue.class.getName());

    private final TrafficAnalysis analysis;
    private final BlockingQueue<ApiCall> calls;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Thread worker;
    private volatile boolean finishing;

    /**
     * @param analysis where calls go
     * @param capacity calls that may wait for analysis
     */
    public AnalysisQueue(TrafficAnalysis analysis, int capacity) {
        this.analysis = analysis;
        this.calls = new ArrayBlockingQueue<>(capacity);
        this.worker = Thread.ofPlatform().name("perimeter-analysis").daemon().unstarted(this::run);
    }

    /** Starts the analysis thread. */
    public void start() {
        worker.start();
    }

    /** Queues a call without waiting: when the queue is full, the call is dropped and counted. */
    public void offer(ApiCall call) {
        if (finishing || !calls.offer(call)) {
            dropped.increment();
        }
    }

    /** Queues a call, waiting for room. */
    public void put(ApiCall call) throws InterruptedException {
        calls.put(call);
    }

    /**
     * Analyzes what is queued and stops the thread: call once the sources are stopped, before the last batch, so that
     * it holds every call they delivered.
     */
    public void finish() throws InterruptedException {
        finishing = true;
        worker.join();
    }

    /** {@code calls_dropped_backlog} and {@code analysis_errors}. */
    public Map<String, Long> counters() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("calls_dropped_backlog", dropped.sum());
        counters.put("analysis_errors", errors.sum());
        return counters;
    }

    private void run() {
        try {
            while (true) {
                ApiCall call = calls.poll(100, TimeUnit.MILLISECONDS);
                if (call != null) {
                    analyze(call);
                } else if (finishing) {
                    return; // empty, and the sources stopped before finish(): nothing more will come
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void analyze(ApiCall call) {
        try {
            analysis.observe(call);
        } catch (RuntimeException e) {
            errors.increment();
            LOG.log(WARNING, "a call could not be analyzed ({0}); {1,number,#} so far", e.getClass().getName(), errors.sum());
        }
    }
}
