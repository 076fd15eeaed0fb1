package io.perimeter.analyzer.discovery;

import static io.perimeter.analyzer.discovery.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.analyzer.classification.DataClass;
import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.CaptureFlag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InventoryBuilderTest {

    private final InventoryBuilder builder = new InventoryBuilder(InventorySettings.defaults(),
            Clock.fixed(Instant.parse("2026-01-06T00:00:00Z"), ZoneOffset.UTC));

    private static final ServiceKey SHOP = new ServiceKey("shop.example.test", 8080, "java");

    private Service shop() {
        return builder.snapshot().service(SHOP).orElseThrow();
    }

    private static Endpoint endpoint(Service service, String method, String template) {
        return service.endpoints().stream().filter(e -> e.method().equals(method) && e.template().equals(template))
                .findFirst().orElseThrow(() -> new AssertionError(method + " " + template + " not in " + service.endpoints()
                        .stream().map(e -> e.method() + " " + e.template()).toList()));
    }

    @Test
    void servicesAreKeyedByHostPortAndServingProcess() {
        builder.observe(call("GET", "/a").host("Shop.Example.Test:8080").build());
        builder.observe(call("GET", "/a").host(null).server("10.0.0.9", 9000).build());
        builder.observe(call("GET", "http://api.remote.test/v1/x").host(null).server("198.51.100.4", 443).tls()
                .process("curl", ApiCall.Side.CLIENT).build());
        builder.observe(call("GET", "/a").host("canary.user@example.test").server("10.0.0.9", 9000).build());
        Inventory inventory = builder.snapshot();
        assertThat(inventory.services()).extracting(Service::key).containsExactly(
                new ServiceKey("10.0.0.9", 9000, "java"),
                new ServiceKey("api.remote.test", 443, ""),
                new ServiceKey("shop.example.test", 8080, "java"));
        Service remote = inventory.service(new ServiceKey("api.remote.test", 443, "")).orElseThrow();
        assertThat(remote.tlsSeen()).isTrue();
        assertThat(remote.plaintextSeen()).isFalse();
        assertThat(remote.clientProcesses()).containsExactly("curl");
        assertThat(endpoint(remote, "GET", "/v1/x").calls()).isEqualTo(1);
        assertThat(inventory.service(new ServiceKey("10.0.0.9", 9000, "java")).orElseThrow().calls()).isEqualTo(2);
    }

    @Test
    void endpointsCountStatusesLatencyAuthAndTimes() {
        Instant t0 = Calls.T0;
        builder.observe(call("GET", "/api/v1/users/1").at(t0).took(Duration.ofMillis(5))
                .header("Authorization", "Bearer " + AuthSchemeDetectorTest.JWT).build());
        builder.observe(call("GET", "/api/v1/users/2").at(t0.plusSeconds(60)).took(Duration.ofMillis(30)).status(404).build());
        builder.observe(call("GET", "/api/v1/users/3").at(t0.plusSeconds(30)).status(null).flag(CaptureFlag.NO_RESPONSE).build());
        builder.observe(call("DELETE", "/api/v1/users/3").header("X-API-Key", "canary").build());
        Service shop = shop();
        Endpoint get = endpoint(shop, "GET", "/api/v1/users/{id}");
        assertThat(get.calls()).isEqualTo(3);
        assertThat(get.firstSeen()).isEqualTo(t0);
        assertThat(get.lastSeen()).isEqualTo(t0.plusSeconds(60));
        assertThat(get.statusCounts()).containsExactly(Map.entry(200, 1L), Map.entry(404, 1L));
        assertThat(get.noResponse()).isEqualTo(1);
        assertThat(get.latency().count()).isEqualTo(2);
        assertThat(get.authSchemes()).containsExactly(Map.entry(AuthScheme.BEARER_JWT, 1L), Map.entry(AuthScheme.NONE, 2L));
        assertThat(get.pathParameters()).containsExactly(new PathParameter(3, "id", SegmentKind.ID, true));
        Endpoint delete = endpoint(shop, "DELETE", "/api/v1/users/{id}");
        assertThat(delete.credentials()).containsExactly(new AuthEvidence(AuthScheme.API_KEY, CredentialLocation.HEADER, "x-api-key"));
    }

    @Test
    void schemasPerContentTypeAndStatus() {
        builder.observe(call("POST", "/orders?dryRun=true").body("application/json; charset=utf-8", "{\"sku\":\"A\",\"qty\":1}")
                .respond(201, "application/json", "{\"id\":7,\"status\":\"new\"}").build());
        builder.observe(call("POST", "/orders").body("application/x-www-form-urlencoded", "sku=B&qty=2")
                .respond(422, "application/problem+json", "{\"title\":\"bad\",\"errors\":[{\"field\":\"qty\"}]}").build());
        builder.observe(call("POST", "/orders").body("text/xml", "<order/>").respond(415, "text/html", "<p>no</p>").build());
        Endpoint e = endpoint(shop(), "POST", "/orders");
        assertThat(e.requestContentTypes()).containsOnlyKeys("application/json", "application/x-www-form-urlencoded", "text/xml");
        assertThat(e.requestSchemas().get("application/json").fields()).extracting(SchemaField::path).containsExactly("sku", "qty");
        assertThat(e.requestSchemas().get("application/x-www-form-urlencoded").fields()).extracting(SchemaField::path)
                .containsExactly("sku", "qty");
        assertThat(e.requestSchemas().get("text/xml").root()).isNull();
        assertThat(e.responseSchemas()).containsOnlyKeys(201, 415, 422);
        assertThat(e.responseSchemas().get(422).get("application/problem+json").fields()).extracting(SchemaField::path)
                .containsExactly("title", "errors", "errors[]", "errors[].field");
        assertThat(e.query().fields()).extracting(SchemaField::path).containsExactly("dryRun");
        assertThat(e.query().fields().getFirst().required()).isFalse();
        assertThat(e.requestsWithBody()).isEqualTo(3);
    }

    @Test
    void endpointsStoredUnderOldTemplatesAreMergedWhenTheTemplaterMerges() {
        List<String> slugs = PathTemplaterTest.slugs(30);
        for (String slug : slugs) {
            builder.observe(call("GET", "/products/" + slug).respond(200, "application/json", "{\"name\":\"x\"}").build());
        }
        Service shop = shop();
        assertThat(shop.endpoints()).extracting(Endpoint::template).containsExactly("/products/{param}");
        Endpoint merged = shop.endpoints().getFirst();
        assertThat(merged.calls()).isEqualTo(30);
        assertThat(merged.responseSchemas().get(200).get("application/json").observations()).isEqualTo(30);
        assertThat(shop.templater().merges()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void dataClassesReachTheEndpointsSchemasEvenAfterARekey() {
        EndpointRef ref = builder.observe(call("POST", "/accounts/alpha-one?email=x").body("application/json",
                "{\"owner\":{\"email\":\"canary.user@example.test\"}}").respond(200, "application/json", "{\"card\":\"4111111111111111\"}").build());
        assertThat(ref.template()).isEqualTo("/accounts/alpha-one");
        for (String slug : PathTemplaterTest.slugs(30)) {
            builder.observe(call("POST", "/accounts/" + slug).build());
        }
        assertThat(builder.recordDataClasses(ref, MessagePart.REQUEST_BODY, "owner.email", Set.of(DataClass.EMAIL))).isTrue();
        assertThat(builder.recordDataClasses(ref, MessagePart.RESPONSE_BODY, "card", Set.of(DataClass.CARD_NUMBER))).isTrue();
        assertThat(builder.recordDataClasses(ref, MessagePart.QUERY, "email", Set.of(DataClass.EMAIL))).isTrue();
        assertThat(builder.recordDataClasses(ref, MessagePart.QUERY, "missing", Set.of(DataClass.EMAIL))).isFalse();
        Endpoint e = endpoint(shop(), "POST", "/accounts/{param}");
        assertThat(e.requestSchemas().get("application/json").fields()).filteredOn(f -> f.path().equals("owner.email"))
                .singleElement().extracting(SchemaField::dataClasses).isEqualTo(Set.of(DataClass.EMAIL));
        assertThat(e.query().fields().getFirst().dataClasses()).containsExactly(DataClass.EMAIL);
    }

    @Test
    void capsHold() {
        TemplaterSettings t = TemplaterSettings.defaults();
        InventoryBuilder small = new InventoryBuilder(new InventorySettings(2, 3, 20_000, 1, 1, 200_000, 500_000, t, SchemaLimits.defaults()),
                Clock.systemUTC());
        for (String host : new String[] {"a.test", "b.test", "c.test", "d.test"}) {
            small.observe(call("GET", "/x").host(host).build());
        }
        for (String path : new String[] {"/one", "/two", "/three", "/four", "/five"}) {
            small.observe(call("GET", path).host("a.test").body("application/json", "{}").build());
        }
        Inventory inventory = small.snapshot();
        assertThat(inventory.services()).extracting(s -> s.key().host()).containsExactly("(other)", "a.test", "b.test");
        Service a = inventory.service(new ServiceKey("a.test", 8080, "java")).orElseThrow();
        assertThat(a.endpoints()).hasSize(3);
        assertThat(a.unattributedCalls()).isEqualTo(3);
    }

    @Test
    void sharedBudgetsBoundAllServicesTogether() {
        InventoryBuilder small = new InventoryBuilder(new InventorySettings(1_000, 2_000, 1_000, 8, 16, 500, 2_000,
                TemplaterSettings.defaults(), SchemaLimits.defaults()), Clock.systemUTC());
        String[] words = WellKnownWords.words();
        for (int i = 0; i < 20_000; i++) {
            String host = "svc" + (i % 50) + ".test";
            small.observe(call("POST", "/" + words[i % words.length] + "/" + words[(i * 7) % words.length]).host(host)
                    .body("application/json", "{\"f" + (i % 300) + "\": {\"g" + (i % 7) + "\": [1]}}").build());
        }
        assertThat(small.templateNodesInUse()).isLessThanOrEqualTo(500 + 50); // + one root per service
        assertThat(small.schemaFieldsInUse()).isLessThanOrEqualTo(2_000);
        assertThat(small.endpointsInUse()).isLessThanOrEqualTo(1_000);
        Inventory inventory = small.snapshot();
        assertThat(inventory.services()).hasSize(50);
        assertThat(inventory.services().stream().mapToLong(Service::calls).sum()).isEqualTo(20_000);
        assertThat(inventory.services().stream().mapToLong(s -> s.endpoints().size()).sum()).isEqualTo(small.endpointsInUse());
        assertThat(inventory.services().stream().mapToLong(Service::unattributedCalls).sum()).isPositive();
    }

    @Test
    void concurrentObserversLoseNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        builder.observe(call("GET", "/items/" + (thread * 10_000 + i)).host(i % 2 == 0 ? "shop.example.test" : "other.test").build());
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Inventory inventory = builder.snapshot();
        assertThat(inventory.services().stream().mapToLong(Service::calls).sum()).isEqualTo(8_000);
        assertThat(endpoint(shop(), "GET", "/items/{id}").calls()).isEqualTo(4_000);
    }
}
