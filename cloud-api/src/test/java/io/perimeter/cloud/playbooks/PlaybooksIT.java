package io.perimeter.cloud.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.perimeter.cloud.playbooks.delivery.WebhookSignature;
import io.perimeter.cloud.playbooks.policy.PolicyFile;
import io.perimeter.cloud.support.ApiClient;
import io.perimeter.cloud.support.CloudApiFixture;
import io.perimeter.cloud.support.Reply;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Playbooks through the API against local destinations and a real nginx: the built-in playbook of a finding and its
 * dry run; a tenant's playbook whose nginx policy is delivered to a signed webhook only after another analyst
 * approves, with retries on 500 and 429; the policy as received, applied to nginx, blocks the attack; Slack and Jira
 * deliveries; a destination that keeps failing; validation; secrets never returned; the audit trail; and another
 * tenant seeing none of it.
 */
@Tag("services")
@RequiresServices({Service.POSTGRES, Service.KEYCLOAK})
class PlaybooksIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SIGNING_KEY = "whsec-test-0123456789abcdef";
    private static final String JIRA_TOKEN = "jira-token-0123456789abcdef";
    private static CloudApiFixture cloud;
    private static DestinationServer destinations;
    private static UUID sqlInjection;
    private static UUID noRateLimit;
    private static UUID xss;

    @BeforeAll
    static void start(PostgresEndpoint postgres, KeycloakEndpoint keycloak) throws Exception {
        cloud = CloudApiFixture.start(postgres, keycloak, Map.of(
                "perimeter.playbooks.allow-private-destinations", true,
                "perimeter.playbooks.allow-http", true,
                "perimeter.playbooks.backoff-base", "20ms",
                "perimeter.playbooks.backoff-max", "200ms",
                "perimeter.playbooks.sweep", "1h"));
        destinations = new DestinationServer();
        sqlInjection = finding(cloud.acme.id(), "ATTACK-SQL-INJECTION", "ATTACK", "/api/users/{id}");
        noRateLimit = finding(cloud.acme.id(), "API4-NO-RATE-LIMIT", "API4:2023", "/api/search");
        xss = finding(cloud.acme.id(), "ATTACK-XSS", "ATTACK", "/api/comments");
    }

    @AfterAll
    static void stop() {
        if (destinations != null) {
            destinations.close();
        }
        cloud.close();
    }

    @Test
    void theBuiltInPlaybookOfAFindingShowsItsStepsAndEveryGatewaysPolicyAndADryRunSendsNothing() {
        JsonNode preview = ok(cloud.as("dave").inTenant("acme").get("/api/v1/findings/" + xss + "/playbook"));
        assertThat(preview.at("/playbook/id").asText()).isEqualTo("builtin-attack");
        assertThat(preview.at("/playbook/steps").size()).isGreaterThanOrEqualTo(3);
        assertThat(preview.path("actions").findValuesAsText("gateway"))
                .containsExactly("nginx", "envoy", "modsecurity", "aws-waf");
        assertThat(preview.at("/actions/0/files/0/content").asText()).contains("map $args");
        assertThat(preview.path("needsApproval").asBoolean()).isFalse();

        assertThat(cloud.as("dave").inTenant("acme").post("/api/v1/findings/" + xss + "/playbook-runs",
                Map.of()).status()).isEqualTo(403);
        JsonNode dry = created(cloud.as("bob").post("/api/v1/findings/" + xss + "/playbook-runs", Map.of()));
        assertThat(dry.path("status").asText()).isEqualTo("previewed");
        assertThat(dry.path("dryRun").asBoolean()).isTrue();
        assertThat(dry.path("actions").size()).isEqualTo(4);
        assertThat(dry.path("attempts")).isEmpty();
        assertThat(audit("playbook.dry-run", dry.path("id").asText())).containsExactly("bob");

        JsonNode rate = ok(cloud.as("bob").get("/api/v1/findings/" + noRateLimit + "/playbook"));
        assertThat(rate.at("/playbook/id").asText()).isEqualTo("builtin-rate-limit");
        assertThat(rate.path("actions").findValuesAsText("gateway")).contains("kong");
    }

    @Test
    void aDryRunOfAPlaybookWithWebhookSlackAndKongDestinationsSendsNothing() {
        ApiClient alice = cloud.as("alice");
        String webhook = destination(alice, Map.of("name", "dry webhook", "kind", "webhook",
                "url", destinations.url("/dry/hook"), "secret", SIGNING_KEY));
        String slack = destination(alice, Map.of("name", "dry slack", "kind", "slack",
                "url", destinations.url("/dry/slack")));
        String kong = destination(alice, Map.of("name", "dry kong", "kind", "kong", "url", destinations.url("/dry/kong"),
                "secret", "kong-admin-token", "settings", Map.of("service", "shop")));
        JsonNode playbook = created(alice.post("/api/v1/playbooks", Map.of("name", "Dry run everywhere",
                "categories", List.of("API6:2023"), "steps", List.of("Look first"),
                "actions", List.of(
                        Map.of("type", "policy", "gateway", "nginx", "mode", "block-route", "destinationId", webhook),
                        Map.of("type", "notify", "destinationId", slack),
                        Map.of("type", "policy", "gateway", "kong", "mode", "block-route", "destinationId", kong)))));
        JsonNode dry = created(cloud.as("bob").post("/api/v1/findings/" + noRateLimit + "/playbook-runs",
                Map.of("dryRun", true, "playbookId", playbook.path("id").asText())));
        assertThat(dry.path("status").asText()).isEqualTo("previewed");
        assertThat(dry.path("needsApproval").asBoolean()).isTrue();
        assertThat(dry.at("/actions/0/requests").size()).as("the webhook request is rendered").isEqualTo(1);
        assertThat(dry.at("/actions/1/requests").size()).as("the Slack message is rendered").isEqualTo(1);
        assertThat(dry.at("/actions/2/requests").size()).as("the Kong calls are rendered").isEqualTo(2);
        assertThat(dry.path("attempts")).isEmpty();
        assertThat(destinations.all()).as("nothing reached any destination")
                .noneMatch(received -> received.path().startsWith("/dry/"));
        assertThat(ok(alice.get("/api/v1/playbook-runs/" + dry.path("id").asText())).path("status").asText())
                .isEqualTo("previewed");
    }

    @Test
    void aRunLeftRunningByAStoppedInstanceIsEndedInterruptedByTheSweepOnce() {
        UUID tenant = cloud.acme.id();
        String stalled = created(cloud.as("bob").post("/api/v1/findings/" + xss + "/playbook-runs", Map.of()))
                .path("id").asText();
        String alive = created(cloud.as("bob").post("/api/v1/findings/" + xss + "/playbook-runs", Map.of()))
                .path("id").asText();
        String stillSending = created(cloud.as("bob").post("/api/v1/findings/" + xss + "/playbook-runs", Map.of()))
                .path("id").asText();
        // As an instance leaves them when it stops while sending: running, asked for an hour ago; the last one has
        // just recorded a delivery attempt.
        String running = "UPDATE playbook_runs SET status = 'running', dry_run = false, finished_at = NULL, "
                + "requested_at = now() - CAST(? AS interval) WHERE id = ?";
        sql(tenant, running, "1 hour", UUID.fromString(stalled));
        sql(tenant, running, "1 second", UUID.fromString(alive));
        sql(tenant, running, "1 hour", UUID.fromString(stillSending));
        sql(tenant, "INSERT INTO playbook_deliveries (tenant_id, run_id, action, attempt, at, outcome, error) "
                + "VALUES (?, ?, 0, 1, now(), 'retrying', 'no answer')", tenant, UUID.fromString(stillSending));

        StalledRuns sweep = cloud.context().getBean(StalledRuns.class);
        List<UUID> ended = sweep.sweep(Duration.ofMinutes(10));
        assertThat(ended).doesNotContain(UUID.fromString(alive), UUID.fromString(stillSending));

        JsonNode run = ok(cloud.as("bob").get("/api/v1/playbook-runs/" + stalled));
        assertThat(run.path("status").asText()).isEqualTo("failed");
        assertThat(run.path("finishedAt").isNull()).isFalse();
        assertThat(auditEntries("playbook.run-finished", stalled)).singleElement().satisfies(entry -> {
            assertThat(entry.path("actor").asText()).isEqualTo("perimeter");
            assertThat(entry.path("detail").asText()).contains("\"interrupted\"").contains("\"failed\"");
        });
        assertThat(ok(cloud.as("bob").get("/api/v1/playbook-runs/" + alive)).path("status").asText())
                .isEqualTo("running");
        assertThat(ok(cloud.as("bob").get("/api/v1/playbook-runs/" + stillSending)).path("status").asText())
                .as("a recorded attempt is a sign of life").isEqualTo("running");

        assertThat(sweep.sweep(Duration.ofMinutes(10))).as("ended once").doesNotContain(UUID.fromString(stalled));
        assertThat(auditEntries("playbook.run-finished", stalled)).hasSize(1);
        assertThat(sweep.sweep(Duration.ZERO)).as("with no bound every running run is stalled")
                .contains(UUID.fromString(alive), UUID.fromString(stillSending));
    }

    @Test
    void aPolicyRunWaitsForAnotherAnalystThenIsDeliveredSignedWithRetriesAndBlocksTheAttackInNginx() throws Exception {
        ApiClient alice = cloud.as("alice");
        ApiClient bob = cloud.as("bob");
        String webhook = destination(alice, Map.of("name", "policy pipeline", "kind", "webhook",
                "url", destinations.url("/hooks/policies?token=query-secret"), "secret", SIGNING_KEY));
        String slack = destination(alice, Map.of("name", "secops slack", "kind", "slack",
                "url", destinations.url("/services/T000/B000/slack-secret-path")));
        String jira = destination(alice, Map.of("name", "jira", "kind", "jira", "url", destinations.url("/jira"),
                "secret", JIRA_TOKEN, "settings", Map.of("project", "SEC", "username", "bot@acme.test")));
        Reply listed = alice.get("/api/v1/playbook-destinations");
        assertThat(listed.text()).doesNotContain(SIGNING_KEY).doesNotContain(JIRA_TOKEN)
                .doesNotContain("slack-secret-path").doesNotContain("query-secret").contains("/hooks/policies");

        JsonNode playbook = created(bob.post("/api/v1/playbooks", Map.of("basedOn", "builtin-attack",
                "name", "Block SQL injection at the edge nginx", "rules", List.of("ATTACK-SQL-INJECTION"),
                "categories", List.of(),
                "actions", List.of(
                        Map.of("type", "policy", "gateway", "nginx", "mode", "block-pattern", "destinationId", webhook),
                        Map.of("type", "notify", "destinationId", slack),
                        Map.of("type", "notify", "destinationId", jira)))));
        assertThat(playbook.path("steps").size()).as("steps copied from the built-in").isGreaterThanOrEqualTo(3);
        assertThat(ok(bob.get("/api/v1/findings/" + sqlInjection + "/playbook")).at("/playbook/id").asText())
                .as("the tenant's playbook for the rule wins over the built-in").isEqualTo(playbook.path("id").asText());

        destinations.script("/hooks/policies", 500, 429, 200);
        JsonNode run = created(bob.post("/api/v1/findings/" + sqlInjection + "/playbook-runs",
                Map.of("dryRun", false)));
        String runPath = "/api/v1/playbook-runs/" + run.path("id").asText();
        assertThat(run.path("status").asText()).isEqualTo("awaiting_approval");
        assertThat(destinations.to("/hooks/policies")).as("nothing sent before approval").isEmpty();
        Reply self = bob.post(runPath + "/approve", Map.of());
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.problemType()).isEqualTo("approval-by-requester");
        assertThat(cloud.as("dave").inTenant("acme").post(runPath + "/approve", Map.of()).status()).isEqualTo(403);

        JsonNode done = ok(alice.post(runPath + "/approve", Map.of()));
        assertThat(done.path("status").asText()).isEqualTo("succeeded");
        assertThat(done.path("decidedBy").asText()).isEqualTo("alice");
        assertThat(attempts(done, 0)).containsExactly("500 retrying", "429 retrying", "200 delivered");
        assertThat(attempts(done, 1)).containsExactly("200 delivered");
        assertThat(attempts(done, 2)).containsExactly("201 delivered");
        assertThat(alice.post(runPath + "/approve", Map.of()).status()).isEqualTo(409);

        List<DestinationServer.Received> hooks = destinations.to("/hooks/policies");
        assertThat(hooks).hasSize(3);
        DestinationServer.Received hook = hooks.getLast();
        long timestamp = Long.parseLong(hook.header(WebhookSignature.TIMESTAMP_HEADER));
        assertThat(WebhookSignature.verify(SIGNING_KEY, timestamp, hook.body(),
                hook.header(WebhookSignature.SIGNATURE_HEADER))).as("signature").isTrue();
        assertThat(WebhookSignature.verify("another-key-0123456789", timestamp, hook.body(),
                hook.header(WebhookSignature.SIGNATURE_HEADER))).isFalse();
        assertThat(WebhookSignature.verify(SIGNING_KEY, timestamp, hook.body() + " ",
                hook.header(WebhookSignature.SIGNATURE_HEADER))).isFalse();
        JsonNode payload = JSON.readTree(hook.body());
        assertThat(payload.path("event").asText()).isEqualTo("perimeter.playbook.policy");
        assertThat(payload.at("/finding/template").asText()).isEqualTo("/api/users/{id}");

        List<PolicyFile> files = new ArrayList<>();
        payload.path("files").forEach(f -> files.add(new PolicyFile(f.path("name").asText(), f.path("usage").asText(),
                f.path("mediaType").asText(), f.path("content").asText())));
        try (NginxGateway nginx = NginxGateway.start()) {
            assertThat(nginx.get("/api/users/7?id=1%27%20OR%201%3D1")).isEqualTo(200);
            nginx.apply(files);
            assertThat(nginx.get("/api/users/7?id=1%27%20OR%201%3D1")).as("attack after the delivered policy")
                    .isEqualTo(403);
            assertThat(nginx.get("/api/users/7?expand=orders")).as("normal request").isEqualTo(200);
        }

        DestinationServer.Received slackMessage = destinations.to("/services/T000/B000/slack-secret-path").getLast();
        assertThat(JSON.readTree(slackMessage.body()).path("text").asText()).contains("ATTACK-SQL-INJECTION");
        DestinationServer.Received issue = destinations.to("/jira/rest/api/2/issue").getLast();
        assertThat(issue.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                ("bot@acme.test:" + JIRA_TOKEN).getBytes(StandardCharsets.UTF_8)));
        JsonNode fields = JSON.readTree(issue.body()).path("fields");
        assertThat(fields.at("/project/key").asText()).isEqualTo("SEC");
        assertThat(fields.path("summary").asText()).contains("/api/users/{id}");

        String runId = run.path("id").asText();
        assertThat(audit("playbook.run-approved", runId)).containsExactly("alice");
        assertThat(audit("playbook.action-delivered", runId)).hasSize(3);
        assertThat(audit("playbook.action-failed", runId)).isEmpty();
        assertThat(auditEntries("playbook.run-finished", runId)).singleElement()
                .satisfies(entry -> assertThat(entry.path("detail").asText()).contains("\"succeeded\""));
        assertThat(ok(alice.get("/api/v1/audit?limit=200")).toString()).doesNotContain(SIGNING_KEY)
                .doesNotContain(JIRA_TOKEN);
        assertThat(ok(bob.get(runPath)).path("status").asText()).isEqualTo("succeeded");
        assertThat(ok(bob.get("/api/v1/findings/" + sqlInjection + "/playbook-runs")).findValuesAsText("id"))
                .contains(run.path("id").asText());
    }

    @Test
    void aDestinationThatKeepsFailingEndsANotificationRunFailedAfterBoundedAttempts() {
        ApiClient alice = cloud.as("alice");
        String failing = destination(alice, Map.of("name", "down", "kind", "webhook",
                "url", destinations.url("/hooks/down"), "secret", SIGNING_KEY));
        destinations.script("/hooks/down", 503, 503, 503, 503, 503);
        JsonNode playbook = created(alice.post("/api/v1/playbooks", Map.of("name", "Tell the rate team",
                "categories", List.of("API6:2023"), "steps", List.of("Look at the client"),
                "actions", List.of(Map.of("type", "notify", "destinationId", failing)))));
        JsonNode run = created(cloud.as("bob").post("/api/v1/findings/" + noRateLimit + "/playbook-runs",
                Map.of("dryRun", false, "playbookId", playbook.path("id").asText())));
        assertThat(run.path("needsApproval").asBoolean()).isFalse();
        assertThat(run.path("status").asText()).isEqualTo("failed");
        assertThat(attempts(run, 0)).containsExactly("503 retrying", "503 retrying", "503 retrying", "503 failed");
        assertThat(destinations.to("/hooks/down")).hasSize(4);
        assertThat(audit("playbook.action-failed", run.path("id").asText())).containsExactly("perimeter");
        assertThat(audit("playbook.action-delivered", run.path("id").asText())).isEmpty();

        Reply inUse = alice.delete("/api/v1/playbook-destinations/" + failing);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(alice.delete("/api/v1/playbooks/" + playbook.path("id").asText()).status()).isEqualTo(204);
        assertThat(alice.delete("/api/v1/playbook-destinations/" + failing).status()).isEqualTo(204);
    }

    @Test
    void aKongRateLimitIsDeliveredAsAdminApiUpsertsAfterApproval() throws Exception {
        ApiClient alice = cloud.as("alice");
        String kong = destination(alice, Map.of("name", "kong admin", "kind", "kong", "url", destinations.url("/kong"),
                "secret", "kong-admin-token", "settings", Map.of("service", "shop")));
        JsonNode playbook = created(alice.post("/api/v1/playbooks", Map.of("name", "Kong rate limit",
                "categories", List.of("API6:2023"), "steps", List.of("Watch the 429s"),
                "actions", List.of(Map.of("type", "policy", "gateway", "kong", "mode", "rate-limit",
                        "ratePerMinute", 60, "destinationId", kong)))));
        JsonNode run = created(alice.post("/api/v1/findings/" + noRateLimit + "/playbook-runs",
                Map.of("dryRun", false, "playbookId", playbook.path("id").asText())));
        assertThat(run.path("status").asText()).isEqualTo("awaiting_approval");
        assertThat(run.at("/actions/0/requests").findValuesAsText("path")).hasSize(2);
        JsonNode done = ok(cloud.as("bob").post("/api/v1/playbook-runs/" + run.path("id").asText() + "/approve",
                Map.of()));
        assertThat(done.path("status").asText()).isEqualTo("succeeded");

        List<DestinationServer.Received> calls = destinations.all().stream()
                .filter(r -> r.path().startsWith("/kong/")).toList();
        assertThat(calls).extracting(DestinationServer.Received::method).containsExactly("PUT", "PUT");
        assertThat(calls.get(0).path()).matches("/kong/services/shop/routes/perimeter_[0-9a-f]{12}");
        JsonNode route = JSON.readTree(calls.get(0).body());
        assertThat(route.at("/paths/0").asText()).isEqualTo("~^/api/search$");
        assertThat(route.at("/methods/0").asText()).isEqualTo("GET");
        assertThat(calls.get(1).path()).matches("/kong/routes/perimeter_[0-9a-f]{12}/plugins/[0-9a-f-]{36}");
        JsonNode plugin = JSON.readTree(calls.get(1).body());
        assertThat(plugin.path("name").asText()).isEqualTo("rate-limiting");
        assertThat(plugin.at("/config/minute").asInt()).isEqualTo(60);
        assertThat(calls.get(1).header("Kong-Admin-Token")).isEqualTo("kong-admin-token");
        assertThat(ok(alice.get("/api/v1/playbook-runs/" + run.path("id").asText())).toString())
                .doesNotContain("kong-admin-token");
    }

    @Test
    void invalidPlaybooksAndDestinationsAreRefusedWithEveryReason() {
        Reply bad = cloud.as("bob").post("/api/v1/playbooks", Map.of("name", "", "categories", List.of("API11:2023"),
                "actions", List.of(Map.of("type", "policy", "gateway", "haproxy", "mode", "block-route"),
                        Map.of("type", "policy", "gateway", "kong", "mode", "block-pattern"),
                        Map.of("type", "notify", "destinationId", UUID.randomUUID().toString()))));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(bad.problemType()).isEqualTo("invalid-playbook");
        assertThat(bad.json().path("errors").toString()).contains("name:", "categories:", "actions[0].gateway",
                "actions[1].mode", "actions[2].destinationId");
        assertThat(cloud.as("bob").put("/api/v1/playbooks/builtin-attack", Map.of("name", "mine")).status())
                .isEqualTo(409);
        assertThat(cloud.as("bob").post("/api/v1/playbook-destinations", Map.of("name", "x", "kind", "webhook",
                "url", destinations.url("/x"), "secret", SIGNING_KEY)).status()).as("admins only").isEqualTo(403);
        Reply destination = cloud.as("alice").post("/api/v1/playbook-destinations", Map.of("name", "x",
                "kind", "jira", "url", "ftp://jira.example", "settings", Map.of("project", "bad key!")));
        assertThat(destination.status()).isEqualTo(422);
        assertThat(destination.json().path("errors").toString()).contains("url:", "settings.project",
                "settings.username", "secret:");
    }

    @Test
    void anotherTenantSeesNoneOfIt() {
        ApiClient alice = cloud.as("alice");
        JsonNode playbook = created(alice.post("/api/v1/playbooks", Map.of("basedOn", "builtin-inventory",
                "name", "Acme only playbook")));
        String id = playbook.path("id").asText();
        ApiClient carol = cloud.as("carol");
        assertThat(carol.get("/api/v1/playbooks/" + id).status()).isEqualTo(404);
        assertThat(carol.put("/api/v1/playbooks/" + id, Map.of("name", "taken")).status()).isEqualTo(404);
        assertThat(carol.delete("/api/v1/playbooks/" + id).status()).isEqualTo(404);
        assertThat(carol.get("/api/v1/playbooks").text()).doesNotContain(id).doesNotContain("Acme only playbook");
        assertThat(carol.get("/api/v1/playbook-destinations").json()).isEmpty();
        assertThat(carol.post("/api/v1/findings/" + sqlInjection + "/playbook-runs", Map.of()).status()).isEqualTo(404);
        assertThat(carol.get("/api/v1/findings/" + sqlInjection + "/playbook").status()).isEqualTo(404);
        JsonNode run = created(cloud.as("bob").post("/api/v1/findings/" + sqlInjection + "/playbook-runs", Map.of()));
        assertThat(carol.get("/api/v1/playbook-runs/" + run.path("id").asText()).status()).isEqualTo(404);
        assertThat(carol.post("/api/v1/playbook-runs/" + run.path("id").asText() + "/approve", Map.of()).status())
                .isEqualTo(404);
    }

    private static String destination(ApiClient admin, Map<String, Object> body) {
        Reply reply = admin.post("/api/v1/playbook-destinations", body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.text()).doesNotContain(SIGNING_KEY).doesNotContain(JIRA_TOKEN);
        return reply.json().path("id").asText();
    }

    private static List<String> attempts(JsonNode run, int action) {
        List<String> out = new ArrayList<>();
        run.path("attempts").forEach(a -> {
            if (a.path("action").asInt() == action) {
                out.add(a.path("httpStatus").asText() + " " + a.path("outcome").asText());
            }
        });
        return out;
    }

    /** The actors of the audit entries with this action about this run, oldest first. */
    private static List<String> audit(String action, String runId) {
        return auditEntries(action, runId).stream().map(entry -> entry.path("actor").asText()).toList();
    }

    private static List<JsonNode> auditEntries(String action, String runId) {
        List<JsonNode> entries = new ArrayList<>();
        ok(cloud.as("alice").get("/api/v1/audit?limit=500")).forEach(entry -> {
            if (entry.path("action").asText().equals(action) && entry.path("targetId").asText().equals(runId)) {
                entries.addFirst(entry);
            }
        });
        return entries;
    }

    private static UUID finding(UUID tenant, String rule, String category, String template) {
        UUID service = UUID.randomUUID();
        UUID endpoint = UUID.randomUUID();
        UUID finding = UUID.randomUUID();
        JdbcOperations jdbc = cloud.context().getBean(JdbcOperations.class);
        cloud.context().getBean(TenantTransactions.class).write(tenant, () -> {
            Map<String, Object[]> statements = new LinkedHashMap<>();
            statements.put("INSERT INTO services (id, tenant_id, host, port, process, tls, first_seen, last_seen) "
                    + "VALUES (?, ?, ?, 443, 'node', true, now(), now())",
                    new Object[] {service, tenant, rule.toLowerCase() + ".shop.example.test"});
            statements.put("INSERT INTO endpoints (id, tenant_id, service_id, method, template, calls, first_seen, "
                    + "last_seen) VALUES (?, ?, ?, 'GET', ?, 10, now(), now())",
                    new Object[] {endpoint, tenant, service, template});
            statements.put("INSERT INTO findings (id, tenant_id, key, rule, category, severity, service_id, "
                    + "endpoint_id, method, template, evidence, count, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, "
                    + "'high', ?, ?, 'GET', ?, '{\"location\":\"request.query\"}', 3, now(), now())",
                    new Object[] {finding, tenant, finding.toString().replace("-", ""), rule, category, service,
                            endpoint, template});
            statements.forEach((sql, parameters) -> jdbc.prepareStatement(sql, statement -> {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                return statement.executeUpdate();
            }));
            return null;
        });
        return finding;
    }

    private static void sql(UUID tenant, String sql, Object... parameters) {
        JdbcOperations jdbc = cloud.context().getBean(JdbcOperations.class);
        cloud.context().getBean(TenantTransactions.class).write(tenant, () -> jdbc.prepareStatement(sql, statement -> {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }));
    }

    private static JsonNode ok(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private static JsonNode created(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }
}
