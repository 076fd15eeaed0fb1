package io.perimeter.cloud.inventory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an endpoint's requests and responses look like, merged from every batch, in the form of the contract's endpoint
 * object: parameters, headers and bodies with their fields' types, formats and data classes. Built from the sections
 * of the {@code shape} column (see {@link #fromStored}) member by member, so that whatever else a stored shape might
 * hold never reaches a response.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record EndpointShape(
        List<Field> pathParameters,
        List<Field> queryParameters,
        List<Field> requestCookies,
        List<String> requestHeaders,
        List<String> responseHeaders,
        Map<String, List<String>> headerDataClasses,
        List<Body> requestBodies,
        List<Body> responseBodies) {

    private static final String REQUEST_BODY = "requestBody:";
    private static final Pattern RESPONSE_BODY = Pattern.compile("responseBody:(?:([1-5][0-9][0-9]):)?(.+)");

    /**
     * A field as ingest stores it, under its path in a section of the {@code shape} column; members that the edges
     * did not report are null.
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StoredField(@Nullable List<String> types, @Nullable List<String> formats,
                              @Nullable List<String> dataClasses, @Nullable Boolean required, @Nullable Long seen) {
    }

    /**
     * The shape from the sections ingest keeps: {@code path}, {@code query}, {@code cookie}, {@code requestHeader},
     * {@code responseHeader}, {@code requestBody:<content type>} and {@code responseBody:[<status>:]<content type>},
     * each mapping a field path (or header name) to its {@link StoredField}. Sections it does not know are left out.
     */
    public static EndpointShape fromStored(Map<String, Map<String, StoredField>> sections) {
        List<Body> requestBodies = new ArrayList<>();
        List<Body> responseBodies = new ArrayList<>();
        Map<String, List<String>> headerDataClasses = new TreeMap<>();
        new TreeMap<>(sections).forEach((section, fields) -> {
            Matcher response = RESPONSE_BODY.matcher(section);
            if (section.startsWith(REQUEST_BODY)) {
                requestBodies.add(new Body(section.substring(REQUEST_BODY.length()), null, fields(fields)));
            } else if (response.matches()) {
                responseBodies.add(new Body(response.group(2),
                        response.group(1) == null ? null : Integer.valueOf(response.group(1)), fields(fields)));
            } else if (section.equals("requestHeader") || section.equals("responseHeader")) {
                fields.forEach((header, field) -> {
                    if (field.dataClasses() != null && !field.dataClasses().isEmpty()) {
                        headerDataClasses.put(header, List.copyOf(field.dataClasses()));
                    }
                });
            }
        });
        return new EndpointShape(fields(sections.get("path")), fields(sections.get("query")),
                fields(sections.get("cookie")), names(sections.get("requestHeader")),
                names(sections.get("responseHeader")), headerDataClasses, requestBodies, responseBodies);
    }

    private static List<Field> fields(Map<String, StoredField> section) {
        if (section == null) {
            return List.of();
        }
        return new TreeMap<>(section).entrySet().stream()
                .map(e -> new Field(e.getKey(), e.getValue().types(), e.getValue().formats(),
                        e.getValue().dataClasses(), Boolean.TRUE.equals(e.getValue().required()),
                        e.getValue().seen() == null ? 0 : e.getValue().seen()))
                .toList();
    }

    private static List<String> names(Map<String, StoredField> section) {
        return section == null ? List.of() : List.copyOf(new TreeMap<>(section).keySet());
    }

    public EndpointShape {
        pathParameters = pathParameters == null ? List.of() : List.copyOf(pathParameters);
        queryParameters = queryParameters == null ? List.of() : List.copyOf(queryParameters);
        requestCookies = requestCookies == null ? List.of() : List.copyOf(requestCookies);
        requestHeaders = requestHeaders == null ? List.of() : List.copyOf(requestHeaders);
        responseHeaders = responseHeaders == null ? List.of() : List.copyOf(responseHeaders);
        headerDataClasses = headerDataClasses == null ? Map.of() : Map.copyOf(headerDataClasses);
        requestBodies = requestBodies == null ? List.of() : List.copyOf(requestBodies);
        responseBodies = responseBodies == null ? List.of() : List.copyOf(responseBodies);
    }

    /**
     * A field: where it sits ({@code cards[].number}), its JSON types and formats, its data classes, whether every
     * message had it, and in how many it was seen.
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Field(String path, List<String> types, List<String> formats, List<String> dataClasses,
                        boolean required, long seen) {
        public Field {
            types = types == null ? List.of() : List.copyOf(types);
            formats = formats == null ? List.of() : List.copyOf(formats);
            dataClasses = dataClasses == null ? List.of() : List.copyOf(dataClasses);
        }
    }

    /** A body of one content type; for responses, the status it came with when the edge recorded it. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Body(String contentType, @Nullable Integer status, List<Field> fields) {
        public Body {
            fields = fields == null ? List.of() : List.copyOf(fields);
        }
    }
}
