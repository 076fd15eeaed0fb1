package io.perimeter.analyzer.bench;

import io.perimeter.analyzer.classification.Classifier;
import io.perimeter.analyzer.discovery.InventorySettings;
import io.perimeter.analyzer.pipeline.Analyzer;
import io.perimeter.analyzer.testing.EdgePipeline;
import io.perimeter.analyzer.testing.TrafficMix;
import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.ApiCallJson;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Calls per second on one thread (so per core) through the analyzer, on the {@link TrafficMix} (4,096 calls of 13
 * APIs, JSON answers of 1–4 KB). The inventory has seen the mix once before measuring, as a running edge has: the
 * steady state, where templates are learned and most work is the per-call walk.
 *
 * <ul>
 *   <li>{@link #captureDecoding}: the baseline — decoding the same calls from the {@code capture} JSON-lines format
 *       ({@link ApiCallJson#read}), i.e. reading each call's bytes once with Jackson, no analysis;
 *   <li>{@link #analyzer}: {@link Analyzer#analyze}: service, path template, query and body schemas, auth scheme,
 *       and the classification of every body field, query value, header, cookie and path parameter;
 *   <li>{@link #analyzerAndFindings}: the whole per-call path of the edge — the above, the caller's pseudonym and
 *       every findings rule ({@link EdgePipeline#observe}). This is the figure the ≥ 20,000 calls/s/core target is
 *       about.
 * </ul>
 *
 * Run with {@code scripts/bench-analyzer}; {@link AnalyzerBenchmarks} prints each against the baseline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AnalyzerThroughput {
    static final int CALLS = 4_096;

    private ApiCall[] calls;
    private String[] lines;
    private Analyzer analyzer;
    private EdgePipeline pipeline;

    @Setup
    public void setUp() {
        calls = TrafficMix.calls(CALLS).toArray(ApiCall[]::new);
        lines = new String[calls.length];
        for (int i = 0; i < calls.length; i++) {
            lines[i] = ApiCallJson.write(calls[i]);
        }
        analyzer = new Analyzer(new Classifier(), InventorySettings.defaults(), Clock.systemUTC());
        pipeline = new EdgePipeline();
        for (ApiCall call : calls) {
            analyzer.analyze(call);
            pipeline.observe(call);
        }
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public void captureDecoding(Blackhole sink, CpuTime cpu) {
        long start = cpu.now();
        for (String line : lines) {
            sink.consume(ApiCallJson.read(line));
        }
        cpu.add(start, CALLS);
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public void analyzer(Blackhole sink, CpuTime cpu) {
        long start = cpu.now();
        for (ApiCall call : calls) {
            sink.consume(analyzer.analyze(call));
        }
        cpu.add(start, CALLS);
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public void analyzerAndFindings(CpuTime cpu) {
        long start = cpu.now();
        for (ApiCall call : calls) {
            pipeline.observe(call);
        }
        cpu.add(start, CALLS);
    }

    /**
     * The benchmark thread's CPU time and the calls it analyzed in it, summed per iteration: on a machine shared with
     * other work the wall-clock score drops when the thread waits for a core, the CPU time per call does not.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        public long cpuNanos;
        public long cpuCalls;

        @Setup(Level.Iteration)
        public void reset() {
            cpuNanos = 0;
            cpuCalls = 0;
        }

        long now() {
            return THREADS.getCurrentThreadCpuTime();
        }

        void add(long start, int calls) {
            cpuNanos += THREADS.getCurrentThreadCpuTime() - start;
            cpuCalls += calls;
        }
    }
}
