package io.perimeter.analyzer.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perimeter.analyzer.batch.BatchHeader;
import io.perimeter.analyzer.batch.BatchWriter;
import io.perimeter.analyzer.findings.FindingsSettings;
import io.perimeter.analyzer.pipeline.TrafficAnalysis;
import io.perimeter.analyzer.redaction.EdgeKey;
import io.perimeter.analyzer.redaction.Pseudonymizer;
import io.perimeter.analyzer.testing.ApiCallBuilder;
import io.perimeter.contract.PerimeterContract;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Each window's batch carries what the window added, so that the cloud, adding batches up, gets the edge's totals: the
 * window's calls, statuses, latencies, field sightings and finding occurrences; endpoints and findings idle in the
 * window are left out.
 */
class WindowDeltaTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final String BASIC_AUTH = "API2-BASIC-AUTH-PLAINTEXT";

    private final TrafficAnalysis analysis = new TrafficAnalysis(new Pseudonymizer(EdgeKey.ephemeral()),
            FindingsSettings.defaults(), Optional.empty());
    private final WindowDelta delta = new WindowDelta();
    private final BatchWriter writer = new BatchWriter(new PerimeterContract());

    @Test
    void theSecondBatchHoldsOnlyTheSecondWindowsCallsAndLeavesIdleEndpointsOut() {
        for (int i = 0; i < 3; i++) {
            observe(order(1000 + i, Duration.ofMillis(1)).respond(200, "{\"id\": 1, \"total\": 12.5}"));
        }
        observe(shop("GET", "/api/v1/health").respond(200, "{\"ok\": true}"));
        JsonNode first = close();
        assertThat(endpoint(first, "GET", "/api/v1/health").get("calls").asLong()).isEqualTo(1);

        observe(order(2000, Duration.ofMillis(1)).respond(200, "{\"id\": 2}"));
        observe(order(2001, Duration.ofMillis(100)).respond(404, "{\"id\": 3}"));
        JsonNode second = close();

        assertThat(second.at("/services/0/endpoints")).hasSize(1);
        JsonNode orders = endpoint(second, "GET", "/api/v1/orders/{id}");
        assertThat(orders.get("calls").asLong()).isEqualTo(2);
        assertThat(orders.get("statusCodes")).hasToString("{\"200\":1,\"404\":1}");
        assertThat(orders.at("/latency/count").asLong()).isEqualTo(2);
        assertThat(orders.at("/latency/sumMicros").asLong()).isEqualTo(101_000);
        assertThat(buckets(orders)).hasSize(2).allSatisfy((bound, count) -> assertThat(count).isEqualTo(1));
        assertThat(buckets(endpoint(first, "GET", "/api/v1/orders/{id}"))).hasSize(1).containsValue(3L);
        assertThat(orders.at("/pathParameters/0/seen").asLong()).isEqualTo(2);
        assertThat(orders.get("firstSeen").asText()).as("the endpoint's, which min keeps")
                .isEqualTo(endpoint(first, "GET", "/api/v1/orders/{id}").get("firstSeen").asText());
    }

    @Test
    void fieldsKeepTheEndpointsShapeWithTheWindowsSightings() {
        for (int i = 0; i < 3; i++) {
            observe(order(1000 + i, Duration.ofMillis(1)).respond(200, "{\"id\": 1, \"total\": 12.5}"));
        }
        close();
        observe(order(2000, Duration.ofMillis(1)).respond(200, "{\"id\": 2}"));
        observe(order(2001, Duration.ofMillis(1)).respond(200, "{\"id\": 3}"));
        JsonNode fields = endpoint(close(), "GET", "/api/v1/orders/{id}").at("/responseBodies/0/fields");

        JsonNode id = field(fields, "id");
        JsonNode total = field(fields, "total");
        assertThat(id.get("seen").asLong()).isEqualTo(2);
        assertThat(id.get("required").asBoolean()).isTrue();
        assertThat(total.get("seen").asLong()).as("not seen in the window, still part of the shape").isZero();
        assertThat(total.get("required").asBoolean()).as("missing from some responses since the edge started").isFalse();
        assertThat(total.get("types")).hasToString("[\"number\"]");
    }

    @Test
    void aFindingSeenAgainCountsOnlyItsNewOccurrencesUnderTheSameKey() {
        observe(shop("GET", "/api/v1/profile").plaintext().header("Authorization", "Basic dXNlcjpwYXNz"));
        observe(shop("GET", "/api/v1/profile").plaintext().header("Authorization", "Basic dXNlcjpwYXNz"));
        JsonNode first = close();
        observe(shop("GET", "/api/v1/profile").plaintext().header("Authorization", "Basic dXNlcjpwYXNz"));
        JsonNode second = close();
        observe(shop("GET", "/api/v1/profile").plaintext());
        JsonNode third = close();

        JsonNode before = basicAuthFinding(first);
        JsonNode again = basicAuthFinding(second);
        assertThat(before.get("count").asLong()).isEqualTo(2);
        assertThat(again.get("count").asLong()).isEqualTo(1);
        assertThat(again.get("key").asText()).isEqualTo(before.get("key").asText());
        assertThat(third.get("findings")).as("no new occurrence").isEmpty();
        assertThat(endpoint(third, "GET", "/api/v1/profile").get("calls").asLong()).isEqualTo(1);
    }

    @Test
    void callsShippedUnderATemplateThatWasMergedLaterAreNotShippedAgain() {
        List<String> products = List.of("zorblat", "quenmir", "vastrel", "plimbix", "drovnak", "kelthar", "mirvosk",
                "tandrel", "wexomir", "yorvask", "brimtal", "gostrin");
        List<JsonNode> batches = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            observe(shop("GET", "/api/v1/products/" + products.get(i)).plaintext()
                    .header("Authorization", "Basic dXNlcjpwYXNz").respond(200, "{\"sku\": 1}"));
            if (i == 4 || i == products.size() - 1) {
                batches.add(close());
            }
        }
        JsonNode merged = endpoint(batches.getLast(), "GET", "/api/v1/products/{param}");

        assertThat(batches.getFirst().at("/services/0/endpoints")).as("five literal endpoints before the merge").hasSize(5);
        assertThat(merged.get("calls").asLong()).isEqualTo(products.size() - 5);
        assertThat(batches.stream().mapToLong(WindowDeltaTest::calls).sum()).isEqualTo(products.size());
        assertThat(basicAuthFinding(batches.getLast()).get("count").asLong()).isEqualTo(products.size() - 5);
        assertThat(batches.stream().flatMap(b -> StreamSupport.stream(b.get("findings").spliterator(), false))
                .filter(f -> f.get("rule").asText().equals(BASIC_AUTH)).mapToLong(f -> f.get("count").asLong()).sum())
                .isEqualTo(products.size());
    }

    private static ApiCallBuilder shop(String method, String path) {
        return ApiCallBuilder.call(method, path).host("shop.example.test").server("10.0.0.5", 443).tls().at(T0);
    }

    private static ApiCallBuilder order(int id, Duration took) {
        return shop("GET", "/api/v1/orders/" + id).took(took);
    }

    private void observe(ApiCallBuilder call) {
        analysis.observe(call.build());
    }

    /** Closes a window into the batch the edge would spool. */
    private JsonNode close() {
        TrafficAnalysis.Snapshot window = delta.next(analysis.snapshot());
        var header = new BatchHeader(UUID.randomUUID(), "edge-1", T0, T0, T0, EdgeVersion.VALUE, Map.of());
        return writer.write(header, window.inventory(), window.findings());
    }

    private static JsonNode endpoint(JsonNode batch, String method, String template) {
        for (JsonNode service : batch.get("services")) {
            for (JsonNode endpoint : service.get("endpoints")) {
                if (endpoint.get("method").asText().equals(method) && endpoint.get("template").asText().equals(template)) {
                    return endpoint;
                }
            }
        }
        throw new AssertionError(method + " " + template + " is not in " + batch.get("services"));
    }

    private static long calls(JsonNode batch) {
        long calls = 0;
        for (JsonNode service : batch.get("services")) {
            for (JsonNode endpoint : service.get("endpoints")) {
                calls += endpoint.get("calls").asLong();
            }
        }
        return calls;
    }

    private static Map<Long, Long> buckets(JsonNode endpoint) {
        Map<Long, Long> out = new TreeMap<>();
        endpoint.at("/latency/buckets").forEach(b -> out.put(b.get("upperBoundMicros").asLong(), b.get("count").asLong()));
        return out;
    }

    private static JsonNode field(JsonNode fields, String path) {
        for (JsonNode field : fields) {
            if (field.get("path").asText().equals(path)) {
                return field;
            }
        }
        throw new AssertionError(path + " is not in " + fields);
    }

    private static JsonNode basicAuthFinding(JsonNode batch) {
        for (JsonNode finding : batch.get("findings")) {
            if (finding.get("rule").asText().equals(BASIC_AUTH)) {
                return finding;
            }
        }
        throw new AssertionError("no Basic credentials finding in " + batch.get("findings"));
    }
}
