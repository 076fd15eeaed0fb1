package io.perimeter.analyzer.discovery;

import static io.perimeter.analyzer.discovery.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.analyzer.classification.DataClass;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenApiExporterTest {

    private final InventoryBuilder builder = new InventoryBuilder();
    private final OpenApiExporter exporter = new OpenApiExporter();
    private Service service;

    @BeforeEach
    void traffic() {
        for (int i = 1; i <= 3; i++) {
            builder.observe(call("GET", "/api/v1/users/" + i).header("Authorization", "Bearer " + AuthSchemeDetectorTest.JWT)
                    .respond(200, "application/json", "{\"id\": " + i + ", \"email\": \"u" + i + "@example.test\", \"tags\": [\"a\"],"
                            + " \"address\": {\"city\": \"Berlin\", \"zip\": \"10115\"}" + (i == 2 ? ", \"nick\": null" : "") + "}").build());
        }
        builder.observe(call("GET", "/api/v1/users/404").header("Authorization", "Bearer " + AuthSchemeDetectorTest.JWT)
                .respond(404, "application/problem+json", "{\"title\": \"not found\"}").build());
        builder.observe(call("GET", "/api/v1/users/7").respond(401, null, "").build());
        builder.observe(call("GET", "/api/v1/users/7/orders/a1b2c3").header("Cookie", "JSESSIONID=abc").build());
        EndpointRef post = builder.observe(call("POST", "/api/v1/users").header("Authorization", "Basic YTpi")
                .body("application/json", "{\"name\": \"Jane\", \"email\": \"jane@example.test\", \"roles\": [\"admin\"]}")
                .respond(201, "application/json", "{\"id\": 9}").build());
        builder.recordDataClasses(post, MessagePart.REQUEST_BODY, "email", Set.of(DataClass.EMAIL));
        builder.observe(call("POST", "/api/v1/users").body("application/x-www-form-urlencoded", "name=Max&email=max%40example.test")
                .header("X-API-Key", "k").respond(201, "text/plain", "ok").build());
        builder.observe(call("GET", "/search?q=shoes&page=2&tag=a&tag=b&filter[status]=open&api_key=k").build());
        builder.observe(call("GET", "/search?q=boots").build());
        builder.observe(call("GET", "/files/5f1c0a52-8d0e-4c1e-9a3b-2f7d6e8c9b10").tls().build());
        builder.observe(call("GET", "/stats/2024-03-01").build());
        builder.observe(call("GET", "/u/jane@example.test").build());
        builder.observe(call("PROPFIND", "/dav").build());
        service = builder.snapshot().services().getFirst();
    }

    @Test
    void theDocumentParsesBackAndValidatesWithoutMessages() {
        String json = exporter.toJson(service);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        assertThat(result.getMessages()).isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getOpenapi()).isEqualTo("3.1.0");

        SwaggerParseResult yaml = new OpenAPIV3Parser().readContents(exporter.toYaml(service), null, options);
        assertThat(yaml.getMessages()).isEmpty();
        assertThat(yaml.getOpenAPI().getPaths().keySet()).isEqualTo(api.getPaths().keySet());
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"}) // swagger-models' Schema#getProperties is a raw Map<String, Schema>
    void pathsParametersBodiesResponsesAndSecurity() {
        OpenAPI api = new OpenAPIV3Parser().readContents(exporter.toJson(service), null, new ParseOptions()).getOpenAPI();
        assertThat(api.getPaths()).containsKeys("/api/v1/users/{id}", "/api/v1/users/{id}/orders/{id_2}", "/api/v1/users",
                "/search", "/files/{uuid}", "/stats/{date}", "/u/{email}");
        assertThat(api.getServers()).extracting(s -> s.getUrl())
                .containsExactly("https://shop.example.test:8080", "http://shop.example.test:8080");

        Operation getUser = api.getPaths().get("/api/v1/users/{id}").getGet();
        Parameter id = getUser.getParameters().getFirst();
        assertThat(id.getIn()).isEqualTo("path");
        assertThat(id.getRequired()).isTrue();
        assertThat(id.getSchema().getTypes()).containsExactly("integer");
        assertThat(getUser.getResponses()).containsOnlyKeys("200", "401", "404");
        Schema<?> user = getUser.getResponses().get("200").getContent().get("application/json").getSchema();
        assertThat(user.getTypes()).containsExactly("object");
        assertThat(user.getRequired()).containsExactlyInAnyOrder("id", "email", "tags", "address");
        assertThat(user.getProperties().get("email").getFormat()).isEqualTo("email");
        assertThat(user.getProperties().get("tags").getItems().getTypes()).containsExactly("string");
        assertThat(user.getProperties().get("address").getProperties()).containsOnlyKeys("city", "zip");
        assertThat(user.getProperties().get("nick").getTypes()).containsExactly("null");
        assertThat(getUser.getSecurity()).hasSize(2); // bearer, or nothing (the 401 call)

        Operation orders = api.getPaths().get("/api/v1/users/{id}/orders/{id_2}").getGet();
        assertThat(orders.getParameters()).extracting(Parameter::getName).containsExactly("id", "id_2");
        assertThat(orders.getParameters().get(1).getSchema().getTypes()).containsExactly("string");

        Operation create = api.getPaths().get("/api/v1/users").getPost();
        assertThat(create.getRequestBody().getRequired()).isTrue();
        assertThat(create.getRequestBody().getContent()).containsOnlyKeys("application/json", "application/x-www-form-urlencoded");
        Schema<?> body = create.getRequestBody().getContent().get("application/json").getSchema();
        assertThat(body.getProperties().get("email").getExtensions()).containsEntry(OpenApiExporter.DATA_CLASSES, java.util.List.of("EMAIL"));
        assertThat(body.getProperties().get("roles").getTypes()).containsExactly("array");
        assertThat(create.getResponses().get("201").getContent()).containsOnlyKeys("application/json", "text/plain");

        Operation search = api.getPaths().get("/search").getGet();
        Map<String, Parameter> query = new java.util.LinkedHashMap<>();
        search.getParameters().forEach(p -> query.put(p.getName(), p));
        assertThat(query).containsKeys("q", "page", "tag", "filter", "api_key");
        assertThat(query.get("q").getRequired()).isTrue();
        assertThat(query.get("page").getRequired()).isFalse();
        assertThat(query.get("page").getSchema().getTypes()).containsExactly("integer");
        assertThat(query.get("tag").getSchema().getTypes()).containsExactly("array");
        assertThat(query.get("filter").getStyle()).isEqualTo(Parameter.StyleEnum.DEEPOBJECT);

        assertThat(api.getPaths().get("/files/{uuid}").getGet().getParameters().getFirst().getSchema().getFormat()).isEqualTo("uuid");
        assertThat(api.getPaths().get("/stats/{date}").getGet().getParameters().getFirst().getSchema().getFormat()).isEqualTo("date");

        assertThat(api.getComponents().getSecuritySchemes()).containsOnlyKeys("bearerJwt", "basic", "apiKey_header_x-api-key",
                "apiKey_query_api_key", "cookie_jsessionid");
        assertThat(api.getComponents().getSecuritySchemes().get("bearerJwt").getBearerFormat()).isEqualTo("JWT");
        assertThat(api.getExtensions()).containsEntry("x-perimeter-endpoints-not-exported", 1); // PROPFIND
    }

    @Test
    void noExamplesDefaultsOrEnums() {
        String json = exporter.toJson(service);
        assertThat(json).doesNotContain("\"example\"", "\"examples\"", "\"default\" :", "\"enum\"", "\"const\"");
        assertThat(json).doesNotContain("Berlin", "10115", "jane@example.test", "shoes");
    }
}
