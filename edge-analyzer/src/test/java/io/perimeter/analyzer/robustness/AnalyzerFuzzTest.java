package io.perimeter.analyzer.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perimeter.analyzer.testing.EdgePipeline;
import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.ApiCallJson;
import io.perimeter.sensor.call.Header;
import io.perimeter.sensor.call.Headers;
import io.perimeter.sensor.call.HttpRequest;
import io.perimeter.sensor.har.HarFormatException;
import io.perimeter.sensor.har.HarReader;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fuzz targets for the analyzer's entry points: a {@code capture} JSON line, a HAR document (each call analyzed as
 * given and again with planted values added to its query and headers), and a call whose shape the fuzzer chooses
 * around planted values. For every input the analyzer must not throw, the batch it would ship must pass the perimeter
 * contract ({@code BatchWriter} validates it and throws otherwise), and no planted value may be in it. The parsers may
 * refuse an input only with their documented exceptions. Raw inputs are {@link PlantedValues#scrub scrubbed} first:
 * the fuzzer sees the comparisons and would otherwise learn to write the planted values as names.
 *
 * <p>In the normal build these run in regression mode: each input of the seed corpus
 * ({@code src/test/resources/io/perimeter/analyzer/robustness/AnalyzerFuzzTestInputs/<target>/}) once. To fuzz, see
 * docs/analyzer.md ({@code JAZZER_FUZZ=1}); inputs that fail are written to the same folder and then stay in the
 * regression run.
 */
class AnalyzerFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void captureLine(byte[] input) {
        ApiCall call;
        try {
            call = ApiCallJson.read(new String(PlantedValues.scrub(input), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException refused) {
            return; // the documented refusal of a line that is not a call
        }
        assertNothingPlantedLeaves(List.of(call, withPlantedValues(call)));
    }

    @FuzzTest(maxDuration = "2m")
    void harDocument(byte[] input) {
        List<ApiCall> calls = new ArrayList<>();
        try (Stream<ApiCall> source = new HarReader(65_536).read(new ByteArrayInputStream(PlantedValues.scrub(input)), "fuzz.har")) {
            source.limit(64).forEach(call -> {
                calls.add(call);
                calls.add(withPlantedValues(call));
            });
        } catch (HarFormatException | UncheckedIOException refused) {
            // the documented refusal of a document that is not HAR; the entries before it are still analyzed
        }
        assertNothingPlantedLeaves(calls);
    }

    @FuzzTest(maxDuration = "2m")
    void shapedCall(FuzzedDataProvider data) {
        List<ApiCall> calls = new ArrayList<>();
        int n = data.consumeInt(1, 4);
        for (int i = 0; i < n && data.remainingBytes() > 0; i++) {
            calls.add(FuzzedCalls.from(data));
        }
        assertNothingPlantedLeaves(calls);
    }

    /** Analyzes the calls, writes the batch (validated against the contract) and searches it for planted values. */
    private static void assertNothingPlantedLeaves(List<ApiCall> calls) {
        EdgePipeline pipeline = new EdgePipeline();
        calls.forEach(pipeline::observe);
        ObjectNode batch = pipeline.batch();
        assertThat(batch.get("edge").get("counters").get("calls").asLong()).isEqualTo(calls.size());
        assertThat(PlantedValues.leaksIn(batch.toString())).as("planted values in the batch").isEmpty();
    }

    /** The same call with planted values added in its query string and headers. */
    private static ApiCall withPlantedValues(ApiCall call) {
        HttpRequest r = call.request();
        List<Header> headers = new ArrayList<>(r.headers().fields());
        headers.add(new Header("Authorization", "Bearer " + PlantedValues.JWT));
        headers.add(new Header("X-Api-Key", PlantedValues.TOKEN));
        headers.add(new Header("Cookie", "sid=" + PlantedValues.TOKEN + "; mail=" + PlantedValues.EMAIL));
        String target = r.target() + (r.target().contains("?") ? "&" : "?") + "card=" + PlantedValues.CARD + "&ssn=" + PlantedValues.SSN;
        var request = new HttpRequest(r.method(), target, r.version(), new Headers(headers), r.body());
        return new ApiCall(call.id(), call.started(), call.duration(), call.client(), call.server(), call.process(),
                call.observedSide(), call.tls(), request, call.response(), call.flags());
    }
}
