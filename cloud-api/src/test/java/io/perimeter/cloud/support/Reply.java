package io.perimeter.cloud.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;

/** An API answer in a test: status, headers, and the body as JSON (a missing node if it was not JSON). */
public record Reply(int status, HttpHeaders headers, String text) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public JsonNode json() {
        try {
            return text.isEmpty() ? JSON.missingNode() : JSON.readTree(text);
        } catch (Exception e) {
            return JSON.missingNode();
        }
    }

    /** The token at the end of a problem's {@code type}, e.g. {@code not-found}. */
    public String problemType() {
        String type = json().path("type").asText("");
        return type.substring(type.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return "HTTP " + status + " " + (text.length() > 500 ? text.substring(0, 500) + "…" : text);
    }
}
