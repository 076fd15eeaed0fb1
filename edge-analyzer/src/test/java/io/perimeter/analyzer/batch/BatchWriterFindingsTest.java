package io.perimeter.analyzer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perimeter.analyzer.classification.Classifier;
import io.perimeter.analyzer.discovery.Inventory;
import io.perimeter.analyzer.discovery.InventorySettings;
import io.perimeter.analyzer.findings.Evidence;
import io.perimeter.analyzer.findings.EvidenceLocation;
import io.perimeter.analyzer.findings.Finding;
import io.perimeter.analyzer.findings.FindingKey;
import io.perimeter.analyzer.findings.FindingsEngine;
import io.perimeter.analyzer.findings.FindingsSettings;
import io.perimeter.analyzer.findings.RuleId;
import io.perimeter.analyzer.findings.Severity;
import io.perimeter.analyzer.pipeline.Analyzer;
import io.perimeter.analyzer.redaction.EdgeKey;
import io.perimeter.analyzer.redaction.Principals;
import io.perimeter.analyzer.redaction.Pseudonymizer;
import io.perimeter.contract.PerimeterContract;
import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.Body;
import io.perimeter.sensor.call.Header;
import io.perimeter.sensor.call.Headers;
import io.perimeter.sensor.call.HttpRequest;
import io.perimeter.sensor.call.HttpResponse;
import io.perimeter.sensor.call.NetAddress;
import io.perimeter.sensor.call.ProcessInfo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The findings part of the batch: shape, contract validity, and findings the batch has no endpoint for. */
class BatchWriterFindingsTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final BatchHeader HEADER = new BatchHeader(UUID.randomUUID(), "edge-1", T0.plusSeconds(600), T0,
            T0.plusSeconds(300), "0.1.0", Map.of("calls", 2L));

    private final Analyzer analyzer = new Analyzer(new Classifier(), InventorySettings.defaults(), Clock.systemUTC());
    private final Pseudonymizer pseudonyms = new Pseudonymizer(EdgeKey.ephemeral());
    private final FindingsEngine engine = new FindingsEngine(FindingsSettings.defaults(), pseudonyms);
    private final BatchWriter writer = new BatchWriter(new PerimeterContract());

    private void feed(String target, int status, String authorization) {
        List<Header> headers = new ArrayList<>(List.of(new Header("Host", "api.shop.test")));
        if (authorization != null) {
            headers.add(new Header("Authorization", authorization));
        }
        byte[] body = "{\"ok\": true}".getBytes(StandardCharsets.UTF_8);
        ApiCall call = new ApiCall(1, T0, Duration.ofMillis(3), new NetAddress("203.0.113.9", 40_000),
                new NetAddress("10.0.0.5", 8080), new ProcessInfo(10, "api"), ApiCall.Side.SERVER, false,
                new HttpRequest("GET", target, "HTTP/1.1", new Headers(headers), Body.EMPTY),
                Optional.of(new HttpResponse(status, "", "HTTP/1.1",
                        new Headers(List.of(new Header("Content-Type", "application/json"))), new Body(body, body.length, false))),
                Set.of());
        engine.observe(call, analyzer.analyze(call), new Principals(pseudonyms).of(call));
    }

    @Test
    void findingsAreWrittenInTheContractsShape() {
        feed("/api/search?q=%27%20or%201%3D1--", 403, null);
        feed("/api/report", 200, "Basic YWxpY2U6c2VjcmV0");
        Inventory inventory = analyzer.snapshot();
        List<Finding> findings = engine.snapshot(inventory);

        ObjectNode batch = writer.write(HEADER, inventory, findings);

        assertThat(new PerimeterContract().violations(batch)).isEmpty();
        JsonNode attack = find(batch, "ATTACK-SQL-INJECTION");
        assertThat(attack.get("category").asText()).isEqualTo("ATTACK");
        assertThat(attack.get("severity").asText()).isEqualTo("low");
        assertThat(attack.get("outcome").asText()).isEqualTo("rejected");
        assertThat(attack.get("service").get("host").asText()).isEqualTo("api.shop.test");
        assertThat(attack.get("service").get("port").asInt()).isEqualTo(8080);
        assertThat(attack.get("endpoint").get("template").asText()).isEqualTo("/api/search");
        assertThat(attack.get("evidence").get("location").asText()).isEqualTo("request.query");
        assertThat(attack.get("evidence").get("field").asText()).isEqualTo("q");
        assertThat(attack.get("evidence").get("facts").get("rejected").asLong()).isEqualTo(1);
        assertThat(attack.get("count").asLong()).isEqualTo(1);
        assertThat(attack.get("firstSeen").asText()).isEqualTo("2026-03-02T09:00:00Z");
        JsonNode basic = find(batch, "API2-BASIC-AUTH-PLAINTEXT");
        assertThat(basic.get("category").asText()).isEqualTo("API2:2023");
        assertThat(basic.get("evidence").get("headerName").asText()).isEqualTo("Authorization");
        assertThat(basic.has("outcome")).isFalse();
        Finding original = findings.stream().filter(f -> f.rule() == RuleId.API2_BASIC_AUTH_PLAINTEXT).findFirst().orElseThrow();
        assertThat(basic.get("key").asText()).isEqualTo(original.key());
    }

    @Test
    void aFindingWhoseEndpointTheBatchDoesNotListIsLeftOutAndCounted() {
        feed("/api/report", 200, "Basic YWxpY2U6c2VjcmV0");
        Inventory inventory = analyzer.snapshot();
        Finding stray = new Finding(FindingKey.of("API8-STACK-TRACE", "api.shop.test", 8080, "GET", "/elsewhere",
                "response.body", null, null), RuleId.API8_STACK_TRACE, RuleId.API8_STACK_TRACE.category(), Severity.MEDIUM,
                "api.shop.test", 8080, "GET", "/elsewhere", Evidence.at(EvidenceLocation.RESPONSE_BODY), 1, T0, T0,
                Optional.empty());
        List<Finding> findings = new ArrayList<>(engine.snapshot(inventory));
        findings.add(stray);
        findings.add(findings.get(0)); // a duplicate key

        ObjectNode batch = writer.write(HEADER, inventory, findings);

        assertThat(batch.get("findings")).hasSize(findings.size() - 2);
        assertThat(writer.itemsCut()).isEqualTo(2);
    }

    @Test
    void theMethodWithoutFindingsStillWritesAnEmptyArray() {
        feed("/api/report", 200, null);

        ObjectNode batch = writer.write(HEADER, analyzer.snapshot());

        assertThat(batch.get("findings")).isEmpty();
        assertThat(new PerimeterContract().violations(batch)).isEmpty();
    }

    private static JsonNode find(ObjectNode batch, String rule) {
        for (JsonNode finding : batch.get("findings")) {
            if (finding.get("rule").asText().equals(rule)) {
                return finding;
            }
        }
        throw new AssertionError("no " + rule + " in " + batch.get("findings"));
    }
}
