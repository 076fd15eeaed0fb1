package io.perimeter.cloud.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.perimeter.cloud.support.ApiClient;
import io.perimeter.cloud.support.CloudApiFixture;
import io.perimeter.cloud.support.Reply;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation, generated from the route table: every {@code /api} route is called by people of globex with the
 * ids of acme's resources, so a route added later is covered without editing this test. A route with a path variable
 * this test has no acme value for fails the test until one is added here. Expected: 404 everywhere (never 403, which
 * would confirm that the id exists), nothing of acme's in any listing, and acme's data unchanged afterwards.
 */
@Tag("services")
@RequiresServices({Service.POSTGRES, Service.KEYCLOAK})
class TenantIsolationIT {
    /** Bodies that pass validation, so that a route's refusal is about the id and not about the body. */
    private static final Map<String, String> BODIES = Map.of(
            "POST /api/v1/findings/{findingId}/transitions", "{\"status\":\"acknowledged\",\"comment\":\"seen\"}",
            "POST /api/v1/findings/{findingId}/comments", "{\"comment\":\"seen\"}",
            "PUT /api/v1/findings/{findingId}/assignee", "{\"assignee\":\"carol\"}",
            "PUT /api/v1/members/{username}", "{\"role\":\"viewer\"}",
            "PUT /api/v1/playbooks/{playbookId}", "{\"name\":\"taken over\"}",
            "POST /api/v1/findings/{findingId}/playbook-runs", "{\"dryRun\":true}");
    /** Routes of the platform operator: not tenant data, refused to every tenant member alike. */
    private static final String OPERATOR_ROUTES = "/api/v1/tenants";

    private static CloudApiFixture cloud;
    private static Map<String, String> acme;

    @BeforeAll
    static void start(PostgresEndpoint postgres, KeycloakEndpoint keycloak) throws SQLException {
        cloud = CloudApiFixture.start(postgres, keycloak, Map.of());
        acme = seedAcme();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void peopleOfAnotherTenantGet404OnEveryRouteWithAnAcmeId() {
        List<String> leaks = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        for (UriRouteInfo<?, ?> route : apiRoutes()) {
            List<String> variables = route.getUriMatchTemplate().getVariableNames();
            if (variables.isEmpty() || route.getUriMatchTemplate().toString().startsWith(OPERATOR_ROUTES)) {
                continue;
            }
            String path = expand(route);
            for (ApiClient other : otherTenant()) {
                Reply reply = call(other, route, path);
                checked.add(route.getHttpMethodName() + " " + path);
                if (reply.status() != 404 || reply.text().contains(acme.get("marker"))) {
                    leaks.add(route.getHttpMethodName() + " " + route.getUriMatchTemplate() + " → " + reply);
                }
            }
        }
        assertThat(checked).as("routes with tenant ids").hasSizeGreaterThanOrEqualTo(2);
        assertThat(leaks).as("routes that did not answer 404 to another tenant").isEmpty();
    }

    @Test
    void listingsOfAnotherTenantNeverShowAcmesRows() {
        List<String> leaks = new ArrayList<>();
        for (UriRouteInfo<?, ?> route : apiRoutes()) {
            if (route.getHttpMethod() != HttpMethod.GET || !route.getUriMatchTemplate().getVariableNames().isEmpty()
                    || route.getUriMatchTemplate().toString().startsWith(OPERATOR_ROUTES)) {
                continue;
            }
            for (ApiClient other : otherTenant()) {
                Reply reply = other.get(route.getUriMatchTemplate().expand(Map.of()));
                for (Map.Entry<String, String> value : acme.entrySet()) {
                    // Resource ids and the marker only: a person's own memberships (/me) may name acme when they
                    // belong to it, as dave does.
                    if (!value.getKey().endsWith("Id") && !value.getKey().equals("marker")) {
                        continue;
                    }
                    if (reply.text().contains(value.getValue())) {
                        leaks.add(route.getUriMatchTemplate() + " shows acme's " + value.getKey());
                    }
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void operatorRoutesRefuseTenantMembersAlike() {
        for (UriRouteInfo<?, ?> route : apiRoutes()) {
            if (route.getUriMatchTemplate().toString().startsWith(OPERATOR_ROUTES)) {
                Reply reply = call(cloud.as("alice"), route, expand(route));
                assertThat(reply.status()).as(route.getUriMatchTemplate() + " " + reply).isEqualTo(403);
            }
        }
    }

    @Test
    void acmesDataIsUnchangedByTheAttempts() {
        peopleOfAnotherTenantGet404OnEveryRouteWithAnAcmeId();
        ApiClient alice = cloud.as("alice");
        assertThat(alice.get("/api/v1/edges/" + acme.get("edgeId")).json().path("status").asText()).isEqualTo("enrolled");
        assertThat(count("SELECT count(*) FROM findings WHERE status = 'open' AND assignee IS NULL")).isOne();
        assertThat(count("SELECT count(*) FROM finding_events")).isOne();
        assertThat(count("SELECT count(*) FROM members WHERE username = 'bob' AND role = 'analyst'")).isOne();
        assertThat(count("SELECT count(*) FROM audit_log WHERE actor IN ('carol', 'dave')")).isZero();
        assertThat(count("SELECT count(*) FROM playbooks WHERE name LIKE 'playbook acme-only-%'")).isOne();
        assertThat(count("SELECT count(*) FROM playbook_destinations")).isOne();
        assertThat(count("SELECT count(*) FROM playbook_runs")).isOne();
    }

    private static List<UriRouteInfo<?, ?>> apiRoutes() {
        return cloud.context().getBean(Router.class).uriRoutes()
                .filter(r -> r.getUriMatchTemplate().toString().startsWith("/api/"))
                .sorted(Comparator.comparing(r -> r.getUriMatchTemplate().toString()))
                .<UriRouteInfo<?, ?>>map(r -> r)
                .toList();
    }

    private static List<ApiClient> otherTenant() {
        return List.of(cloud.as("carol"), cloud.as("dave").inTenant("globex"));
    }

    private static String expand(UriRouteInfo<?, ?> route) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String variable : route.getUriMatchTemplate().getVariableNames()) {
            String value = acme.get(variable);
            assertThat(value).as("an acme value for {%s} of %s: add one to TenantIsolationIT.seedAcme", variable,
                    route.getUriMatchTemplate()).isNotNull();
            values.put(variable, value);
        }
        return route.getUriMatchTemplate().expand(values);
    }

    private static Reply call(ApiClient client, UriRouteInfo<?, ?> route, String path) {
        String body = BODIES.getOrDefault(route.getHttpMethodName() + " " + route.getUriMatchTemplate(), "{}");
        boolean hasBody = route.getHttpMethod().permitsRequestBody();
        return client.send(route.getHttpMethodName(), path,
                hasBody ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody(),
                hasBody ? Map.of("Content-Type", "application/json") : Map.of());
    }

    /** One of each of acme's resources, by the path variable names the API uses. */
    private static Map<String, String> seedAcme() throws SQLException {
        String token = cloud.as("alice").post("/api/v1/edges/enrollment-tokens", Map.of("edgeName", "acme-edge"))
                .json().path("token").asText();
        String edgeId = cloud.anonymous().post("/edge/v1/enroll", Map.of("token", token)).json().path("edgeId").asText();
        UUID service = UUID.randomUUID();
        UUID endpoint = UUID.randomUUID();
        UUID finding = UUID.randomUUID();
        String marker = "acme-only-" + UUID.randomUUID().toString().substring(0, 8);
        cloud.context().getBean(TenantTransactions.class).write(cloud.acme.id(), () -> {
            execute("INSERT INTO services (id, tenant_id, host, port, process, tls, first_seen, last_seen) VALUES ('"
                    + service + "', current_tenant(), '" + marker + ".test', 443, 'node', true, now(), now())");
            execute("INSERT INTO endpoints (id, tenant_id, service_id, method, template, calls, data_classes, "
                    + "first_seen, last_seen) VALUES ('" + endpoint + "', current_tenant(), '" + service + "', 'GET', '/"
                    + marker + "/{id}', 10, '{EMAIL}', now(), now())");
            execute("INSERT INTO findings (id, tenant_id, key, rule, category, severity, service_id, endpoint_id, "
                    + "method, template, evidence, count, first_seen, last_seen) VALUES ('" + finding
                    + "', current_tenant(), md5('" + marker + "'), 'API3-CARD-NUMBER-UNMASKED', 'API3:2023', 'high', '"
                    + service + "', '" + endpoint + "', 'GET', '/" + marker + "/{id}', '{\"location\":\"response.body\"}', "
                    + "3, now(), now())");
            execute("INSERT INTO finding_events (tenant_id, finding_id, actor, to_status) VALUES (current_tenant(), '"
                    + finding + "', 'perimeter', 'open')");
            return null;
        });
        ApiClient alice = cloud.as("alice");
        String destinationId = alice.post("/api/v1/playbook-destinations", Map.of("name", "hook " + marker,
                "kind", "webhook", "url", "https://203.0.113.10/" + marker, "secret", "signing-key-" + marker))
                .json().path("id").asText();
        String playbookId = alice.post("/api/v1/playbooks", Map.of("basedOn", "builtin-inventory",
                "name", "playbook " + marker, "actions", List.of(Map.of("type", "notify", "destinationId",
                        destinationId)))).json().path("id").asText();
        String runId = alice.post("/api/v1/findings/" + finding + "/playbook-runs", Map.of("playbookId", playbookId))
                .json().path("id").asText();
        Map<String, String> values = new LinkedHashMap<>(Map.of("edgeId", edgeId, "serviceId", service.toString(),
                "endpointId", endpoint.toString(), "findingId", finding.toString(), "username", "bob", "slug", "acme",
                "marker", marker));
        values.putAll(Map.of("destinationId", destinationId, "playbookId", playbookId, "runId", runId));
        values.put("reportId", alice.post("/api/v1/reports", Map.of("kind", "pci", "format", "csv"))
                .json().path("id").asText());
        assertThat(values.values()).as("acme's playbook resources and report were created").doesNotContain("");
        return values;
    }

    private static void execute(String sql) {
        try (Connection connection = cloud.context().getBean(DataSource.class).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String sql) {
        return cloud.context().getBean(TenantTransactions.class).read(cloud.acme.id(), () -> {
            try (Connection connection = cloud.context().getBean(DataSource.class).getConnection();
                 Statement statement = connection.createStatement();
                 var rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
