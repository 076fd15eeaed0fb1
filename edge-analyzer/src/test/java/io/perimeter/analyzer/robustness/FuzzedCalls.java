package io.perimeter.analyzer.robustness;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perimeter.analyzer.testing.ApiCallBuilder;
import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.CaptureFlag;
import java.net.URLEncoder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Calls whose shape the fuzzer chooses — method, path segments, query, headers, cookies, body content type and JSON
 * structure, status, response — with {@link PlantedValues} in the places where values sit: path segments, query and
 * header values, cookies, JSON values and keys, form values, raw bodies. Names the fuzzer makes are
 * {@link PlantedValues#scrub scrubbed}, so whatever a batch holds of the planted values is a leak.
 */
final class FuzzedCalls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
    private static final String[] TYPES = {"application/json", "application/x-www-form-urlencoded", "text/plain",
        "application/vnd.api+json", "multipart/form-data; boundary=x", "application/octet-stream"};

    private final FuzzedDataProvider data;

    private FuzzedCalls(FuzzedDataProvider data) {
        this.data = data;
    }

    /** One call made of {@code data}. */
    static ApiCall from(FuzzedDataProvider data) {
        return new FuzzedCalls(data).call();
    }

    private ApiCall call() {
        String method = data.consumeBoolean() ? data.pickValue(METHODS) : scrub(data.consumeString(12));
        ApiCallBuilder call = ApiCallBuilder.call(method, path() + query())
                .at(Instant.parse("2026-03-02T09:00:00Z").plusMillis(data.consumeInt(0, 1_000_000)))
                .took(Duration.ofMillis(data.consumeInt(0, 100_000)))
                .client(PlantedValues.CLIENT_IP, 40_000)
                .server("10.0.0.5", data.consumeInt(0, 65_535))
                .host(data.consumeBoolean() ? "api.fuzz.test" : scrub(data.consumeString(40)));
        if (data.consumeBoolean()) {
            call.tls();
        }
        int headers = data.consumeInt(0, 6);
        for (int i = 0; i < headers; i++) {
            call.header(scrub(data.consumeString(24)), headerValue());
        }
        if (data.consumeBoolean()) {
            call.bearer(PlantedValues.JWT);
        }
        if (data.consumeBoolean()) {
            call.header("Cookie", "SESSION=" + PlantedValues.TOKEN + "; " + scrub(data.consumeString(12)) + "=" + PlantedValues.EMAIL);
        }
        call.header("X-Forwarded-For", PlantedValues.CLIENT_IP);
        if (data.consumeBoolean()) {
            call.body(contentType(), body());
        }
        if (data.consumeBoolean()) {
            call.status(null);
        } else {
            call.respond(data.consumeInt(0, 999), contentType(), body());
            int more = data.consumeInt(0, 3);
            for (int i = 0; i < more; i++) {
                call.responseHeader(scrub(data.consumeString(24)), headerValue());
            }
        }
        if (data.consumeBoolean()) {
            call.flag(data.pickValue(CaptureFlag.values()));
        }
        return call.build();
    }

    private String path() {
        StringBuilder path = new StringBuilder();
        int segments = data.consumeInt(0, 10);
        for (int i = 0; i < segments; i++) {
            path.append('/');
            if (data.consumeBoolean()) {
                String value = data.pickValue(PlantedValues.SEGMENT_VALUES);
                path.append(data.consumeBoolean() ? value : URLEncoder.encode(value, UTF_8));
            } else {
                path.append(scrub(data.consumeString(16)).replace("/", "").replace("?", "").replace("#", ""));
            }
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    private String query() {
        int params = data.consumeInt(0, 6);
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < params; i++) {
            query.append(i == 0 ? '?' : '&')
                    .append(URLEncoder.encode(data.consumeBoolean() ? scrub(data.consumeString(16)) : PlantedValues.EMAIL, UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(value(), UTF_8));
        }
        return query.toString();
    }

    private String headerValue() {
        return data.consumeBoolean() ? value() : data.consumeString(32) + " " + value();
    }

    /** A planted value, alone or inside fuzzer text. */
    private String value() {
        String planted = data.pickValue(List.copyOf(PlantedValues.ALL.values()));
        return switch (data.consumeInt(0, 2)) {
            case 0 -> planted;
            case 1 -> data.consumeString(16) + planted + data.consumeString(16);
            default -> data.consumeString(32);
        };
    }

    private String contentType() {
        return data.consumeBoolean() ? data.pickValue(TYPES) : null;
    }

    private String body() {
        return switch (data.consumeInt(0, 2)) {
            case 0 -> json(0).toString();
            case 1 -> "card=" + PlantedValues.CARD + "&" + URLEncoder.encode(scrub(data.consumeString(16)), UTF_8) + "="
                    + URLEncoder.encode(value(), UTF_8);
            default -> data.consumeString(256) + value();
        };
    }

    /** A JSON object whose keys are fuzzer names or planted e-mails, and whose values are planted or nested. */
    private ObjectNode json(int depth) {
        ObjectNode node = JSON.createObjectNode();
        int fields = data.consumeInt(0, 6);
        for (int i = 0; i < fields; i++) {
            String key = data.consumeBoolean() ? scrub(data.consumeString(16)) : PlantedValues.EMAIL;
            switch (depth < 6 ? data.consumeInt(0, 4) : 0) {
                case 0 -> node.put(key, value());
                case 1 -> node.put(key, data.consumeLong());
                case 2 -> node.set(key, json(depth + 1));
                case 3 -> {
                    ArrayNode array = node.putArray(key);
                    int items = data.consumeInt(0, 4);
                    for (int j = 0; j < items; j++) {
                        array.add(data.consumeBoolean() ? JSON.valueToTree(value()) : json(depth + 1));
                    }
                }
                default -> node.put(key, data.consumeBoolean());
            }
        }
        return node;
    }

    private static String scrub(String s) {
        return PlantedValues.scrub(s);
    }
}
