package io.perimeter.cloud.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.core.util.Yaml31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A discovered service as an OpenAPI 3.1 document, built with the swagger-models object model from the endpoint
 * shapes the inventory stores, and written by swagger-core's 3.1 writers.
 *
 * <p>Paths are the endpoint templates (a placeholder name that repeats in one template gets a suffix:
 * {@code {id}}, {@code {id_2}}); parameters, bodies and responses carry the observed types, formats and whether a
 * member was always present, and data classes as {@code x-data-classes}. Responses are the observed status codes; a
 * body recorded without its status is shown on the 2xx responses. Security schemes come from the auth schemes seen.
 * There are no examples, defaults or enums: the inventory holds no values to give them. Stateless, thread-safe.
 */
final class ServiceOpenApi {
    /** Extension on operations: observed traffic. */
    static final String OBSERVED = "x-perimeter-observed";
    /** Extension on the document: endpoints that have no place in it (unknown method, a path that clashes). */
    static final String NOT_EXPORTED = "x-perimeter-endpoints-not-exported";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}/]+)}");
    private static final Pattern API_KEY_HEADER = Pattern.compile("(?i).*api[-_]?(key|token).*");
    /** Headers that OpenAPI describes elsewhere (content negotiation, auth) or that are the transport's. */
    private static final Set<String> TRANSPORT_HEADERS = Set.of("accept", "accept-encoding", "accept-language",
            "authorization", "connection", "content-length", "content-type", "cookie", "host", "user-agent",
            "transfer-encoding", "te", "upgrade", "keep-alive", "proxy-connection", "expect");

    private ServiceOpenApi() {}

    static String json(ServiceView service, List<EndpointDetail> endpoints) {
        try {
            return Json31.pretty().writeValueAsString(document(service, endpoints));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an OpenAPI model always serialises", e);
        }
    }

    static String yaml(ServiceView service, List<EndpointDetail> endpoints) {
        try {
            return Yaml31.pretty().writeValueAsString(document(service, endpoints));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an OpenAPI model always serialises", e);
        }
    }

    static OpenAPI document(ServiceView service, List<EndpointDetail> endpoints) {
        OpenAPI api = new OpenAPI(SpecVersion.V31).openapi("3.1.0");
        api.info(new Info()
                .title(service.host() + ":" + service.port() + (service.process().isEmpty() ? ""
                        : " (" + service.process() + ")"))
                .version("observed")
                .description("Discovered by Perimeter from " + service.calls() + " observed calls to "
                        + service.endpoints() + " endpoints between " + service.firstSeen() + " and "
                        + service.lastSeen() + "."));
        api.addServersItem(new Server().url(baseUrl(service)));

        Map<String, SecurityScheme> schemes = new TreeMap<>();
        Paths paths = new Paths();
        Map<String, String> pathByShape = new HashMap<>();
        Set<String> operationIds = new HashSet<>();
        long notExported = 0;
        for (EndpointDetail endpoint : endpoints) {
            Optional<PathItem.HttpMethod> method = method(endpoint.method());
            OpenApiPath path = OpenApiPath.of(endpoint.template());
            String existing = pathByShape.putIfAbsent(path.shape(), path.path());
            PathItem item = paths.computeIfAbsent(path.path(), p -> new PathItem());
            // Templates that differ only in placeholder names are one path to OpenAPI: the first one stays.
            if (method.isEmpty() || existing != null && !existing.equals(path.path())
                    || item.readOperationsMap().containsKey(method.get())) {
                notExported++;
                continue;
            }
            item.operation(method.get(), operation(endpoint, path, schemes, operationIds));
        }
        paths.values().removeIf(item -> item.readOperations().isEmpty());
        api.paths(paths);
        if (!schemes.isEmpty()) {
            api.components(new Components().securitySchemes(schemes));
        }
        if (notExported > 0) {
            api.addExtension(NOT_EXPORTED, notExported);
        }
        return api;
    }

    private static Operation operation(EndpointDetail endpoint, OpenApiPath path, Map<String, SecurityScheme> schemes,
                                       Set<String> operationIds) {
        EndpointShape shape = endpoint.schema();
        Operation operation = new Operation().operationId(operationId(endpoint, operationIds));
        List<Parameter> parameters = new ArrayList<>(path.parameters(shape.pathParameters()));
        parameters.addAll(members("query", shape.queryParameters()));
        parameters.addAll(headers(shape));
        parameters.addAll(members("cookie", shape.requestCookies()));
        if (!parameters.isEmpty()) {
            operation.parameters(parameters);
        }
        if (!shape.requestBodies().isEmpty()) {
            Content content = new Content();
            shape.requestBodies().forEach(body -> content.addMediaType(body.contentType(), media(body)));
            operation.requestBody(new RequestBody().content(content));
        }
        operation.responses(responses(endpoint));
        security(endpoint, shape, schemes).ifPresent(operation::security);

        Map<String, Object> observed = new LinkedHashMap<>();
        observed.put("calls", endpoint.calls());
        observed.put("principals", endpoint.principals());
        observed.put("firstSeen", endpoint.firstSeen().toString());
        observed.put("lastSeen", endpoint.lastSeen().toString());
        observed.put("auth", endpoint.auth());
        observed.put("dataClasses", endpoint.dataClasses());
        if (endpoint.latency().count() > 0) {
            observed.put("latencyP50Micros", endpoint.latency().p50Micros());
            observed.put("latencyP95Micros", endpoint.latency().p95Micros());
            observed.put("latencyP99Micros", endpoint.latency().p99Micros());
        }
        operation.addExtension(OBSERVED, observed);
        return operation;
    }

    private static ApiResponses responses(EndpointDetail endpoint) {
        ApiResponses responses = new ApiResponses();
        List<EndpointShape.Body> bodies = endpoint.schema().responseBodies();
        new TreeMap<>(endpoint.statusCodes()).forEach((status, count) -> {
            ApiResponse response = new ApiResponse().description("Observed " + count + " time"
                    + (count == 1 ? "" : "s") + ".");
            Content content = new Content();
            for (EndpointShape.Body body : bodies) {
                boolean matches = body.status() == null ? status.startsWith("2")
                        : body.status().toString().equals(status);
                if (matches) {
                    content.addMediaType(body.contentType(), media(body));
                }
            }
            if (!content.isEmpty()) {
                response.content(content);
            }
            responses.addApiResponse(status, response);
        });
        if (responses.isEmpty()) {
            Content content = new Content();
            bodies.forEach(body -> content.addMediaType(body.contentType(), media(body)));
            responses.addApiResponse("default", new ApiResponse().description("No status code observed.")
                    .content(content.isEmpty() ? null : content));
        }
        return responses;
    }

    private static MediaType media(EndpointShape.Body body) {
        return body.fields().isEmpty() ? new MediaType() : new MediaType().schema(FieldSchemas.object(body.fields()));
    }

    /** Query or cookie parameters: one per top-level member; objects as deepObject, arrays exploded. */
    private static List<Parameter> members(String in, List<EndpointShape.Field> fields) {
        List<Parameter> parameters = new ArrayList<>();
        FieldSchemas.members(fields).forEach((name, member) -> {
            if (name.startsWith("{")) {
                return; // a name that was data, not one of the API's own
            }
            Parameter parameter = new Parameter().in(in).name(name).required(member.required())
                    .schema(member.schema());
            if (member.object() && in.equals("query")) {
                parameter.style(Parameter.StyleEnum.DEEPOBJECT).explode(true);
            } else if (member.array()) {
                parameter.style(Parameter.StyleEnum.FORM).explode(true);
            }
            parameters.add(parameter);
        });
        return parameters;
    }

    private static List<Parameter> headers(EndpointShape shape) {
        List<Parameter> parameters = new ArrayList<>();
        for (String header : shape.requestHeaders()) {
            if (TRANSPORT_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
                continue;
            }
            JsonSchema schema = new JsonSchema();
            schema.types(Set.of("string"));
            shape.headerDataClasses().entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(header))
                    .findFirst()
                    .ifPresent(e -> schema.addExtension(FieldSchemas.DATA_CLASSES, e.getValue().stream().sorted()
                            .toList()));
            parameters.add(new Parameter().in("header").name(header).required(false).schema(schema));
        }
        return parameters;
    }

    /**
     * The requirements of the auth schemes seen, adding their schemes to {@code schemes}; an API key or session cookie
     * whose name the shape does not reveal cannot be described and is left to {@code x-perimeter-observed}.
     */
    private static Optional<List<SecurityRequirement>> security(EndpointDetail endpoint, EndpointShape shape,
                                                               Map<String, SecurityScheme> schemes) {
        List<SecurityRequirement> requirements = new ArrayList<>();
        for (String auth : endpoint.auth()) {
            Optional<Map.Entry<String, SecurityScheme>> scheme = switch (auth) {
                case "bearer-jwt" -> Optional.of(Map.entry("bearerJwt", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")));
                case "bearer-opaque" -> Optional.of(Map.entry("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")));
                case "basic", "digest" -> Optional.of(Map.entry(auth, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme(auth)));
                case "api-key" -> shape.requestHeaders().stream()
                        .filter(h -> API_KEY_HEADER.matcher(h).matches()).findFirst()
                        .map(h -> Map.entry("apiKey_" + h, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name(h)));
                case "cookie-session" -> shape.requestCookies().stream()
                        .map(EndpointShape.Field::path).filter(p -> !p.contains(".") && !p.startsWith("{"))
                        .findFirst()
                        .map(c -> Map.entry("cookie_" + c, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name(c)));
                default -> Optional.empty();
            };
            scheme.ifPresent(s -> {
                schemes.putIfAbsent(s.getKey(), s.getValue());
                requirements.add(new SecurityRequirement().addList(s.getKey()));
            });
        }
        if (requirements.isEmpty()) {
            return Optional.empty();
        }
        if (endpoint.auth().contains("none")) {
            requirements.add(new SecurityRequirement()); // some calls carried no credential
        }
        return Optional.of(requirements);
    }

    private static String baseUrl(ServiceView service) {
        String host = service.host().indexOf(':') >= 0 ? "[" + service.host() + "]" : service.host();
        int defaultPort = service.tls() ? 443 : 80;
        return (service.tls() ? "https://" : "http://") + host
                + (service.port() == defaultPort ? "" : ":" + service.port());
    }

    private static Optional<PathItem.HttpMethod> method(String method) {
        try {
            return Optional.of(PathItem.HttpMethod.valueOf(method));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String operationId(EndpointDetail endpoint, Set<String> taken) {
        String base = (endpoint.method().toLowerCase(Locale.ROOT) + "_"
                + endpoint.template().replaceAll("[^A-Za-z0-9]+", "_")).replaceAll("_+$", "");
        String candidate = base;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = base + "_" + n;
        }
        return candidate;
    }

    /**
     * A template as an OpenAPI path: placeholder names made unique within it, and {@code shape}, the path with every
     * placeholder emptied, which is what OpenAPI compares when it matches paths.
     */
    private record OpenApiPath(String path, String shape, Map<String, String> placeholders) {

        static OpenApiPath of(String template) {
            Matcher m = PLACEHOLDER.matcher(template);
            StringBuilder path = new StringBuilder();
            StringBuilder shape = new StringBuilder();
            Map<String, String> placeholders = new LinkedHashMap<>();
            Map<String, Integer> used = new HashMap<>();
            int last = 0;
            while (m.find()) {
                String literal = template.substring(last, m.start());
                path.append(literal);
                shape.append(literal).append("{}");
                int n = used.merge(m.group(1), 1, Integer::sum);
                String name = n == 1 ? m.group(1) : m.group(1) + "_" + n;
                placeholders.put(name, m.group(1));
                path.append('{').append(name).append('}');
                last = m.end();
            }
            path.append(template.substring(last));
            shape.append(template.substring(last));
            return new OpenApiPath(path.toString(), shape.toString(), placeholders);
        }

        /** One required path parameter per placeholder, typed from the parameter the edge observed under its name. */
        List<Parameter> parameters(List<EndpointShape.Field> observed) {
            Map<String, FieldSchemas.Member> byName = FieldSchemas.members(observed);
            List<Parameter> parameters = new ArrayList<>();
            placeholders.forEach((name, original) -> {
                FieldSchemas.Member member = byName.get(original);
                JsonSchema fallback = new JsonSchema();
                fallback.types(Set.of("string"));
                parameters.add(new Parameter().in("path").name(name).required(true)
                        .schema(member == null ? fallback : member.schema()));
            });
            return parameters;
        }
    }
}
