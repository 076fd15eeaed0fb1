package io.perimeter.console.inventory;

import io.perimeter.cloud.inventory.EndpointShape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An endpoint's schema as the endpoint page shows it: one section per part of the request and response, and in each
 * the fields under their parents ({@code cards[].number} under {@code cards[]}), flattened into indented rows so the
 * template needs no recursion.
 *
 * @param sections in request-then-response order; parts the edges never saw are left out
 */
public record SchemaTree(List<Section> sections) {
    /** Rows deeper than this are drawn at this depth: the path still says where they are. */
    static final int MAX_DEPTH = 6;

    /**
     * @param part   what part of the message: path, query, cookie, request-header, response-header, request-body,
     *               response-body (a message key)
     * @param detail the content type (and status) of a body, else empty
     */
    public record Section(String part, String detail, List<Row> rows) {
    }

    /**
     * A field, or a parent that only groups fields (no types, never counted).
     *
     * @param depth how far under the top it sits, at most {@link #MAX_DEPTH}
     * @param seen  in how many messages it was seen (0 for groups and headers)
     */
    public record Row(int depth, String name, String path, List<String> types, List<String> dataClasses,
                      boolean required, long seen) {
        public boolean group() {
            return types.isEmpty() && seen == 0 && dataClasses.isEmpty();
        }
    }

    static SchemaTree of(EndpointShape shape) {
        List<Section> sections = new ArrayList<>();
        add(sections, "path", "", fields(shape.pathParameters()));
        add(sections, "query", "", fields(shape.queryParameters()));
        add(sections, "cookie", "", fields(shape.requestCookies()));
        add(sections, "request-header", "", headers(shape.requestHeaders(), shape));
        shape.requestBodies().forEach(body -> add(sections, "request-body", body.contentType(), fields(body.fields())));
        add(sections, "response-header", "", headers(shape.responseHeaders(), shape));
        shape.responseBodies().forEach(body -> add(sections, "response-body",
                (body.status() == null ? "" : body.status() + " · ") + body.contentType(), fields(body.fields())));
        return new SchemaTree(sections);
    }

    private static void add(List<Section> sections, String part, String detail, List<Row> rows) {
        if (!rows.isEmpty()) {
            sections.add(new Section(part, detail, rows));
        }
    }

    private static List<Row> headers(List<String> names, EndpointShape shape) {
        return names.stream().map(name -> new Row(0, name, name, List.of(),
                shape.headerDataClasses().getOrDefault(name, List.of()), false, 0)).toList();
    }

    /** Fields in path order, each preceded by the parents that are not fields themselves. */
    private static List<Row> fields(List<EndpointShape.Field> fields) {
        List<Row> rows = new ArrayList<>();
        Set<String> shown = new HashSet<>();
        fields.stream().sorted(Comparator.comparing(EndpointShape.Field::path)).forEach(field -> {
            String[] segments = field.path().split("\\.");
            StringBuilder parent = new StringBuilder();
            for (int i = 0; i < segments.length - 1; i++) {
                parent.append(i == 0 ? "" : ".").append(segments[i]);
                if (shown.add(parent.toString())) {
                    rows.add(new Row(Math.min(i, MAX_DEPTH), segments[i], parent.toString(), List.of(), List.of(),
                            false, 0));
                }
            }
            shown.add(field.path());
            rows.add(new Row(Math.min(segments.length - 1, MAX_DEPTH), segments[segments.length - 1], field.path(),
                    field.types(), field.dataClasses(), field.required(), field.seen()));
        });
        return rows;
    }
}
