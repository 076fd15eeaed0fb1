package io.perimeter.analyzer.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.perimeter.sensor.call.ApiCall;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A scripted throughput run (not a test: it asserts nothing and is not run by Surefire). It prints
 * calls per second on one thread, each next to a baseline measured in the same run:
 *
 * <ul>
 *   <li>{@link PathTemplater#learn} on the ground-truth corpus paths, against {@code String.split("/")}
 *       plus hashing every segment (the least any templater does);
 *   <li>{@link SchemaInferrer#inferJson} on a 1 KiB JSON body, against Jackson's {@code readTree};
 *   <li>{@link InventoryBuilder#observe} for whole calls (templating, auth, query, JSON response body).
 * </ul>
 *
 * Run: {@code ./scripts/mvn -pl edge-analyzer test-compile} then
 * {@code java -cp edge-analyzer/target/test-classes:edge-analyzer/target/classes:$(cat cp.txt)
 * io.perimeter.analyzer.discovery.DiscoveryThroughput} (see docs/discovery.md).
 */
public final class DiscoveryThroughput {

    private DiscoveryThroughput() {}

    public static void main(String[] args) throws Exception {
        GroundTruthCorpus corpus = new GroundTruthCorpus(PathTemplaterAccuracyTest.SEED);
        List<GroundTruthCorpus.Sample> samples = new ArrayList<>();
        for (GroundTruthCorpus.Api api : GroundTruthCorpus.apis()) {
            samples.addAll(corpus.sample(api));
        }
        String[] paths = samples.stream().map(GroundTruthCorpus.Sample::path).toArray(String[]::new);
        String[] methods = samples.stream().map(GroundTruthCorpus.Sample::method).toArray(String[]::new);

        for (int round = 0; round < 3; round++) {
            System.out.printf(Locale.ROOT, "round %d%n", round + 1);
            double split = rate(paths.length, 20, () -> {
                long h = 0;
                for (String p : paths) {
                    for (String s : p.split("/")) {
                        h += s.hashCode();
                    }
                }
                return h;
            });
            PathTemplater[] templater = {null};
            double learn = rate(paths.length, 20, () -> {
                templater[0] = new PathTemplater();
                long h = 0;
                for (int i = 0; i < paths.length; i++) {
                    h += templater[0].learn(methods[i], paths[i]).template().length();
                }
                return h;
            });
            System.out.printf(Locale.ROOT, "  templater: %,.0f paths/s; baseline split+hash %,.0f/s; ratio %.2f%n", learn, split,
                    learn / split);

            byte[] body = body();
            ObjectMapper mapper = new ObjectMapper();
            SchemaInferrer inferrer = new SchemaInferrer();
            double tree = rate(20_000, 10, () -> {
                long h = 0;
                for (int i = 0; i < 20_000; i++) {
                    h += mapper.readTree(body).size();
                }
                return h;
            });
            double infer = rate(20_000, 10, () -> {
                ObservedSchema schema = new ObservedSchema();
                for (int i = 0; i < 20_000; i++) {
                    inferrer.inferJson(body, false, schema);
                }
                return schema.observations();
            });
            System.out.printf(Locale.ROOT, "  JSON schema (%d B): %,.0f bodies/s; baseline Jackson readTree %,.0f/s; ratio %.2f%n",
                    body.length, infer, tree, infer / tree);

            ApiCall[] calls = new ApiCall[paths.length];
            String response = new String(body, StandardCharsets.UTF_8);
            for (int i = 0; i < calls.length; i++) {
                calls[i] = Calls.call(methods[i], paths[i] + (i % 3 == 0 ? "?page=2&q=x" : ""))
                        .host(samples.get(i).api().host()).header("Authorization", "Bearer " + AuthSchemeDetectorTest.JWT)
                        .respond(200, "application/json", i % 4 == 0 ? response : "{\"ok\":true}")
                        .took(Duration.ofMillis(3 + i % 50)).build();
            }
            double observe = rate(calls.length, 5, () -> {
                InventoryBuilder builder = new InventoryBuilder();
                for (ApiCall c : calls) {
                    builder.observe(c);
                }
                return builder.snapshot().services().size();
            });
            System.out.printf(Locale.ROOT, "  InventoryBuilder.observe (a quarter with a %d B JSON body): %,.0f calls/s%n",
                    body.length, observe);
        }
    }

    private static byte[] body() {
        StringBuilder b = new StringBuilder("{\"id\": 12345, \"email\": \"someone@example.test\", \"created\": \"2024-03-01T10:15:00Z\", \"items\": [");
        for (int i = 0; i < 8; i++) {
            b.append(i == 0 ? "" : ",").append("{\"sku\": \"SKU-").append(1000 + i)
                    .append("\", \"qty\": ").append(i).append(", \"price\": 9.99, \"gift\": false, \"note\": null}");
        }
        b.append("], \"address\": {\"street\": \"Main St 1\", \"city\": \"Springfield\", \"zip\": \"12345\"}, \"tags\": [\"a\", \"b\"]}");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    interface Work {
        long run() throws Exception;
    }

    private static double rate(int perRun, int runs, Work work) throws Exception {
        long sink = 0;
        for (int i = 0; i < 3; i++) {
            sink += work.run(); // warm-up
        }
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            sink += work.run();
        }
        long nanos = System.nanoTime() - start;
        if (sink == 42) {
            System.out.print("");
        }
        return (double) perRun * runs / (nanos / 1e9);
    }
}
