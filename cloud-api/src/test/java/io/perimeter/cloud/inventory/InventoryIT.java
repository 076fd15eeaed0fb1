package io.perimeter.cloud.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perimeter.cloud.support.ApiClient;
import io.perimeter.cloud.support.CloudApiFixture;
import io.perimeter.cloud.support.Reply;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The inventory through the API: services, endpoints, their detail, the OpenAPI export and the dashboard. */
@Tag("services")
@RequiresServices({Service.POSTGRES, Service.KEYCLOAK})
class InventoryIT {
    private static CloudApiFixture cloud;
    private static InventorySeed acme;
    private static InventorySeed globex;

    @BeforeAll
    static void start(PostgresEndpoint postgres, KeycloakEndpoint keycloak) {
        cloud = CloudApiFixture.start(postgres, keycloak, Map.of());
        acme = InventorySeed.into(cloud, cloud.acme.id());
        globex = InventorySeed.into(cloud, cloud.globex.id());
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void servicesAreListedSearchedFilteredAndShownWithTheirTotals() {
        ApiClient dave = cloud.as("dave").inTenant("acme");
        JsonNode all = ok(dave.get("/api/v1/services"));
        assertThat(all.path("items").findValuesAsText("host")).containsExactly("billing.internal", "shop.example.test");
        assertThat(all.has("nextCursor") && all.path("nextCursor").isNull()).as("nextCursor: null").isTrue();

        assertThat(ok(dave.get("/api/v1/services?q=BILL")).path("items").findValuesAsText("host"))
                .containsExactly("billing.internal");
        assertThat(ok(dave.get("/api/v1/services?tls=true")).path("items").findValuesAsText("host"))
                .containsExactly("shop.example.test");
        assertThat(ok(dave.get("/api/v1/services?dataClass=IBAN")).path("items").findValuesAsText("host"))
                .containsExactly("billing.internal");
        assertThat(ok(dave.get("/api/v1/services?sort=endpoints&limit=1")).path("items").findValuesAsText("host"))
                .containsExactly("shop.example.test");

        JsonNode shop = ok(dave.get("/api/v1/services/" + acme.shop));
        assertThat(shop.path("endpoints").asLong()).isEqualTo(3 + InventorySeed.CATALOG_ENDPOINTS);
        assertThat(shop.path("tls").asBoolean()).isTrue();
        assertThat(texts(shop.path("dataClasses"))).containsExactly("CARD_NUMBER", "EMAIL", "JWT", "POSTAL_ADDRESS");
        assertThat(texts(shop.path("auth"))).containsExactly("bearer-jwt", "bearer-opaque", "none");
        assertThat(shop.path("openFindings").asLong()).isEqualTo(9);

        assertThat(cloud.as("carol").get("/api/v1/services/" + acme.shop).status()).isEqualTo(404);
        assertThat(cloud.as("carol").get("/api/v1/services").json().path("items").findValuesAsText("id"))
                .containsExactlyInAnyOrder(globex.shop.toString(), globex.billing.toString());
        assertThat(dave.get("/api/v1/services?sort=port").problemType()).isEqualTo("bad-sort");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lastSeen", "calls", "sensitivity", "template"})
    void everySortPagesThroughEveryEndpointOnceWithoutGaps(String sort) {
        ApiClient bob = cloud.as("bob");
        Set<String> everything = new HashSet<>(ok(bob.get("/api/v1/endpoints?limit=200")).path("items")
                .findValuesAsText("id"));
        assertThat(everything).hasSize(4 + InventorySeed.CATALOG_ENDPOINTS);

        List<JsonNode> served = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = ok(bob.get("/api/v1/endpoints?sort=" + sort + "&limit=5"
                    + (cursor == null ? "" : "&cursor=" + cursor)));
            page.path("items").forEach(served::add);
            assertThat(page.path("items").size()).isLessThanOrEqualTo(5);
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
            assertThat(pages).as("pages of %s", sort).isLessThanOrEqualTo(everything.size());
        } while (cursor != null);

        List<String> ids = served.stream().map(e -> e.path("id").asText()).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(everything);
        assertThat(pages).isEqualTo((everything.size() + 4) / 5);
        for (int i = 1; i < served.size(); i++) {
            JsonNode before = served.get(i - 1);
            JsonNode after = served.get(i);
            switch (sort) {
                case "lastSeen" -> assertThat(Instant.parse(after.path("lastSeen").asText()))
                        .isBeforeOrEqualTo(Instant.parse(before.path("lastSeen").asText()));
                case "calls" -> assertThat(after.path("calls").asLong()).isLessThanOrEqualTo(before.path("calls").asLong());
                case "sensitivity" -> assertThat(after.path("sensitivity").asInt())
                        .isLessThanOrEqualTo(before.path("sensitivity").asInt());
                default -> assertThat(after.path("template").asText())
                        .isGreaterThanOrEqualTo(before.path("template").asText());
            }
        }
    }

    @Test
    void cursorsFromAnotherSortOrForgedOnesAreRefused() {
        ApiClient bob = cloud.as("bob");
        String cursor = ok(bob.get("/api/v1/endpoints?sort=calls&limit=2")).path("nextCursor").asText();
        assertThat(bob.get("/api/v1/endpoints?sort=lastSeen&cursor=" + cursor).problemType()).isEqualTo("bad-cursor");
        assertThat(bob.get("/api/v1/endpoints?cursor=not-a-cursor").status()).isEqualTo(400);
        assertThat(bob.get("/api/v1/endpoints?limit=0").status()).isEqualTo(400);
        assertThat(bob.get("/api/v1/endpoints?limit=201").status()).isEqualTo(400);
    }

    @Test
    void endpointsAreFilteredByServiceMethodDataClassAuthFindingsAndTemplate() {
        ApiClient bob = cloud.as("bob");
        assertThat(templates(bob, "serviceId=" + acme.billing)).containsExactly("/invoices/{invoiceId}/pay");
        assertThat(templates(bob, "method=post")).containsExactlyInAnyOrder("/api/v1/orders",
                "/invoices/{invoiceId}/pay");
        assertThat(templates(bob, "dataClass=CARD_NUMBER&dataClass=IBAN")).containsExactlyInAnyOrder(
                "/api/v1/users/{id}", "/invoices/{invoiceId}/pay");
        assertThat(templates(bob, "auth=api-key,none")).containsExactlyInAnyOrder("/health",
                "/invoices/{invoiceId}/pay");
        assertThat(templates(bob, "hasFindings=true")).hasSize(4 + 6);
        assertThat(templates(bob, "hasFindings=false")).hasSize(InventorySeed.CATALOG_ENDPOINTS - 6);
        assertThat(templates(bob, "q=USERS/%7B")).containsExactly("/api/v1/users/{id}");
        assertThat(templates(bob, "q=section_1")).isEmpty();
        assertThat(bob.get("/api/v1/endpoints?dataClass=SHOE_SIZE").problemType()).isEqualTo("bad-filter");
        assertThat(bob.get("/api/v1/endpoints?auth=kerberos").status()).isEqualTo(400);
    }

    @Test
    void anEndpointsDetailHasItsSchemaWithDataClassesTrafficAndFindings() {
        JsonNode users = ok(cloud.as("dave").inTenant("acme").get("/api/v1/endpoints/" + acme.users));
        assertThat(users.path("service").path("host").asText()).isEqualTo("shop.example.test");
        assertThat(users.path("service").path("tls").asBoolean()).isTrue();
        assertThat(texts(users.path("auth"))).containsExactly("bearer-jwt");
        assertThat(users.path("sensitivity").asInt()).isEqualTo(50 + 10 + 20);
        assertThat(users.path("statusCodes").path("404").asLong()).isEqualTo(14);
        assertThat(users.path("latency").path("p50Micros").asLong()).isEqualTo(4525);
        assertThat(users.path("latency").path("p99Micros").asLong()).isEqualTo(25600);
        assertThat(users.path("latency").path("meanMicros").asLong()).isEqualTo(8000);

        JsonNode schema = users.path("schema");
        assertThat(schema.path("pathParameters").findValuesAsText("path")).containsExactly("id");
        assertThat(texts(schema.path("requestHeaders"))).contains("Authorization", "X-Request-Id");
        assertThat(texts(schema.path("headerDataClasses").path("Authorization"))).containsExactly("JWT");
        JsonNode body = schema.path("responseBodies").get(0);
        assertThat(body.path("contentType").asText()).isEqualTo("application/json");
        JsonNode card = field(body, "cards[].number");
        assertThat(texts(card.path("dataClasses"))).containsExactly("CARD_NUMBER");
        assertThat(card.path("required").asBoolean()).isFalse();
        assertThat(texts(field(body, "email").path("formats"))).containsExactly("email");

        JsonNode findings = users.path("findings");
        assertThat(findings.path("byStatus").path("open").asLong()).isEqualTo(1);
        assertThat(findings.path("unresolvedBySeverity").path("high").asLong()).isEqualTo(1);
        assertThat(findings.path("recent").findValuesAsText("rule")).containsExactly("API3-CARD-NUMBER-UNMASKED");

        assertThat(cloud.as("carol").get("/api/v1/endpoints/" + acme.users).status()).isEqualTo(404);
        assertThat(cloud.as("bob").get("/api/v1/endpoints/" + UUID.randomUUID()).problemType()).isEqualTo("not-found");
        assertThat(cloud.as("bob").get("/api/v1/endpoints/not-a-uuid").status()).isEqualTo(400);
    }

    @Test
    void theOpenApiExportParsesAndDescribesTheObservedTemplatesAndDataClasses() {
        Reply reply = cloud.as("dave").inTenant("acme").get("/api/v1/services/" + acme.shop + "/openapi");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(reply.text());
        assertThat(parsed.getMessages()).isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        assertThat(api.getOpenapi()).isEqualTo("3.1.0");
        assertThat(api.getServers().getFirst().getUrl()).isEqualTo("https://shop.example.test:8443");
        assertThat(api.getPaths()).containsKeys("/api/v1/users/{id}", "/api/v1/orders", "/health",
                "/api/v1/catalog/section-0");

        var getUser = api.getPaths().get("/api/v1/users/{id}").getGet();
        assertThat(getUser.getParameters()).extracting(p -> p.getIn() + ":" + p.getName())
                .containsExactly("path:id", "query:expand", "header:X-Request-Id");
        assertThat(getUser.getParameters().getFirst().getSchema().getTypes()).containsExactly("integer");
        assertThat(getUser.getResponses()).containsKeys("200", "404");
        Schema<?> user = getUser.getResponses().get("200").getContent().get("application/json").getSchema();
        assertThat(user.getRequired()).containsExactly("email", "id");
        assertThat(user.getProperties().get("email").getExtensions()).containsEntry("x-data-classes", List.of("EMAIL"));
        assertThat(user.getProperties().get("email").getFormat()).isEqualTo("email");
        Schema<?> cards = user.getProperties().get("cards");
        assertThat(cards.getTypes()).containsExactly("array");
        assertThat(((Schema<?>) cards.getItems().getProperties().get("number")).getExtensions())
                .containsEntry("x-data-classes", List.of("CARD_NUMBER"));
        assertThat(getUser.getResponses().get("404").getContent()).isNull();
        assertThat(getUser.getSecurity()).singleElement().satisfies(s -> assertThat(s).containsKey("bearerJwt"));
        assertThat(api.getComponents().getSecuritySchemes().get("bearerJwt").getBearerFormat()).isEqualTo("JWT");

        var order = api.getPaths().get("/api/v1/orders").getPost();
        Schema<?> orderBody = order.getRequestBody().getContent().get("application/json").getSchema();
        assertThat(((Schema<?>) orderBody.getProperties().get("shipping").getProperties().get("address"))
                .getExtensions()).containsEntry("x-data-classes", List.of("POSTAL_ADDRESS"));
        assertThat(order.getResponses().get("201").getContent()).isNotNull();
        assertThat(order.getResponses().get("400").getContent()).isNull();
        assertThat(api.getPaths().get("/health").getGet().getSecurity()).isNull();

        Reply billing = cloud.as("bob").get("/api/v1/services/" + acme.billing + "/openapi?format=yaml");
        assertThat(billing.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/yaml"));
        OpenAPI billingApi = new OpenAPIV3Parser().readContents(billing.text()).getOpenAPI();
        assertThat(billingApi.getServers().getFirst().getUrl()).isEqualTo("http://billing.internal:8080");
        assertThat(billingApi.getComponents().getSecuritySchemes().get("apiKey_X-Api-Key").getName())
                .isEqualTo("X-Api-Key");

        assertThat(cloud.as("carol").get("/api/v1/services/" + acme.shop + "/openapi").status()).isEqualTo(404);
        assertThat(cloud.as("bob").get("/api/v1/services/" + acme.shop + "/openapi?format=xml").status())
                .isEqualTo(400);
    }

    @Test
    void theDashboardCountsInventoryFindingsAndEdgesHealth() {
        JsonNode dashboard = ok(cloud.as("dave").inTenant("acme").get("/api/v1/dashboard"));
        assertThat(dashboard.path("totals").path("services").asLong()).isEqualTo(2);
        assertThat(dashboard.path("totals").path("endpoints").asLong()).isEqualTo(4 + InventorySeed.CATALOG_ENDPOINTS);
        assertThat(dashboard.path("totals").path("edges").asLong()).isEqualTo(1);
        assertThat(dashboard.path("findings").path("total").asLong()).isEqualTo(10);
        assertThat(dashboard.path("findings").path("unresolvedBySeverity").path("critical").asLong()).isEqualTo(1);
        assertThat(dashboard.path("findings").path("unresolvedBySeverity").path("medium").asLong()).isEqualTo(4);
        assertThat(dashboard.path("findings").path("byStatus").path("open").asLong()).isEqualTo(10);

        JsonNode days = dashboard.path("openedPerDay");
        assertThat(days.size()).isEqualTo(30);
        long opened = StreamSupport.stream(days.spliterator(), false).mapToLong(d -> d.path("total").asLong()).sum();
        assertThat(opened).as("findings first seen within 30 days").isEqualTo(10);
        assertThat(StreamSupport.stream(days.spliterator(), false)
                .mapToLong(d -> d.path("bySeverity").path("critical").asLong()).sum()).isEqualTo(1);
        assertThat(days.get(0).path("day").asText()).isLessThan(days.get(29).path("day").asText());

        assertThat(dashboard.path("endpointsByDataClass").path("EMAIL").asLong()).isEqualTo(1 + 12);
        assertThat(dashboard.path("mostSensitive").get(0).path("template").asText()).isEqualTo("/api/v1/users/{id}");
        assertThat(dashboard.path("mostSensitive").findValuesAsText("template")).doesNotContain("/health");

        JsonNode edges = dashboard.path("edges");
        assertThat(edges.path("degraded").asLong()).isEqualTo(1);
        assertThat(edges.path("eventsLost").asLong()).isEqualTo(17);
        assertThat(edges.path("dataBytesLost").asLong()).isEqualTo(4096);
        assertThat(edges.path("callsWithGaps").asLong()).isEqualTo(3);
        assertThat(edges.path("items").get(0).path("health").asText()).isEqualTo("degraded");
        assertThat(edges.path("items").get(0).toString()).doesNotContain("credential");
    }

    @Test
    void noOutputCarriesAValuePlantedWhereTheContractHasNoRoomForIt() {
        ApiClient bob = cloud.as("bob");
        List<String> outputs = new ArrayList<>();
        for (String path : List.of("/api/v1/services", "/api/v1/services/" + acme.shop,
                "/api/v1/services/" + acme.shop + "/openapi", "/api/v1/services/" + acme.shop + "/openapi?format=yaml",
                "/api/v1/endpoints?limit=200", "/api/v1/endpoints/" + acme.users, "/api/v1/dashboard",
                "/api/v1/findings?limit=200", "/api/v1/findings/" + acme.cardFinding,
                "/api/v1/findings/" + acme.cardFinding + "/events")) {
            Reply reply = bob.get(path);
            assertThat(reply.status()).as(path + " " + reply).isEqualTo(200);
            outputs.add(reply.text());
        }
        assertThat(outputs).allSatisfy(text -> assertThat(text)
                .doesNotContain(InventorySeed.PLANTED_EMAIL)
                .doesNotContain(InventorySeed.PLANTED_CARD)
                .doesNotContain("samples"));
        JsonNode evidence = ok(bob.get("/api/v1/findings/" + acme.cardFinding)).path("evidence");
        assertThat(evidence.path("facts").path("responses").asLong()).isEqualTo(12);
        assertThat(evidence.path("facts").has("sample")).isFalse();
    }

    private static List<String> templates(ApiClient client, String query) {
        return ok(client.get("/api/v1/endpoints?limit=200&" + query)).path("items").findValuesAsText("template");
    }

    private static JsonNode field(JsonNode body, String path) {
        return StreamSupport.stream(body.path("fields").spliterator(), false)
                .filter(f -> f.path("path").asText().equals(path)).findFirst().orElseThrow();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static JsonNode ok(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }
}
