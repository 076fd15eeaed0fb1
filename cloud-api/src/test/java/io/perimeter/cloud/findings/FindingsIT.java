package io.perimeter.cloud.findings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perimeter.cloud.inventory.InventorySeed;
import io.perimeter.cloud.support.ApiClient;
import io.perimeter.cloud.support.CloudApiFixture;
import io.perimeter.cloud.support.Reply;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Findings through the API: lists with filters and paging, detail, and the triage workflow with its history. */
@Tag("services")
@RequiresServices({Service.POSTGRES, Service.KEYCLOAK})
class FindingsIT {
    private static CloudApiFixture cloud;
    private static InventorySeed acme;

    @BeforeAll
    static void start(PostgresEndpoint postgres, KeycloakEndpoint keycloak) {
        cloud = CloudApiFixture.start(postgres, keycloak, Map.of());
        acme = InventorySeed.into(cloud, cloud.acme.id());
        InventorySeed.into(cloud, cloud.globex.id());
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void findingsAreFilteredBySeverityStatusCategoryAndEndpoint() {
        ApiClient dave = cloud.as("dave").inTenant("acme");
        assertThat(rules(dave, "severity=high")).containsExactly("API3-CARD-NUMBER-UNMASKED");
        assertThat(rules(dave, "severity=critical,high")).containsExactlyInAnyOrder("API3-CARD-NUMBER-UNMASKED",
                "API2-TOKEN-IN-QUERY");
        assertThat(rules(dave, "category=API3:2023")).containsExactlyInAnyOrder("API3-CARD-NUMBER-UNMASKED",
                "API3-IBAN-UNMASKED");
        assertThat(rules(dave, "endpointId=" + acme.users)).containsExactly("API3-CARD-NUMBER-UNMASKED");
        assertThat(rules(dave, "serviceId=" + acme.billing)).containsExactly("API3-IBAN-UNMASKED");
        assertThat(rules(dave, "status=resolved&category=ATTACK")).isEmpty();
        assertThat(dave.get("/api/v1/findings?severity=urgent").problemType()).isEqualTo("bad-filter");
        assertThat(dave.get("/api/v1/findings?category=API11:2023").status()).isEqualTo(400);

        List<String> severities = items(dave, "sort=severity").stream().map(f -> f.path("severity").asText()).toList();
        assertThat(severities.getFirst()).isEqualTo("critical");
        assertThat(severities.getLast()).isEqualTo("info");

        JsonNode card = items(dave, "endpointId=" + acme.users).getFirst();
        assertThat(card.path("host").asText()).isEqualTo("shop.example.test");
        assertThat(card.path("evidence").path("field").asText()).isEqualTo("cards[].number");
        assertThat(card.path("evidence").path("dataClasses").get(0).asText()).isEqualTo("CARD_NUMBER");

        assertThat(cloud.as("carol").get("/api/v1/findings").json().path("items").findValuesAsText("id"))
                .doesNotContainAnyElementsOf(acme.findings.stream().map(UUID::toString).toList());
    }

    @Test
    void pagingRoundTripsEveryFindingOnce() {
        ApiClient bob = cloud.as("bob");
        for (String sort : List.of("lastSeen", "firstSeen", "severity", "count")) {
            List<String> ids = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = bob.get("/api/v1/findings?limit=3&sort=" + sort
                        + (cursor == null ? "" : "&cursor=" + cursor)).json();
                ids.addAll(page.path("items").findValuesAsText("id"));
                cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
                assertThat(ids.size()).as("served of %s", sort).isLessThanOrEqualTo(acme.findings.size());
            } while (cursor != null);
            assertThat(ids).as(sort).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(acme.findings.stream().map(UUID::toString).toList());
        }
    }

    @Test
    void analystsMoveAFindingThroughTheWorkflowAndEveryStepIsInItsHistoryAndTheAuditTrail() {
        UUID finding = acme.findings.get(1);
        String path = "/api/v1/findings/" + finding;
        ApiClient bob = cloud.as("bob");

        Reply skipped = bob.post(path + "/transitions", Map.of("status", "resolved"));
        assertThat(skipped.status()).isEqualTo(409);
        assertThat(skipped.problemType()).isEqualTo("invalid-transition");

        JsonNode acknowledged = ok(bob.post(path + "/transitions", Map.of("status", "acknowledged", "comment",
                "looking into it")));
        assertThat(acknowledged.path("status").asText()).isEqualTo("acknowledged");
        assertThat(bob.post(path + "/transitions", Map.of("status", "acknowledged")).status()).isEqualTo(409);

        Reply noReason = bob.post(path + "/transitions", Map.of("status", "risk_accepted"));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.problemType()).isEqualTo("comment-required");

        ok(bob.post(path + "/transitions", Map.of("status", "false_positive", "comment", "test tokens only")));
        assertThat(bob.post(path + "/transitions", Map.of("status", "resolved")).status()).isEqualTo(409);
        JsonNode reopened = ok(cloud.as("alice").post(path + "/transitions", Map.of("status", "open")));
        assertThat(reopened.path("status").asText()).isEqualTo("open");

        JsonNode history = reopened.path("history");
        assertThat(history.findValuesAsText("kind")).containsExactly("status", "status", "status");
        assertThat(history.findValuesAsText("actor")).containsExactly("bob", "bob", "alice");
        assertThat(steps(history)).containsExactly("open>acknowledged", "acknowledged>false_positive",
                "false_positive>open");
        assertThat(history.get(1).path("comment").asText()).isEqualTo("test tokens only");
        assertThat(ok(bob.get(path + "/events"))).isEqualTo(history);

        JsonNode audit = ok(cloud.as("alice").get("/api/v1/audit"));
        List<JsonNode> changes = StreamSupport.stream(audit.spliterator(), false)
                .filter(e -> e.path("action").asText().equals("finding.status-changed")
                        && e.path("targetId").asText().equals(finding.toString()))
                .toList();
        assertThat(changes).hasSize(3);

        assertThat(bob.post(path + "/transitions", Map.of("status", "closed")).problemType())
                .isEqualTo("unknown-status");
        assertThat(bob.post(path + "/transitions", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void viewersReadButDoNotTriageAndOtherTenantsGet404() {
        String path = "/api/v1/findings/" + acme.cardFinding;
        ApiClient dave = cloud.as("dave").inTenant("acme");
        assertThat(ok(dave.get(path)).path("rule").asText()).isEqualTo("API3-CARD-NUMBER-UNMASKED");
        Reply refused = dave.post(path + "/transitions", Map.of("status", "acknowledged"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.problemType()).isEqualTo("role-required");
        assertThat(dave.post(path + "/comments", Map.of("comment", "mine")).status()).isEqualTo(403);
        assertThat(dave.put(path + "/assignee", Map.of("assignee", "dave")).status()).isEqualTo(403);

        for (ApiClient other : List.of(cloud.as("carol"), cloud.as("dave").inTenant("globex"))) {
            assertThat(other.get(path).status()).isEqualTo(404);
            assertThat(other.get(path + "/events").status()).isEqualTo(404);
            assertThat(other.post(path + "/transitions", Map.of("status", "acknowledged")).status()).isEqualTo(404);
            assertThat(other.post(path + "/comments", Map.of("comment", "x")).status()).isEqualTo(404);
            assertThat(other.put(path + "/assignee", Map.of("assignee", "carol")).status()).isEqualTo(404);
        }
        assertThat(ok(cloud.as("bob").get(path)).path("status").asText()).isEqualTo("open");
        assertThat(cloud.as("bob").get("/api/v1/findings/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void commentsAndAssigneesAreRecordedAndAssigneesMustBeMembers() {
        UUID finding = acme.findings.get(2);
        String path = "/api/v1/findings/" + finding;
        ApiClient bob = cloud.as("bob");

        Reply comment = bob.post(path + "/comments", Map.of("comment", "HSTS is set by the load balancer"));
        assertThat(comment.status()).as(comment.toString()).isEqualTo(201);
        assertThat(comment.json().path("kind").asText()).isEqualTo("comment");
        assertThat(bob.post(path + "/comments", Map.of("comment", " ")).status()).isEqualTo(400);
        assertThat(bob.post(path + "/comments", Map.of("comment", "x".repeat(4001))).status()).isEqualTo(400);

        JsonNode assigned = ok(bob.put(path + "/assignee", Map.of("assignee", "dave")));
        assertThat(assigned.path("assignee").asText()).isEqualTo("dave");
        Reply outsider = bob.put(path + "/assignee", Map.of("assignee", "carol"));
        assertThat(outsider.status()).isEqualTo(422);
        assertThat(outsider.problemType()).isEqualTo("not-a-member");
        Map<String, Object> unassign = new HashMap<>();
        unassign.put("assignee", null);
        JsonNode unassigned = ok(bob.put(path + "/assignee", unassign));
        assertThat(unassigned.path("assignee").isMissingNode() || unassigned.path("assignee").isNull()).isTrue();
        assertThat(ok(cloud.as("bob").get("/api/v1/findings?assignee=dave")).path("items").findValuesAsText("id"))
                .doesNotContain(finding.toString());

        JsonNode events = ok(bob.get(path + "/events"));
        assertThat(events.findValuesAsText("kind")).containsExactly("comment", "assignee", "assignee");
        assertThat(events.get(0).path("comment").asText()).isEqualTo("HSTS is set by the load balancer");
        assertThat(events.get(1).path("assignee").asText()).isEqualTo("dave");
        assertThat(events.get(2).path("assignee").isMissingNode() || events.get(2).path("assignee").isNull()).isTrue();
        JsonNode audit = ok(cloud.as("alice").get("/api/v1/audit"));
        assertThat(audit.findValuesAsText("action")).contains("finding.commented", "finding.assigned");
    }

    private static List<String> steps(JsonNode history) {
        return StreamSupport.stream(history.spliterator(), false)
                .map(e -> e.path("fromStatus").asText() + ">" + e.path("toStatus").asText()).toList();
    }

    private static List<JsonNode> items(ApiClient client, String query) {
        List<JsonNode> items = new ArrayList<>();
        ok(client.get("/api/v1/findings?limit=200&" + query)).path("items").forEach(items::add);
        return items;
    }

    private static List<String> rules(ApiClient client, String query) {
        return items(client, query).stream().map(f -> f.path("rule").asText()).toList();
    }

    private static JsonNode ok(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isIn(200, 201);
        return reply.json();
    }
}
