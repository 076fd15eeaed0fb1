package io.perimeter.analyzer.discovery;

import io.perimeter.analyzer.classification.DataClass;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What was learned about one endpoint (method + path template) of a service. Holds names, types,
 * counts and times only: no value of a request or response.
 *
 * @param method               the HTTP method, upper case ({@code OTHER} for a method that is not a token)
 * @param template             the path template, e.g. {@code /users/{id}/orders}
 * @param pathParameters       the template's parameters, in order
 * @param calls                calls attributed to the endpoint
 * @param firstSeen            the first call's start
 * @param lastSeen             the last call's start
 * @param statusCounts         responses by status code (sorted); calls without a response are not counted here
 * @param noResponse           calls that got no response
 * @param latency              response times of the calls that got a response
 * @param authSchemes          calls by auth scheme ({@code NONE} counts calls without a credential)
 * @param credentials          where the credentials were (scheme + header/cookie/parameter name), first seen first
 * @param query                the query string's parameters as a schema (object root, one field per name)
 * @param requestContentTypes  request bodies by normalised media type ({@code *}{@code /*} when the header was missing)
 * @param requestSchemas       request body schema by media type
 * @param requestsWithBody     calls whose request had a body
 * @param responseContentTypes response bodies by normalised media type
 * @param responseSchemas      response body schema by status code, then media type
 * @param namedDataClasses     data classes seen in headers, cookies and path parameters, by part, then name
 */
public record Endpoint(
        String method,
        String template,
        List<PathParameter> pathParameters,
        long calls,
        Instant firstSeen,
        Instant lastSeen,
        Map<Integer, Long> statusCounts,
        long noResponse,
        LatencyHistogram.Snapshot latency,
        Map<AuthScheme, Long> authSchemes,
        List<AuthEvidence> credentials,
        Schema query,
        Map<String, Long> requestContentTypes,
        Map<String, Schema> requestSchemas,
        long requestsWithBody,
        Map<String, Long> responseContentTypes,
        Map<Integer, Map<String, Schema>> responseSchemas,
        Map<NamedPart, Map<String, Set<DataClass>>> namedDataClasses) {

    public Endpoint {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        pathParameters = List.copyOf(pathParameters);
        credentials = List.copyOf(credentials);
    }
}
