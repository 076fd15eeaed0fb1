package io.perimeter.analyzer.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perimeter.analyzer.testing.EdgePipeline;
import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.ApiCallJson;
import io.perimeter.sensor.har.HarFormatException;
import io.perimeter.sensor.har.HarReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bad-input suite: hostile calls ({@link HostileCalls}) go through discovery, classification and findings, and
 * the batch the edge would ship is written. None may crash the analyzer; the batch must pass the perimeter contract,
 * account for every call, and hold none of the values planted in the calls. Malformed capture lines and HAR
 * documents must be refused with the parsers' documented exceptions, never anything else.
 */
class HostileInputTest {

    static List<?> hostileCalls() {
        return HostileCalls.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileCalls")
    void analyzedWithoutCrashOrLeak(Supplier<List<ApiCall>> hostile) {
        List<ApiCall> calls = hostile.get();
        EdgePipeline pipeline = new EdgePipeline();

        calls.forEach(pipeline::observe);
        ObjectNode batch = pipeline.batch();

        assertThat(batch.get("edge").get("counters").get("calls").asLong()).isEqualTo(calls.size());
        long inventoried = 0;
        for (JsonNode service : batch.get("services")) {
            for (JsonNode endpoint : service.get("endpoints")) {
                inventoried += endpoint.get("calls").asLong();
            }
        }
        assertThat(inventoried).as("calls attributed to an endpoint of the batch").isEqualTo(calls.size());
        assertThat(PlantedValues.leaksIn(batch.toString())).as("planted values in the batch").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "{", "[]", "null", "42", "\"a call\"", "{\"request\": 1}", "{\"request\": {\"method\": \"GET\"}}",
        "{\"started\": \"2026-03-02T09:00:00Z\", \"request\": {\"method\": \"GET\", \"target\": \"/\"}, \"flags\": [\"NOPE\"]}",
        "{\"started\": \"2026-03-02T09:00:00Z\", \"observedSide\": \"SIDEWAYS\", \"request\": {\"method\": \"GET\", \"target\": \"/\"}}",
        "{\"started\": \"2026-03-02T09:00:00Z\", \"request\": {\"method\": \"GET\", \"target\": \"/\", \"body\": {\"base64\": \"***\"}}}",
        "{\"started\": \"2026-03-02T09:00:00Z\", \"request\": {\"method\": \"GET\", \"target\": \"/\"}, \"response\": {}}",
    })
    void malformedCaptureLinesAreRefusedAsSuch(String line) {
        Throwable refused = catchThrowable(() -> ApiCallJson.read(line));

        assertThat(refused).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "[]", "{\"log\": 1}", "{\"log\": {\"entries\": {}}}", "{\"log\": {\"entries\": [{\"request\": ",
        "{\"log\": {\"entries\": [{\"request\": {\"method\": \"GET\"}}]}}",
        "{\"log\": {\"entries\": [{\"startedDateTime\": \"yesterday\", \"request\": {\"method\": \"GET\", \"url\": \"http://a/\"}}]}}",
        "{\"log\": {\"entries\": [{\"request\": {\"method\": \"GET\", \"url\": \"::not a url::\"}}]}}",
    })
    void malformedHarDocumentsAreRefusedAsSuch(String har) {
        Throwable refused = catchThrowable(() -> {
            try (Stream<ApiCall> calls = new HarReader(65_536).read(
                    new ByteArrayInputStream(har.getBytes(StandardCharsets.UTF_8)), "hostile.har")) {
                calls.forEach(call -> { });
            }
        });

        assertThat(refused).isInstanceOf(HarFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 100_000})
    void aDeeplyNestedHarDocumentIsRefused(int depth) {
        String har = "{\"log\": {\"entries\": [" + "[".repeat(depth) + "]".repeat(depth) + "]}}";

        Throwable refused = catchThrowable(() -> {
            try (Stream<ApiCall> calls = new HarReader(65_536).read(
                    new ByteArrayInputStream(har.getBytes(StandardCharsets.UTF_8)), "nested.har")) {
                calls.forEach(call -> { });
            }
        });

        assertThat(refused).isInstanceOf(HarFormatException.class);
    }
}
