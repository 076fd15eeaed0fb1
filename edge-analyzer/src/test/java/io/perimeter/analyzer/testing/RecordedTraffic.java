package io.perimeter.analyzer.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A small HAR recording for the tests of the running edge. */
public final class RecordedTraffic {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordedTraffic() {}

    /**
     * Two calls to one shop API as a HAR document: a customer read with {@code email} as path segment, query value
     * and response field, and an order read.
     */
    public static String har(String email) {
        ObjectNode root = JSON.createObjectNode();
        var entries = root.putObject("log").put("version", "1.2").putArray("entries");
        entries.add(entry("https://shop.example.test/api/v1/customers/" + email + "?contact=" + email,
                JSON.createObjectNode().put("id", 7).put("email", email)));
        entries.add(entry("https://shop.example.test/api/v1/orders/1001",
                JSON.createObjectNode().put("id", 1001).put("total", 12.5)));
        return root.toString();
    }

    private static ObjectNode entry(String url, ObjectNode responseBody) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("startedDateTime", "2026-11-22T10:00:00.000Z").put("time", 12).put("serverIPAddress", "10.20.30.40");
        ObjectNode request = entry.putObject("request").put("method", "GET").put("url", url).put("httpVersion", "HTTP/1.1");
        request.putArray("headers").addObject().put("name", "Authorization").put("value", "Bearer opaque-token-0123456789");
        ObjectNode response = entry.putObject("response").put("status", 200).put("statusText", "OK")
                .put("httpVersion", "HTTP/1.1");
        response.putArray("headers").addObject().put("name", "Content-Type").put("value", "application/json");
        response.putObject("content").put("mimeType", "application/json").put("text", responseBody.toString());
        return entry;
    }
}
