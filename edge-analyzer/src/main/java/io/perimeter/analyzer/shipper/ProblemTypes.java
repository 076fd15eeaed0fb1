package io.perimeter.analyzer.shipper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perimeter.analyzer.spool.Spool;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.util.Locale;
import java.util.Optional;

/**
 * Takes the problem type out of a refusal (RFC 9457 {@code application/problem+json}): the last segment of its
 * {@code type} URI, kept only if it is a short lower-case token ({@link Spool#PROBLEM_TYPE}). Nothing else of the body
 * is kept, so whatever a response might echo cannot reach the spool, the status or the logs.
 */
final class ProblemTypes {
    /** More than any problem document needs; the rest of a body is not read. */
    static final int MAX_BYTES = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemTypes() {}

    static Optional<String> read(HttpHeaders headers, InputStream body) {
        String type = headers.firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/problem+json") && !type.startsWith("application/json")) {
            return Optional.empty();
        }
        try {
            JsonNode problem = JSON.readTree(body.readNBytes(MAX_BYTES));
            JsonNode uri = problem == null ? null : problem.get("type");
            if (uri == null || !uri.isTextual()) {
                return Optional.empty();
            }
            String text = uri.textValue();
            String token = text.substring(Math.max(text.lastIndexOf('/'), text.lastIndexOf('#')) + 1);
            return Spool.PROBLEM_TYPE.matcher(token).matches() ? Optional.of(token) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not a problem document: the status code says enough
        }
    }
}
