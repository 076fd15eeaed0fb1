package io.perimeter.analyzer.bench;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link AnalyzerThroughput} with JMH (any JMH option may be given: {@code -f 2}, {@code -prof jfr}, …) and
 * prints each benchmark as calls/s/core and as a ratio to the baseline measured in the same run, and the target.
 * Exits 0 whether or not the target is met: benchmarks report, they do not judge.
 */
public final class AnalyzerBenchmarks {
    static final double TARGET_CALLS_PER_SECOND = 20_000;

    private AnalyzerBenchmarks() {}

    /** Calls per second of the benchmark thread's CPU time, from the {@link AnalyzerThroughput.CpuTime} counters. */
    static double perCpuSecond(RunResult run) {
        Map<String, Result> counters = run.getSecondaryResults();
        Result<?> nanos = counters.get("cpuNanos");
        Result<?> calls = counters.get("cpuCalls");
        return nanos == null || calls == null ? Double.NaN : calls.getScore() / (nanos.getScore() / 1e9);
    }

    public static void main(String[] args) throws Exception {
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(AnalyzerThroughput.class.getName())
                .build();
        Collection<RunResult> runs = new Runner(options).run();
        Map<String, RunResult> byName = new TreeMap<>();
        for (RunResult run : runs) {
            String name = run.getParams().getBenchmark();
            byName.put(name.substring(name.lastIndexOf('.') + 1), run);
        }
        RunResult baseline = byName.get("captureDecoding");
        System.out.println();
        System.out.println("Analyzer throughput on one thread; baseline: decoding the same calls from capture JSON lines");
        System.out.printf(Locale.ROOT, "%-22s %12s %12s %18s %10s %s%n", "benchmark", "calls/s", "± (99.9%)",
                "calls/CPU-second", "ratio", "target (calls/CPU-second >= 20,000)");
        for (Map.Entry<String, RunResult> e : byName.entrySet()) {
            Result<?> wall = e.getValue().getPrimaryResult();
            double perCpuSecond = perCpuSecond(e.getValue());
            String target = e.getKey().equals("analyzerAndFindings")
                    ? perCpuSecond >= TARGET_CALLS_PER_SECOND ? "met" : "missed" : "";
            System.out.printf(Locale.ROOT, "%-22s %,12.0f %,12.0f %,18.0f %10.3f %s%n", e.getKey(), wall.getScore(),
                    wall.getScoreError(), perCpuSecond, baseline == null ? Double.NaN : perCpuSecond / perCpuSecond(baseline),
                    target);
        }
        System.out.println("calls/s is JMH's wall-clock score; calls/CPU-second divides the calls by the benchmark thread's "
                + "CPU time (the per-core rate, unaffected by waiting for a core). The ratio is of calls/CPU-second.");
    }
}
