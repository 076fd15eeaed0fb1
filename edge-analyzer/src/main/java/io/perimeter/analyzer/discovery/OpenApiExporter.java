package io.perimeter.analyzer.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.perimeter.analyzer.classification.DataClass;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes one {@link Service} of the inventory as an OpenAPI 3.1 document, built with the swagger-models
 * object model and serialised by swagger-core's {@code Json31}/{@code Yaml31} writers.
 *
 * <p>Paths come from the endpoint templates (placeholders renamed where a name repeats:
 * {@code /users/{id}/orders/{id_2}}), with typed path parameters ({@code {id}} as an integer when every
 * value was all digits, {@code {uuid}} as {@code string/uuid}, {@code {date}} as {@code string/date}, …),
 * query parameters, request bodies and responses per status and media type with their inferred schemas
 * (types, formats, required properties, arrays, nesting; data classes as {@code x-data-classes}), and
 * security schemes derived from the auth schemes seen. There are no examples, defaults or enums: the
 * inventory has no values to give them.
 *
 * <p>Stateless and thread-safe.
 */
public final class OpenApiExporter {

    /** Extension on schemas: the data classes classification recorded for the field. */
    public static final String DATA_CLASSES = "x-data-classes";
    /** Extension on operations: observed counts and times. */
    public static final String OBSERVED = "x-perimeter-observed";

    /** The OpenAPI model of {@code service}. */
    public OpenAPI toOpenApi(Service service) {
        OpenAPI api = new OpenAPI(SpecVersion.V31).openapi("3.1.0");
        ServiceKey key = service.key();
        String title = key.host() + ":" + key.port() + (key.processName().isEmpty() ? "" : " (" + key.processName() + ")");
        api.info(new Info().title(title).version("observed")
                .description("Discovered by Perimeter from " + service.calls() + " observed calls between "
                        + service.firstSeen() + " and " + service.lastSeen() + "."));
        String host = key.host().indexOf(':') >= 0 ? "[" + key.host() + "]" : key.host();
        if (service.tlsSeen()) {
            api.addServersItem(new Server().url("https://" + host + (key.port() == 443 ? "" : ":" + key.port())));
        }
        if (service.plaintextSeen() || !service.tlsSeen()) {
            api.addServersItem(new Server().url("http://" + host + (key.port() == 80 ? "" : ":" + key.port())));
        }

        Map<String, SecurityScheme> schemes = new LinkedHashMap<>();
        Paths paths = new Paths();
        Map<String, String> pathByShape = new HashMap<>();
        Set<String> operationIds = new HashSet<>();
        long skipped = 0;
        for (Endpoint endpoint : service.endpoints()) {
            PathItem.HttpMethod method = httpMethod(endpoint.method());
            if (method == null || endpoint.template().equals("*")) {
                skipped++;
                continue;
            }
            OpenApiPath path = OpenApiPath.of(endpoint);
            String existing = pathByShape.putIfAbsent(path.shape, path.path);
            String pathKey = existing != null ? existing : path.path;
            PathItem item = paths.computeIfAbsent(pathKey, k -> new PathItem());
            if (item.readOperationsMap().containsKey(method) || existing != null && !existing.equals(path.path)) {
                skipped++; // same shape with other placeholder names, or the same operation twice
                continue;
            }
            item.operation(method, operation(endpoint, path, schemes, operationIds));
        }
        api.paths(paths);
        if (!schemes.isEmpty()) {
            api.components(new Components().securitySchemes(schemes));
        }
        if (skipped > 0) {
            api.addExtension("x-perimeter-endpoints-not-exported", skipped);
        }
        return api;
    }

    /** {@link #toOpenApi} as pretty-printed JSON. */
    public String toJson(Service service) {
        try {
            return Json31.pretty().writeValueAsString(toOpenApi(service));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an OpenAPI model always serialises", e);
        }
    }

    /** {@link #toOpenApi} as YAML. */
    public String toYaml(Service service) {
        try {
            return Yaml31.pretty().writeValueAsString(toOpenApi(service));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an OpenAPI model always serialises", e);
        }
    }

    private Operation operation(Endpoint endpoint, OpenApiPath path, Map<String, SecurityScheme> schemes,
            Set<String> operationIds) {
        Operation op = new Operation().operationId(operationId(endpoint, operationIds));
        List<Parameter> parameters = new ArrayList<>(path.parameters);
        parameters.addAll(queryParameters(endpoint.query()));
        if (!parameters.isEmpty()) {
            op.parameters(parameters);
        }
        if (!endpoint.requestSchemas().isEmpty()) {
            Content content = new Content();
            endpoint.requestSchemas().forEach((type, schema) -> content.addMediaType(type, mediaType(schema)));
            op.requestBody(new RequestBody().content(content).required(endpoint.requestsWithBody() == endpoint.calls()));
        }
        ApiResponses responses = new ApiResponses();
        endpoint.statusCounts().forEach((status, count) -> {
            ApiResponse response = new ApiResponse().description("Observed " + count + " time" + (count == 1 ? "" : "s") + ".");
            Map<String, Schema> bodies = endpoint.responseSchemas().get(status);
            if (bodies != null && !bodies.isEmpty()) {
                Content content = new Content();
                bodies.forEach((type, schema) -> content.addMediaType(type, mediaType(schema)));
                response.content(content);
            }
            responses.addApiResponse(status == 0 ? "default" : Integer.toString(status), response);
        });
        if (responses.isEmpty()) {
            responses.addApiResponse("default", new ApiResponse().description("No response observed."));
        }
        op.responses(responses);

        List<SecurityRequirement> security = new ArrayList<>();
        for (AuthEvidence evidence : endpoint.credentials()) {
            String name = securitySchemeName(evidence);
            schemes.putIfAbsent(name, securityScheme(evidence));
            SecurityRequirement requirement = new SecurityRequirement().addList(name);
            if (!security.contains(requirement)) {
                security.add(requirement);
            }
        }
        if (!security.isEmpty()) {
            if (endpoint.authSchemes().containsKey(AuthScheme.NONE)) {
                security.add(new SecurityRequirement()); // some calls carried no credential
            }
            op.security(security);
        }

        Map<String, Object> observed = new LinkedHashMap<>();
        observed.put("calls", endpoint.calls());
        observed.put("firstSeen", String.valueOf(endpoint.firstSeen()));
        observed.put("lastSeen", String.valueOf(endpoint.lastSeen()));
        if (endpoint.latency().count() > 0) {
            observed.put("latencyP50Micros", endpoint.latency().quantileMicros(0.50));
            observed.put("latencyP95Micros", endpoint.latency().quantileMicros(0.95));
            observed.put("latencyP99Micros", endpoint.latency().quantileMicros(0.99));
        }
        op.addExtension(OBSERVED, observed);
        return op;
    }

    private static List<Parameter> queryParameters(Schema query) {
        List<Parameter> out = new ArrayList<>();
        if (query.root() == null) {
            return out;
        }
        for (SchemaNode field : query.root().properties()) {
            if (field.name().startsWith("{")) {
                continue; // a name that was a value: not a parameter of the API's own
            }
            Parameter p = new Parameter().in("query").name(field.name()).required(field.required())
                    .schema(schema(field));
            if (field.types().contains(FieldType.OBJECT)) {
                p.style(Parameter.StyleEnum.DEEPOBJECT).explode(true);
            } else if (field.types().contains(FieldType.ARRAY)) {
                p.style(Parameter.StyleEnum.FORM).explode(true);
            }
            out.add(p);
        }
        return out;
    }

    private static MediaType mediaType(Schema schema) {
        MediaType media = new MediaType();
        if (schema.root() != null) {
            media.schema(schema(schema.root()));
        }
        return media;
    }

    @SuppressWarnings("rawtypes") // swagger-models declares properties as Map<String, Schema>
    static io.swagger.v3.oas.models.media.Schema<Object> schema(SchemaNode node) {
        JsonSchema s = new JsonSchema();
        Set<String> types = new LinkedHashSet<>();
        for (FieldType t : FieldType.values()) {
            if (node.types().contains(t) && !(t == FieldType.INTEGER && node.types().contains(FieldType.NUMBER))) {
                types.add(t.jsonName());
            }
        }
        if (!types.isEmpty()) {
            s.types(types);
        }
        if (node.format() != null) {
            s.format(node.format().jsonName());
        }
        if (node.types().contains(FieldType.OBJECT) && !node.properties().isEmpty()) {
            Map<String, io.swagger.v3.oas.models.media.Schema> properties = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            for (SchemaNode child : node.properties()) {
                if (node.map() || child.name().startsWith("{")) {
                    if (s.getAdditionalProperties() == null) {
                        s.additionalProperties(schema(child));
                    }
                    continue;
                }
                properties.put(child.name(), schema(child));
                if (child.required()) {
                    required.add(child.name());
                }
            }
            if (!properties.isEmpty()) {
                s.properties(properties);
            }
            if (!required.isEmpty()) {
                s.required(required);
            }
        }
        if (node.types().contains(FieldType.ARRAY) && node.items() != null) {
            s.items(schema(node.items()));
        }
        if (!node.dataClasses().isEmpty()) {
            s.addExtension(DATA_CLASSES, node.dataClasses().stream().map(DataClass::name).sorted().toList());
        }
        return s;
    }

    private static io.swagger.v3.oas.models.media.Schema<Object> pathSchema(PathParameter p) {
        JsonSchema s = new JsonSchema();
        switch (p.kind()) {
            case ID -> s.types(Set.of(p.numeric() ? "integer" : "string"));
            case UUID -> s.types(Set.of("string")).format("uuid");
            case DATE -> s.types(Set.of("string")).format("date");
            case DATE_TIME -> s.types(Set.of("string")).format("date-time");
            case EMAIL -> s.types(Set.of("string")).format("email");
            default -> s.types(Set.of("string"));
        }
        s.addExtension("x-perimeter-kind", p.kind().name().toLowerCase(Locale.ROOT));
        return s;
    }

    private static String securitySchemeName(AuthEvidence e) {
        String base = switch (e.scheme()) {
            case BEARER_JWT -> e.location() == CredentialLocation.QUERY ? "queryJwt_" + e.name() : "bearerJwt";
            case BEARER_OPAQUE -> e.location() == CredentialLocation.QUERY ? "queryToken_" + e.name() : "bearer";
            case BASIC -> "basic";
            case DIGEST -> "digest";
            case API_KEY -> "apiKey_" + e.location().name().toLowerCase(Locale.ROOT) + "_" + e.name();
            case COOKIE_SESSION -> "cookie_" + e.name();
            case OTHER -> "http_" + e.name();
            case NONE -> "none";
        };
        StringBuilder out = new StringBuilder(base.length());
        for (int i = 0; i < base.length(); i++) {
            char c = base.charAt(i);
            out.append(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
                    || c == '_' ? c : '_');
        }
        return out.toString();
    }

    private static SecurityScheme securityScheme(AuthEvidence e) {
        return switch (e.scheme()) {
            case BEARER_JWT, BEARER_OPAQUE -> e.location() == CredentialLocation.QUERY
                    ? new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.QUERY).name(e.name())
                    : bearer(e.scheme() == AuthScheme.BEARER_JWT);
            case BASIC -> new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic");
            case DIGEST -> new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("digest");
            case API_KEY -> new SecurityScheme().type(SecurityScheme.Type.APIKEY).name(e.name()).in(switch (e.location()) {
                case QUERY -> SecurityScheme.In.QUERY;
                case COOKIE -> SecurityScheme.In.COOKIE;
                default -> SecurityScheme.In.HEADER;
            });
            case COOKIE_SESSION -> new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.COOKIE)
                    .name(e.name());
            case OTHER -> new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme(e.name());
            case NONE -> throw new IllegalArgumentException("no scheme for NONE");
        };
    }

    private static SecurityScheme bearer(boolean jwt) {
        SecurityScheme s = new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer");
        return jwt ? s.bearerFormat("JWT") : s;
    }

    private static String operationId(Endpoint endpoint, Set<String> taken) {
        StringBuilder id = new StringBuilder(endpoint.method().toLowerCase(Locale.ROOT));
        boolean underscore = false;
        for (int i = 0; i < endpoint.template().length(); i++) {
            char c = endpoint.template().charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
                if (!underscore) {
                    id.append('_');
                    underscore = true;
                }
                id.append(c);
            } else {
                underscore = false;
            }
        }
        String base = id.toString();
        String candidate = base;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = base + "_" + n;
        }
        return candidate;
    }

    private static PathItem.HttpMethod httpMethod(String method) {
        return switch (method) {
            case "GET" -> PathItem.HttpMethod.GET;
            case "POST" -> PathItem.HttpMethod.POST;
            case "PUT" -> PathItem.HttpMethod.PUT;
            case "PATCH" -> PathItem.HttpMethod.PATCH;
            case "DELETE" -> PathItem.HttpMethod.DELETE;
            case "HEAD" -> PathItem.HttpMethod.HEAD;
            case "OPTIONS" -> PathItem.HttpMethod.OPTIONS;
            case "TRACE" -> PathItem.HttpMethod.TRACE;
            default -> null;
        };
    }

    /** A template as an OpenAPI path: unique placeholder names and the path parameters. */
    private record OpenApiPath(String path, String shape, List<Parameter> parameters) {

        static OpenApiPath of(Endpoint endpoint) {
            String template = endpoint.template();
            Map<String, Integer> used = new HashMap<>();
            StringBuilder path = new StringBuilder();
            StringBuilder shape = new StringBuilder();
            List<Parameter> parameters = new ArrayList<>();
            int p = 0;
            int i = 0;
            while (i < template.length()) {
                if (template.charAt(i) == '/') {
                    i++;
                    continue;
                }
                int end = template.indexOf('/', i);
                if (end < 0) {
                    end = template.length();
                }
                path.append('/');
                shape.append('/');
                SegmentKind kind = SegmentKind.ofPlaceholder(template, i, end);
                if (kind == null) {
                    String literal = template.substring(i, end);
                    path.append(literal);
                    shape.append(literal);
                } else {
                    PathParameter parameter = endpoint.pathParameters().get(p++);
                    int n = used.merge(parameter.name(), 1, Integer::sum);
                    String name = n == 1 ? parameter.name() : parameter.name() + "_" + n;
                    path.append('{').append(name).append('}');
                    shape.append("{}");
                    parameters.add(new Parameter().in("path").name(name).required(true).schema(pathSchema(parameter)));
                }
                i = end;
            }
            return new OpenApiPath(path.isEmpty() ? "/" : path.toString(), shape.isEmpty() ? "/" : shape.toString(),
                    parameters);
        }
    }
}
