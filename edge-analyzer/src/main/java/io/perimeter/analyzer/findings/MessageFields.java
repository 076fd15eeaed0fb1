package io.perimeter.analyzer.findings;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The named values of a message, as rules read them: query and form parameters decoded once, and the leaves of a JSON
 * document with their paths (keys that look like values already {@code {key}}). Bounded: at most
 * {@value #MAX_PARAMETERS} parameters and {@value #MAX_FIELDS} leaves; parser errors (whose messages could quote the
 * body) are swallowed and what was read so far is kept. Stateless and thread-safe.
 */
final class MessageFields {
    /** Query or form parameters read at most. */
    static final int MAX_PARAMETERS = 128;
    /** JSON leaves collected at most. */
    static final int MAX_FIELDS = 512;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                    .maxStringLength(ObservedCall.MAX_BODY_CHARS).maxNameLength(1_024).maxNumberLength(100).build())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private MessageFields() {}

    /** {@code a=1&b=2} decoded once; names and values with {@code +} as space. */
    static List<ObservedCall.Parameter> parameters(String raw) {
        if (raw.isEmpty()) {
            return List.of();
        }
        List<ObservedCall.Parameter> out = new ArrayList<>();
        int start = 0;
        while (start <= raw.length() && out.size() < MAX_PARAMETERS) {
            int amp = raw.indexOf('&', start);
            int end = amp < 0 ? raw.length() : amp;
            if (end > start) {
                String pair = raw.substring(start, end);
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                out.add(new ObservedCall.Parameter(decodeQuery(name), decodeQuery(value)));
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return out;
    }

    /** Percent-decodes once with {@code +} as space; a malformed escape leaves the text as it is. */
    static String decodeQuery(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s.replace('+', ' ');
        }
    }

    /** Percent-decodes a path segment once ({@code +} stays a plus). */
    static String decodePathSegment(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    /** The leaves of a JSON document: object keys joined by '.', {@code []} for array items. */
    static List<ObservedCall.BodyField> jsonFields(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        List<ObservedCall.BodyField> out = new ArrayList<>();
        Deque<String> paths = new ArrayDeque<>();
        try (JsonParser p = JSON.createParser(text)) {
            String field = null;
            String container = "";
            JsonToken token;
            while ((token = p.nextToken()) != null && out.size() < MAX_FIELDS) {
                switch (token) {
                    case FIELD_NAME -> field = EvidenceNames.safeKey(p.currentName()); // a key may be data
                    case START_OBJECT, START_ARRAY -> {
                        paths.push(container);
                        String here = child(container, field);
                        container = token == JsonToken.START_ARRAY ? here + "[]" : here;
                        field = null;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        container = paths.isEmpty() ? "" : paths.pop();
                        field = null;
                    }
                    case VALUE_STRING -> {
                        out.add(new ObservedCall.BodyField(child(container, field), p.getText()));
                        field = null;
                    }
                    default -> {
                        out.add(new ObservedCall.BodyField(child(container, field), null));
                        field = null;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // truncated or not JSON after all: keep what was read (the parser's message may quote the body, so it is dropped)
        }
        return out;
    }

    private static String child(String container, String field) {
        if (field == null) {
            return container; // an array item, or the root
        }
        return container.isEmpty() ? field : container + "." + field;
    }
}
