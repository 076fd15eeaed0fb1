package io.perimeter.cloud.inventory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * What an endpoint's requests and responses look like, merged from every batch (the {@code shape} column): the
 * members of the contract's endpoint object that describe parameters, headers and bodies. Read member by member into
 * these records, so that whatever else a stored shape might hold never reaches a response.
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

    public static final EndpointShape EMPTY = new EndpointShape(null, null, null, null, null, null, null, null);

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
