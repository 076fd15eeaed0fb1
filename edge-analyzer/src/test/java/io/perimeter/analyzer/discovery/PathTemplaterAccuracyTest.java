package io.perimeter.analyzer.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.sensor.call.ApiCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Measures path templating against the ground truth of {@link GroundTruthCorpus}: every sampled call
 * goes through an {@link InventoryBuilder} (as in production), then
 *
 * <ul>
 *   <li><b>template precision</b>: of the distinct templates in the inventory snapshot, the share equal
 *       to a truth template (all placeholders compare equal);
 *   <li><b>template recall</b>: of the truth templates that got traffic, the share found;
 *   <li><b>calls mapped (final)</b>: the share of calls whose path, re-templated with the final trie,
 *       equals its truth template — what the inventory counts them under;
 *   <li><b>calls mapped (online)</b>: the same with the template returned when the call was observed,
 *       before later merges.
 * </ul>
 *
 * Prints the table, writes it with the errors to {@code target/discovery-accuracy.md} and asserts the
 * thresholds below, which are what the defaults reach (see docs/discovery.md).
 */
class PathTemplaterAccuracyTest {

    static final long SEED = 20_261_122L;
    static final double MIN_PRECISION = 0.78;
    static final double MIN_RECALL = 0.95;
    static final double MIN_CALLS_FINAL = 0.99;
    static final double MIN_CALLS_ONLINE = 0.98;
    private static final Path REPORT = Path.of("target/discovery-accuracy.md");

    record Row(String service, int truth, int discovered, int correct, long calls, long finalOk, long onlineOk,
            List<String> wrong, List<String> missed) {
        double precision() {
            return discovered == 0 ? 1 : (double) correct / discovered;
        }

        double recall() {
            return truth == 0 ? 1 : (double) correct / truth;
        }
    }

    @Test
    void templatesAndCallsMatchTheGroundTruth() throws IOException {
        List<Row> rows = measure(TemplaterSettings.defaults());
        String table = table(rows);
        System.out.println(table);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, table + "\n" + errors(rows));

        Row total = total(rows);
        assertThat(total.precision()).as("template precision").isGreaterThanOrEqualTo(MIN_PRECISION);
        assertThat(total.recall()).as("template recall").isGreaterThanOrEqualTo(MIN_RECALL);
        assertThat((double) total.finalOk() / total.calls()).as("calls mapped (final)").isGreaterThanOrEqualTo(MIN_CALLS_FINAL);
        assertThat((double) total.onlineOk() / total.calls()).as("calls mapped (online)").isGreaterThanOrEqualTo(MIN_CALLS_ONLINE);
    }

    /**
     * Varies one knob at a time around the defaults (and, with the defaults, the traffic's seed) and prints
     * the totals, so that docs/discovery.md can show how sensitive the result is. Asserts only that no variant collapses (calls mapped ≥ 0.95).
     */
    @Test
    void knobsAroundTheDefaults() throws IOException {
        TemplaterSettings d = TemplaterSettings.defaults();
        Map<String, TemplaterSettings> variants = new LinkedHashMap<>();
        variants.put("defaults", d);
        variants.put("seed=1", d); // other traffic from the same APIs
        variants.put("seed=2", d);
        for (int n : new int[] {6, 8, 14, 20}) {
            variants.put("mergeThreshold=" + n, new TemplaterSettings(n, d.codeMergeThreshold(), d.lightHits(),
                    d.lightFraction(), d.maxLiteralChildren(), d.maxNodes(), d.maxDepth(), d.splitShare(), d.minSplitHits(),
                    d.maxSplitsPerNode(), d.heavyValues()));
        }
        for (double f : new double[] {0.3, 0.7}) {
            variants.put("lightFraction=" + f, new TemplaterSettings(d.mergeThreshold(), d.codeMergeThreshold(),
                    d.lightHits(), f, d.maxLiteralChildren(), d.maxNodes(), d.maxDepth(), d.splitShare(), d.minSplitHits(),
                    d.maxSplitsPerNode(), d.heavyValues()));
        }
        variants.put("lightHits=1", new TemplaterSettings(d.mergeThreshold(), d.codeMergeThreshold(), 1,
                d.lightFraction(), d.maxLiteralChildren(), d.maxNodes(), d.maxDepth(), d.splitShare(), d.minSplitHits(),
                d.maxSplitsPerNode(), d.heavyValues()));
        variants.put("no code rule", new TemplaterSettings(d.mergeThreshold(), 1_000, d.lightHits(),
                d.lightFraction(), d.maxLiteralChildren(), d.maxNodes(), d.maxDepth(), d.splitShare(), d.minSplitHits(),
                d.maxSplitsPerNode(), d.heavyValues()));
        for (int cap : new int[] {16, 32, 128}) {
            variants.put("maxLiteralChildren=" + cap, new TemplaterSettings(d.mergeThreshold(), d.codeMergeThreshold(),
                    d.lightHits(), d.lightFraction(), cap, d.maxNodes(), d.maxDepth(), d.splitShare(), d.minSplitHits(),
                    d.maxSplitsPerNode(), d.heavyValues()));
        }
        for (double share : new double[] {0.2, 0.6}) {
            variants.put("splitShare=" + share, new TemplaterSettings(d.mergeThreshold(), d.codeMergeThreshold(),
                    d.lightHits(), d.lightFraction(), d.maxLiteralChildren(), d.maxNodes(), d.maxDepth(), share,
                    d.minSplitHits(), d.maxSplitsPerNode(), d.heavyValues()));
        }
        StringBuilder out = new StringBuilder("| variant | discovered | precision | recall | calls mapped (final) | calls mapped (online) |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, TemplaterSettings> v : variants.entrySet()) {
            long seed = v.getKey().startsWith("seed=") ? Long.parseLong(v.getKey().substring(5)) : SEED;
            Row t = total(measure(v.getValue(), seed));
            out.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.4f | %.4f |%n", v.getKey(), t.discovered(),
                    t.precision(), t.recall(), (double) t.finalOk() / t.calls(), (double) t.onlineOk() / t.calls()));
            assertThat((double) t.finalOk() / t.calls()).as(v.getKey()).isGreaterThanOrEqualTo(0.95);
        }
        System.out.println(out);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT.resolveSibling("discovery-sensitivity.md"), out);
    }

    static List<Row> measure(TemplaterSettings templater) throws IOException {
        return measure(templater, SEED);
    }

    static List<Row> measure(TemplaterSettings templater, long seed) throws IOException {
        GroundTruthCorpus corpus = new GroundTruthCorpus(seed);
        InventoryBuilder builder = new InventoryBuilder(new InventorySettings(1_000, 2_000, 20_000, 8, 16, 200_000, 500_000, templater,
                SchemaLimits.defaults()), java.time.Clock.systemUTC());
        Map<GroundTruthCorpus.Api, List<GroundTruthCorpus.Sample>> samples = new LinkedHashMap<>();
        Map<GroundTruthCorpus.Api, List<String>> online = new LinkedHashMap<>();
        long id = 0;
        for (GroundTruthCorpus.Api api : GroundTruthCorpus.apis()) {
            List<GroundTruthCorpus.Sample> list = corpus.sample(api);
            samples.put(api, list);
            List<String> templates = new ArrayList<>(list.size());
            for (GroundTruthCorpus.Sample s : list) {
                ApiCall call = Calls.call(s.method(), s.path()).id(++id).host(api.host()).server("10.1.0.9", api.port())
                        .process(api.process(), ApiCall.Side.SERVER).at(Calls.T0.plus(Duration.ofMillis(10 * id))).build();
                templates.add(builder.observe(call).template());
            }
            online.put(api, templates);
        }
        Inventory inventory = builder.snapshot();
        List<Row> rows = new ArrayList<>();
        for (GroundTruthCorpus.Api api : samples.keySet()) {
            ServiceKey key = new ServiceKey(api.host(), api.port(), api.process());
            Service service = inventory.service(key).orElseThrow();
            Set<String> truth = new TreeSet<>();
            for (GroundTruthCorpus.Sample s : samples.get(api)) {
                truth.add(GroundTruthCorpus.normalise(s.truth()));
            }
            Set<String> discovered = new TreeSet<>();
            for (Endpoint e : service.endpoints()) {
                discovered.add(GroundTruthCorpus.normalise(e.template()));
            }
            List<String> wrong = new ArrayList<>();
            int correct = 0;
            for (String d : discovered) {
                if (truth.contains(d)) {
                    correct++;
                } else {
                    wrong.add(d);
                }
            }
            List<String> missed = truth.stream().filter(t -> !discovered.contains(t)).toList();
            long finalOk = 0;
            long onlineOk = 0;
            List<GroundTruthCorpus.Sample> list = samples.get(api);
            for (int i = 0; i < list.size(); i++) {
                String want = GroundTruthCorpus.normalise(list.get(i).truth());
                if (GroundTruthCorpus.normalise(builder.templateOf(key, list.get(i).path()).orElseThrow()).equals(want)) {
                    finalOk++;
                }
                if (GroundTruthCorpus.normalise(online.get(api).get(i)).equals(want)) {
                    onlineOk++;
                }
            }
            rows.add(new Row(api.host(), truth.size(), discovered.size(), correct, list.size(), finalOk, onlineOk, wrong,
                    missed));
        }
        return rows;
    }

    static Row total(List<Row> rows) {
        return new Row("total", rows.stream().mapToInt(Row::truth).sum(), rows.stream().mapToInt(Row::discovered).sum(),
                rows.stream().mapToInt(Row::correct).sum(), rows.stream().mapToLong(Row::calls).sum(),
                rows.stream().mapToLong(Row::finalOk).sum(), rows.stream().mapToLong(Row::onlineOk).sum(), List.of(),
                List.of());
    }

    static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| service | truth templates | discovered | correct | precision | recall | calls | calls mapped (final) | calls mapped (online) |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<Row> all = new ArrayList<>(rows);
        all.add(total(rows));
        for (Row r : all) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.3f | %.3f | %d | %.4f | %.4f |%n", r.service(),
                    r.truth(), r.discovered(), r.correct(), r.precision(), r.recall(), r.calls(),
                    (double) r.finalOk() / r.calls(), (double) r.onlineOk() / r.calls()));
        }
        return out.toString();
    }

    private static String errors(List<Row> rows) {
        StringBuilder out = new StringBuilder("## Errors\n\n");
        for (Row r : rows) {
            if (r.wrong().isEmpty() && r.missed().isEmpty()) {
                continue;
            }
            out.append("### ").append(r.service()).append('\n');
            r.wrong().forEach(w -> out.append("- discovered, not in truth: `").append(w).append("`\n"));
            r.missed().forEach(m -> out.append("- truth, not discovered: `").append(m).append("`\n"));
        }
        return out.toString();
    }
}
