package io.perimeter.sensor.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code capture} JSON-lines format: one {@link ApiCall} per line, readable by people and by the analyzer's
 * offline command. Bodies that are valid UTF-8 are written as {@code text}, others as {@code base64}.
 * It carries raw values: it is for the host it was made on, never for shipping. Thread-safe.
 */
public final class ApiCallJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiCallJson() {}

    /** One line of JSON, without the line break. */
    public static String write(ApiCall call) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", call.id());
        root.put("started", call.started().toString());
        root.put("durationNanos", call.duration().toNanos());
        root.set("client", address(call.client()));
        root.set("server", address(call.server()));
        root.putObject("process").put("pid", call.process().pid()).put("name", call.process().name());
        root.put("observedSide", call.observedSide().name());
        root.put("tls", call.tls());
        HttpRequest request = call.request();
        ObjectNode req = root.putObject("request");
        req.put("method", request.method()).put("target", request.target()).put("version", request.version());
        req.set("headers", headers(request.headers()));
        req.set("body", body(request.body()));
        call.response().ifPresentOrElse(response -> {
            ObjectNode res = root.putObject("response");
            res.put("status", response.status()).put("reason", response.reason()).put("version", response.version());
            res.set("headers", headers(response.headers()));
            res.set("body", body(response.body()));
        }, () -> root.putNull("response"));
        ArrayNode flags = root.putArray("flags");
        call.flags().stream().sorted().forEach(f -> flags.add(f.name()));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a call always serialises", e);
        }
    }

    /**
     * Parses one line.
     *
     * @throws IllegalArgumentException naming the field when the line is not a call in this format
     */
    public static ApiCall read(String line) {
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a call is a JSON object");
        }
        JsonNode req = need(root, "request");
        var request = new HttpRequest(need(req, "method").asText(), need(req, "target").asText(),
                req.path("version").asText("HTTP/1.1"), headers(req.path("headers")), body(req.path("body")));
        Optional<HttpResponse> response = Optional.empty();
        JsonNode res = root.path("response");
        if (res.isObject()) {
            response = Optional.of(new HttpResponse(need(res, "status").asInt(), res.path("reason").asText(""),
                    res.path("version").asText("HTTP/1.1"), headers(res.path("headers")), body(res.path("body"))));
        }
        Set<CaptureFlag> flags = EnumSet.noneOf(CaptureFlag.class);
        for (JsonNode flag : root.path("flags")) {
            flags.add(CaptureFlag.valueOf(flag.asText()));
        }
        JsonNode process = root.path("process");
        return new ApiCall(root.path("id").asLong(), started(need(root, "started").asText()),
                Duration.ofNanos(root.path("durationNanos").asLong()), address(root.path("client")), address(root.path("server")),
                new ProcessInfo(process.path("pid").asInt(), process.path("name").asText("")),
                ApiCall.Side.valueOf(root.path("observedSide").asText("CLIENT")), root.path("tls").asBoolean(),
                request, response, flags);
    }

    private static Instant started(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'started' is not an ISO-8601 instant", e);
        }
    }

    private static ObjectNode address(NetAddress address) {
        return MAPPER.createObjectNode().put("ip", address.ip()).put("port", address.port());
    }

    private static NetAddress address(JsonNode node) {
        return node.isObject() ? new NetAddress(node.path("ip").asText(""), node.path("port").asInt()) : NetAddress.UNKNOWN;
    }

    private static ArrayNode headers(Headers headers) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Header header : headers.fields()) {
            array.addArray().add(header.name()).add(header.value());
        }
        return array;
    }

    private static Headers headers(JsonNode array) {
        List<Header> fields = new ArrayList<>();
        for (JsonNode pair : array) {
            fields.add(new Header(pair.path(0).asText(), pair.path(1).asText()));
        }
        return new Headers(fields);
    }

    private static ObjectNode body(Body body) {
        ObjectNode node = MAPPER.createObjectNode();
        byte[] bytes = body.bytes();
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            node.put("text", text);
        } catch (CharacterCodingException e) {
            node.put("base64", Base64.getEncoder().encodeToString(bytes));
        }
        return node.put("wireLength", body.wireLength()).put("truncated", body.truncated());
    }

    private static Body body(JsonNode node) {
        if (!node.isObject()) {
            return Body.EMPTY;
        }
        byte[] bytes = node.has("base64") ? Base64.getDecoder().decode(node.get("base64").asText())
                : node.path("text").asText("").getBytes(StandardCharsets.UTF_8);
        return new Body(bytes, node.path("wireLength").asLong(bytes.length), node.path("truncated").asBoolean());
    }

    private static JsonNode need(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
        return value;
    }
}
