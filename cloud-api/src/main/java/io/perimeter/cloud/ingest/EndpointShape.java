package io.perimeter.cloud.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an endpoint of a batch says about its shape, in the form {@code endpoints.shape} keeps: sections
 * ({@code path}, {@code query}, {@code cookie}, {@code requestHeader}, {@code responseHeader},
 * {@code requestBody:<content type>}, {@code responseBody:<status>:<content type>} or
 * {@code responseBody:<content type>}), each a map from field path (or header name) to the field's {@code types},
 * {@code formats}, {@code dataClasses}, {@code required} and {@code seen}. The database merges stored and new shapes
 * with {@code ingest_merge_shape}, field by field; this class only arranges one endpoint's fields, merging a field
 * that the endpoint lists twice the same way.
 */
final class EndpointShape {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode sections = NODES.objectNode();
    private final Set<String> dataClasses = new TreeSet<>();

    private EndpointShape() {}

    static EndpointShape of(JsonNode endpoint) {
        EndpointShape shape = new EndpointShape();
        shape.fields("path", endpoint.path("pathParameters"));
        shape.fields("query", endpoint.path("queryParameters"));
        shape.fields("cookie", endpoint.path("requestCookies"));
        for (JsonNode body : endpoint.path("requestBodies")) {
            shape.fields("requestBody:" + body.path("contentType").asText(), body.path("fields"));
        }
        for (JsonNode body : endpoint.path("responseBodies")) {
            String status = body.has("status") ? body.path("status").asText() + ":" : "";
            shape.fields("responseBody:" + status + body.path("contentType").asText(), body.path("fields"));
        }
        Set<String> requestHeaders = names(endpoint.path("requestHeaders"));
        Set<String> responseHeaders = names(endpoint.path("responseHeaders"));
        requestHeaders.forEach(name -> shape.section("requestHeader").putObject(name));
        responseHeaders.forEach(name -> shape.section("responseHeader").putObject(name));
        // The contract does not say on which side a header's data classes were seen: the response side only when
        // the endpoint lists that header among its response headers alone.
        for (Map.Entry<String, JsonNode> header : endpoint.path("headerDataClasses").properties()) {
            boolean response = responseHeaders.contains(header.getKey()) && !requestHeaders.contains(header.getKey());
            ObjectNode field = NODES.objectNode();
            field.set("dataClasses", sorted(header.getValue()));
            shape.put(response ? "responseHeader" : "requestHeader", header.getKey(), field);
        }
        return shape;
    }

    /** The shape as {@code endpoints.shape} stores it. */
    String json() {
        return sections.toString();
    }

    /** Every data class the endpoint carries, anywhere in its shape. */
    String[] dataClasses() {
        return dataClasses.toArray(String[]::new);
    }

    private void fields(String section, JsonNode fields) {
        for (JsonNode field : fields) {
            ObjectNode entry = NODES.objectNode();
            for (String member : new String[] {"types", "formats", "dataClasses"}) {
                if (field.has(member)) {
                    entry.set(member, sorted(field.get(member)));
                }
            }
            entry.put("required", field.path("required").asBoolean());
            entry.put("seen", field.path("seen").asLong());
            put(section, field.path("path").asText(), entry);
        }
    }

    private void put(String section, String path, ObjectNode field) {
        field.path("dataClasses").forEach(c -> dataClasses.add(c.asText()));
        ObjectNode fields = section(section);
        JsonNode earlier = fields.get(path);
        fields.set(path, earlier == null || earlier.isEmpty() ? field : merged((ObjectNode) earlier, field));
    }

    private ObjectNode section(String name) {
        JsonNode section = sections.get(name);
        return section != null ? (ObjectNode) section : sections.putObject(name);
    }

    /** The rule of {@code ingest_merge_field}, for a field listed twice in one endpoint. */
    private static ObjectNode merged(ObjectNode a, ObjectNode b) {
        ObjectNode merged = NODES.objectNode();
        for (String member : new String[] {"types", "formats", "dataClasses"}) {
            if (a.has(member) || b.has(member)) {
                ArrayNode union = NODES.arrayNode();
                a.path(member).forEach(union::add);
                b.path(member).forEach(union::add);
                merged.set(member, sorted(union));
            }
        }
        if (a.has("required") || b.has("required")) {
            merged.put("required", a.path("required").asBoolean(true) && b.path("required").asBoolean(true));
        }
        if (a.has("seen") || b.has("seen")) {
            merged.put("seen", a.path("seen").asLong() + b.path("seen").asLong());
        }
        return merged;
    }

    private static ArrayNode sorted(JsonNode values) {
        ArrayNode array = NODES.arrayNode();
        names(values).forEach(array::add);
        return array;
    }

    private static Set<String> names(JsonNode values) {
        Set<String> distinct = new TreeSet<>();
        values.forEach(value -> distinct.add(value.asText()));
        return distinct;
    }
}
