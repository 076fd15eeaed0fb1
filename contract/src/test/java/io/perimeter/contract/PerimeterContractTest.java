package io.perimeter.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PerimeterContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PerimeterContract CONTRACT = new PerimeterContract();

    private static ObjectNode example() throws IOException {
        try (InputStream in = PerimeterContractTest.class.getResourceAsStream("/contract-docs/example-batch.json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    private static ObjectNode endpoint(ObjectNode batch) {
        return (ObjectNode) batch.get("services").get(0).get("endpoints").get(0);
    }

    private static ObjectNode finding(ObjectNode batch) {
        return (ObjectNode) batch.get("findings").get(0);
    }

    @Test
    void theDocumentedExampleKeepsTheContract() throws IOException {
        assertThat(CONTRACT.violations(example())).isEmpty();
    }

    record Breach(String name, Consumer<ObjectNode> change) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Breach> breaches() {
        return List.of(
                new Breach("a raw body member", b -> endpoint(b).put("body", "{\"email\":\"canary@example.test\"}")),
                new Breach("an e-mail as a path segment", b -> endpoint(b).put("template", "/users/canary@example.test")),
                new Breach("a query string in the template", b -> endpoint(b).put("template", "/users/{id}?token=abc")),
                new Breach("a header value", b -> ((ArrayNode) endpoint(b).get("requestHeaders")).add("Bearer eyJhbGciOi")),
                new Breach("free text in the evidence", b -> ((ObjectNode) finding(b).get("evidence")).put("detail", "card 4111 1111 1111 1111")),
                new Breach("a string fact", b -> ((ObjectNode) finding(b).get("evidence").get("facts")).put("sample", "4111111111111111")),
                new Breach("a value as a field path", b -> ((ObjectNode) endpoint(b).get("responseBodies").get(0).get("fields").get(0))
                        .put("path", "users.canary@example.test")),
                new Breach("a space in a field path", b -> ((ObjectNode) endpoint(b).get("responseBodies").get(0).get("fields").get(0))
                        .put("path", "John Smith")),
                new Breach("an example value on a field", b -> ((ObjectNode) endpoint(b).get("responseBodies").get(0).get("fields").get(1))
                        .put("example", "canary@example.test")),
                new Breach("a principal that is not a pseudonym", b -> ((ArrayNode) endpoint(b).get("principals")).add("canary@example.test")),
                new Breach("an unknown data class", b -> ((ArrayNode) finding(b).get("evidence").get("dataClasses")).add("RAW")),
                new Breach("a status code key that is not a code", b -> ((ObjectNode) endpoint(b).get("statusCodes")).put("canary", 1)),
                new Breach("a wrong schema version", b -> b.put("schema", "perimeter.batch/v0")),
                new Breach("a client address member", b -> ((ObjectNode) b.get("services").get(0)).put("clientIp", "203.0.113.9")),
                new Breach("a negative count", b -> endpoint(b).put("calls", -1)),
                new Breach("a date that is not UTC", b -> b.put("createdAt", "2026-11-22T10:00:05+02:00")),
                new Breach("a missing batch id", b -> b.remove("batchId")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breaches")
    void everyWayToCarryARawValueIsRefused(Breach breach) throws IOException {
        ObjectNode batch = example();
        breach.change().accept(batch);

        List<ContractViolation> violations = CONTRACT.violations(batch);

        assertThat(violations).as(breach.name()).isNotEmpty();
        assertThat(CONTRACT.accepts(batch)).isFalse();
    }

    @Test
    void violationsNeverRepeatTheValuesTheyRefuse() throws IOException {
        ObjectNode batch = example();
        endpoint(batch).put("template", "/users/canary@example.test");
        ((ObjectNode) endpoint(batch).get("statusCodes")).put("canary@example.test", 1);
        ((ObjectNode) endpoint(batch).get("headerDataClasses")).put("canary@example.test", JSON.createArrayNode().add("EMAIL"));

        List<ContractViolation> violations = CONTRACT.violations(batch);

        assertThat(violations).isNotEmpty();
        assertThat(violations.toString()).doesNotContain("canary").doesNotContain("example.test");
        assertThat(violations).anySatisfy(v -> assertThat(v.location()).isEqualTo("$.services[0].endpoints[0].template"));
    }

    @Test
    void locationsKeepIndicesAndNamesButHideKeysThatAreData() {
        assertThat(PerimeterContract.safeLocation("$.services[0].endpoints[12].template")).isEqualTo("$.services[0].endpoints[12].template");
        assertThat(PerimeterContract.safeLocation("$.statusCodes['canary@example.test']")).isEqualTo("$.statusCodes.<key>");
        assertThat(PerimeterContract.safeLocation("$.a['b@c.d'].x")).isEqualTo("$.a.<key>.x");
    }

    @Test
    void aBatchThatIsNotAnObjectIsRefused() {
        JsonNode notObject = JSON.createArrayNode();
        assertThat(CONTRACT.accepts(notObject)).isFalse();
    }
}
