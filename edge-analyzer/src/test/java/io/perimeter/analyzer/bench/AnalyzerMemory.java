package io.perimeter.analyzer.bench;

import io.perimeter.analyzer.classification.Classifier;
import io.perimeter.analyzer.discovery.Endpoint;
import io.perimeter.analyzer.discovery.Inventory;
import io.perimeter.analyzer.discovery.InventorySettings;
import io.perimeter.analyzer.discovery.SchemaLimits;
import io.perimeter.analyzer.discovery.Service;
import io.perimeter.analyzer.discovery.TemplaterSettings;
import io.perimeter.analyzer.pipeline.Analyzer;
import io.perimeter.analyzer.testing.TrafficMix;
import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.Header;
import io.perimeter.sensor.call.Headers;
import io.perimeter.sensor.call.HttpRequest;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The heap retained by the analyzer's state ({@link Analyzer}: the inventory with its templates, schemas, data classes,
 * counts and histograms) holding 100,000 endpoints of many services, against a baseline measured in the same run: the
 * same endpoints' names ({@code host:port METHOD template}) as strings in a {@link HashSet}, the least any inventory of
 * them keeps. Each size is the heap used after a full GC (run it with {@code -XX:+UseSerialGC}, where that figure is
 * exact) with the state alive, minus the same before it was built. The findings engine is left out: its state has caps
 * of its own ({@code FindingsSettings}) that do not grow with endpoints.
 *
 * <p>The services are copies of the 13 APIs of the {@link TrafficMix} under distinct host names, each fed the mix's
 * calls to its API, so every copy learns the same templates and JSON schemas (1–4 KB answers). The inventory caps are
 * raised to hold them all ({@code raised}, the default argument); a run with the default caps ({@code defaults}) shows
 * where those bound the same traffic. One JVM per run, and the snapshot read in a method of its own: a loop variable
 * left holding part of a snapshot made later measurements in the same JVM wrong by tens of megabytes.
 *
 * <p>A scripted run, not a test: {@code scripts/bench-analyzer memory}.
 */
public final class AnalyzerMemory {
    static final int TARGET_ENDPOINTS = 100_000;
    static final int MIX_CALLS = 1_500;

    private AnalyzerMemory() {}

    public static void main(String[] args) {
        List<ApiCall> mix = TrafficMix.calls(MIX_CALLS);
        int perCopy = endpointsOf(feed(analyzer(InventorySettings.defaults()), mix, 1).snapshot());
        int copies = (TARGET_ENDPOINTS + perCopy - 1) / perCopy;
        System.out.printf(Locale.ROOT, "mix: %,d calls of 13 APIs, %d endpoints; %,d copies of it under distinct hosts, %,d calls%n",
                mix.size(), perCopy, copies, (long) copies * mix.size());

        InventorySettings defaults = InventorySettings.defaults();
        var raised = new InventorySettings(20_000, defaults.maxEndpointsPerService(), 250_000,
                defaults.maxContentTypesPerEndpoint(), defaults.maxCredentialNamesPerEndpoint(), 5_000_000, 50_000_000,
                TemplaterSettings.defaults(), SchemaLimits.defaults());
        String caps = args.length == 0 ? "raised" : args[0];
        switch (caps) {
            case "raised" -> measure("caps raised to hold them", raised, mix, copies);
            case "defaults" -> measure("default caps", defaults, mix, copies);
            default -> throw new IllegalArgumentException("caps: raised or defaults, not " + caps);
        }
    }

    private static void measure(String label, InventorySettings settings, List<ApiCall> mix, int copies) {
        long before = usedAfterGc();
        Analyzer analyzer = feed(analyzer(settings), mix, copies);
        long state = usedAfterGc() - before;

        Counts counts = counts(analyzer);
        List<String> names = counts.names();
        int endpoints = names.size();
        int services = counts.services();
        long calls = counts.calls();
        long unattributed = counts.unattributed();
        long beforeBaseline = usedAfterGc();
        Set<String> baseline = new HashSet<>();
        for (String name : names) {
            baseline.add(new String(name.toCharArray())); // a copy: the names list stays alive in both measurements
        }
        long baselineBytes = usedAfterGc() - beforeBaseline;

        System.out.printf(Locale.ROOT, "%n%s: %,d services, %,d endpoints kept, %,d of %,d calls not attributed to one%n",
                label, services, endpoints, unattributed, calls);
        System.out.printf(Locale.ROOT, "  analyzer state: %,.1f MB, %,.0f bytes per endpoint%n", state / 1e6,
                (double) state / endpoints);
        System.out.printf(Locale.ROOT, "  baseline (endpoint names in a HashSet): %,.1f MB, %,.0f bytes per endpoint%n",
                baselineBytes / 1e6, (double) baselineBytes / baseline.size());
        System.out.printf(Locale.ROOT, "  ratio to baseline: %.1f%n", (double) state / baselineBytes);
        if (analyzer.hashCode() == baseline.hashCode() + names.size()) {
            System.out.print(""); // keeps all three alive up to here
        }
    }

    private record Counts(List<String> names, int services, long calls, long unattributed) {}

    /**
     * The endpoint names and counts of the analyzer's inventory, read in a method of their own: once it returns, no
     * local variable (the last service of a loop, say) keeps part of the snapshot alive into the baseline's measurement.
     */
    private static Counts counts(Analyzer analyzer) {
        Inventory inventory = analyzer.snapshot();
        long calls = 0;
        long unattributed = 0;
        List<String> names = new ArrayList<>();
        for (Service service : inventory.services()) {
            calls += service.calls();
            unattributed += service.unattributedCalls();
            for (Endpoint endpoint : service.endpoints()) {
                names.add(service.key().host() + ":" + service.key().port() + " " + endpoint.method() + " " + endpoint.template());
            }
        }
        return new Counts(names, inventory.services().size(), calls, unattributed);
    }

    private static Analyzer analyzer(InventorySettings settings) {
        return new Analyzer(new Classifier(), settings, Clock.systemUTC());
    }

    /** Feeds {@code mix} to {@code analyzer} once per copy, copy {@code c} under hosts prefixed {@code c<c>-}. */
    private static Analyzer feed(Analyzer analyzer, List<ApiCall> mix, int copies) {
        for (int c = 0; c < copies; c++) {
            for (ApiCall call : mix) {
                analyzer.analyze(c == 0 ? call : onHostCopy(call, c));
            }
        }
        return analyzer;
    }

    private static ApiCall onHostCopy(ApiCall call, int copy) {
        HttpRequest r = call.request();
        List<Header> headers = new ArrayList<>(r.headers().fields().size());
        for (Header h : r.headers().fields()) {
            headers.add(h.name().equals("Host") ? new Header("Host", "c" + copy + "-" + h.value()) : h);
        }
        var request = new HttpRequest(r.method(), r.target(), r.version(), new Headers(headers), r.body());
        return new ApiCall(call.id(), call.started(), call.duration(), call.client(), call.server(), call.process(),
                call.observedSide(), call.tls(), request, call.response(), call.flags());
    }

    private static int endpointsOf(Inventory inventory) {
        return inventory.services().stream().mapToInt(s -> s.endpoints().size()).sum();
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
