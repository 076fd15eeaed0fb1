package io.perimeter.analyzer.findings;

import static io.perimeter.analyzer.findings.Traffic.call;
import static io.perimeter.analyzer.findings.Traffic.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** API9: improper inventory management (against an uploaded OpenAPI document, and across versions). */
class InventoryRulesTest {
    private static final String SPEC = """
            openapi: 3.0.3
            info: {title: Shop, version: "1"}
            servers:
              - url: https://api.shop.test/api
            paths:
              /v1/users/{userId}:
                get: {responses: {"200": {description: ok}}}
                delete: {responses: {"204": {description: gone}}}
              /v1/users/me:
                get: {responses: {"200": {description: ok}}}
              /v1/orders:
                get:
                  deprecated: true
                  responses: {"200": {description: ok}}
              /v1/files/{name}.json:
                get: {responses: {"200": {description: ok}}}
            """;

    private static Harness withSpec() {
        return new Harness(FindingsSettings.defaults(), Optional.of(ApiSpec.parse(SPEC)));
    }

    @Test
    void undeclaredEndpointsThatAnswerAreShadowEndpoints() {
        Harness h = withSpec().feed(
                get("/api/v1/users/5").respond(200, "{}"),
                call("DELETE", "/api/v1/users/6").respond(204, "text/plain", ""),
                get("/api/v1/users/me").respond(200, "{}"),
                call("OPTIONS", "/api/v1/orders").respond(204, "text/plain", ""),
                get("/api/v1/admin/export").respond(200, "{}"),
                call("POST", "/api/v1/orders").json("{}").respond(401, "{}"),
                get("/api/v1/nothing-here").respond(404, "{}"));

        assertThat(h.findings(RuleId.API9_SHADOW_ENDPOINT)).extracting(Finding::method, Finding::template)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("GET", "/api/v1/admin/export"),
                        org.assertj.core.groups.Tuple.tuple("POST", "/api/v1/orders"));
    }

    @Test
    void deprecatedOperationsStillAnswering() {
        Harness h = withSpec().feed(get("/api/v1/orders").respond(200, "[]"), get("/api/v1/users/me").respond(200, "{}"));

        assertThat(h.only(RuleId.API9_DEPRECATED_OPERATION).template()).isEqualTo("/api/v1/orders");
    }

    @Test
    void otherHostsAndNoSpecAreLeftAlone() {
        Harness other = withSpec().feed(get("/api/v1/admin/export").host("billing.other.test").respond(200, "{}"));
        Harness none = new Harness().feed(get("/api/v1/admin/export").respond(200, "{}"));

        assertThat(other.findings(RuleId.API9_SHADOW_ENDPOINT)).isEmpty();
        assertThat(none.findings(RuleId.API9_SHADOW_ENDPOINT)).isEmpty();
    }

    @Test
    void specThatIsNotOpenApiIsRefused() {
        assertThatThrownBy(() -> ApiSpec.parse("{\"swagger\": \"2.0\", \"paths\": {}}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApiSpec.parse("just text")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ApiSpec.parse(SPEC).operations()).isEqualTo(5);
    }

    @Test
    void olderVersionStillCalledAfterANewerOneAnswered() {
        Harness h = new Harness().feed(
                get("/api/v1/users/1").respond(200, "{}"), // before v2 was seen: not counted
                get("/api/v2/users/2").respond(200, "{}"),
                get("/api/v1/users/3").at(Traffic.T0.plusSeconds(5)).respond(200, "{}"),
                get("/api/v1/users/4").at(Traffic.T0.plusSeconds(9)).respond(200, "{}"),
                get("/api/v1/users/5").respond(410, "{}"));

        Finding f = h.only(RuleId.API9_DEPRECATED_VERSION);
        assertThat(f.template()).isEqualTo("/api/v1/users/{id}");
        assertThat(f.evidence().facts()).containsEntry("calledVersion", 1L).containsEntry("newestVersion", 2L);
        assertThat(f.count()).isEqualTo(2);
        assertThat(f.firstSeen()).isEqualTo(Traffic.T0.plusSeconds(5));
        assertThat(f.lastSeen()).isEqualTo(Traffic.T0.plusSeconds(9));
    }

    @Test
    void differentResourcesAndSingleVersionsAreNot() {
        Harness h = new Harness().feed(
                get("/api/v2/orders").respond(200, "[]"),
                get("/api/v1/users").respond(200, "[]"),
                call("POST", "/api/v2/users").json("{}").respond(201, "{}"),
                get("/api/v1/users").respond(200, "[]"));

        assertThat(h.findings(RuleId.API9_DEPRECATED_VERSION)).isEmpty();
    }
}
