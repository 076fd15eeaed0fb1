package io.perimeter.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.uri.UriMatchTemplate;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.perimeter.cloud.identity.Person;
import io.perimeter.cloud.playbooks.PlaybookLibrary;
import io.perimeter.cloud.playbooks.PlaybookRequests;
import io.perimeter.console.support.ConsoleBrowser;
import io.perimeter.console.support.ConsoleFixture;
import io.perimeter.console.support.ConsoleSeed;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.tenancy.tenant.Role;
import io.perimeter.testsupport.Service;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in a real browser against the real Keycloak and PostgreSQL: people sign in on Keycloak's login page,
 * read the seeded inventory, triage a finding, enroll an edge and sign out of Keycloak too; a person of another
 * tenant gets the not-found page for acme's finding and every other id of acme's; a form post without its CSRF token
 * changes nothing. Every page visited is saved under target/screenshots.
 */
@Tag("browser")
@RequiresServices({Service.POSTGRES, Service.KEYCLOAK})
class ConsoleIT {
    /**
     * Routes that are not the console's pages: the API's, sign-in's and discovery's from Micronaut Security, and the
     * probes' health endpoint ({@code /health/{selector}}, no tenant data; HealthIT covers it).
     */
    private static final List<String> NOT_PAGES = List.of("/api/", "/ingest/", "/edge/", "/oauth/", "/.well-known/",
            "/health");
    private static ConsoleFixture cloud;
    private static ConsoleSeed acme;

    @BeforeAll
    static void start(PostgresEndpoint postgres, KeycloakEndpoint keycloak) {
        cloud = ConsoleFixture.start(postgres, keycloak);
        acme = ConsoleSeed.into(cloud, cloud.acme.id());
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void analystReadsTheInventoryAndTriagesAFinding() {
        try (ConsoleBrowser bob = new ConsoleBrowser(cloud).signIn("bob")) {
            assertThat(bob.text(By.id("signed-in-as"))).isEqualTo("bob");
            assertThat(bob.page()).contains("Acme at a glance", "edge-fra-01", "/api/v1/users/{id}");
            bob.screenshot("dashboard");
            bob.screenshot("dashboard-phone", 390);

            bob.click(By.linkText("Inventory"));
            assertThat(bob.text(By.id("services"))).contains("shop.example.test:8443", "billing.internal:8080");
            bob.screenshot("inventory");

            bob.click(By.linkText("shop.example.test:8443"));
            assertThat(bob.text(By.id("endpoints"))).contains("/api/v1/users/{id}", "/api/v1/orders", "/health");
            bob.screenshot("service");

            bob.click(By.partialLinkText("/api/v1/users/{id}"));
            assertThat(bob.text(By.id("endpoint-title"))).contains("GET", "/api/v1/users/{id}");
            assertThat(bob.text(By.id("schema"))).contains("cards[]", "number", "CARD_NUMBER", "email", "EMAIL");
            assertThat(bob.page()).contains("API3-CARD-NUMBER-UNMASKED", "p95");
            bob.screenshot("endpoint");

            bob.open("/findings?severity=high");
            assertThat(bob.text(By.id("findings"))).contains("API3-CARD-NUMBER-UNMASKED")
                    .doesNotContain("API2-TOKEN-IN-QUERY");
            bob.open("/findings");
            bob.screenshot("findings");

            bob.open("/findings/" + acme.cardFinding);
            new Select(bob.find(By.id("status"))).selectByValue("acknowledged");
            bob.find(By.id("status-comment")).sendKeys("Card numbers come from the legacy profile API; on it.");
            bob.click(By.id("move"));
            bob.waitFor(ExpectedConditions.textToBe(By.cssSelector("#finding-status .status"), "acknowledged"));

            new Select(bob.find(By.id("assignee"))).selectByValue("bob");
            bob.click(By.id("assign"));
            bob.waitFor(ExpectedConditions.textToBe(By.id("finding-assignee"), "bob"));

            bob.find(By.id("comment")).sendKeys("Masking ships with the next release.");
            bob.click(By.id("add-comment"));
            bob.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("history"), "Masking ships"));
            assertThat(bob.text(By.id("history"))).contains("moved it from open to acknowledged",
                    "Card numbers come from the legacy profile API", "assigned it to bob", "commented");

            new Select(bob.find(By.id("status"))).selectByValue("false_positive");
            bob.click(By.id("move"));
            assertThat(bob.text(By.id("problem"))).contains("say why");
            bob.screenshot("finding");
        }
    }

    @Test
    void adminEnrollsAnEdgeAndSeesItsInstallCommand() {
        try (ConsoleBrowser alice = new ConsoleBrowser(cloud).signIn("alice")) {
            alice.click(By.linkText("Edges"));
            assertThat(alice.text(By.id("edges"))).contains("edge-fra-01", "events_lost");
            alice.find(By.id("edge-name")).sendKeys("edge-ber-02");
            alice.click(By.id("enroll-edge"));
            String command = alice.text(By.id("install-command"));
            assertThat(command).startsWith("perimeter-edge enroll --cloud https://perimeter.test --token pe");
            alice.screenshot("edge-enrolled");

            alice.open("/edges");
            assertThat(alice.text(By.id("edges"))).contains("edge-fra-01");
            alice.screenshot("edges");
            alice.open("/members");
            assertThat(alice.text(By.id("members"))).contains("alice", "bob", "dave");
            alice.screenshot("members");
        }
    }

    @Test
    void signingOutEndsTheKeycloakSessionToo() {
        try (ConsoleBrowser dave = new ConsoleBrowser(cloud).signIn("dave")) {
            assertThat(dave.page()).contains("Acme at a glance");
            new Select(dave.find(By.id("tenant"))).selectByValue("globex");
            dave.click(By.cssSelector(".switcher button"));
            dave.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Globex"));
            assertThat(dave.page()).contains("Enroll your first edge");

            dave.click(By.id("sign-out"));
            dave.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("signed-out")));
            dave.screenshot("signed-out");
            assertThat(dave.driver().manage().getCookieNamed("PERIMETER_ID")).isNull();

            dave.open("/");
            dave.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
            assertThat(dave.driver().getCurrentUrl()).startsWith(cloud.keycloak().issuer());
        }
    }

    @Test
    void aPersonOfAnotherTenantGetsNotFoundForAcmesFinding() {
        try (ConsoleBrowser carol = new ConsoleBrowser(cloud).signIn("carol")) {
            carol.open("/findings/" + acme.cardFinding);
            assertThat(carol.text(By.id("error-title"))).isEqualTo("Not found");
            assertThat(carol.page()).doesNotContain("API3-CARD-NUMBER-UNMASKED");
            carol.screenshot("not-found");
            carol.open("/endpoints/" + acme.users);
            assertThat(carol.text(By.id("error-title"))).isEqualTo("Not found");
        }
    }

    /**
     * Generated from the route table, like the API's isolation suite: every console route with an id in its path,
     * called by an owner of globex with acme's ids (and a valid form), answers the not-found page.
     */
    @Test
    void everyConsoleRouteWithAnIdAnswersNotFoundToAnotherTenant() throws IOException, InterruptedException {
        String playbookId = cloud.context().getBean(PlaybookLibrary.class).create(
                new Person("alice", cloud.acme.id(), "acme", Role.OWNER, List.of()),
                new PlaybookRequests.PlaybookInput(null, null, null, null, null, null, "builtin-attack")).id();
        Map<String, String> acmeIds = Map.of("serviceId", acme.shop.toString(), "endpointId", acme.users.toString(),
                "findingId", acme.cardFinding.toString(), "edgeId", acme.edge.toString(), "username", "bob",
                "reportId", acme.report.toString(), "playbookId", playbookId);
        try (ConsoleBrowser carol = new ConsoleBrowser(cloud).signIn("carol")) {
            String csrf = carol.driver().manage().getCookieNamed("PERIMETER_CSRF").getValue();
            String cookies = cookies(carol);
            String form = "csrfToken=" + csrf + "&role=viewer&status=acknowledged&comment=seen&assignee=carol";
            List<String> checked = new ArrayList<>();
            List<String> leaks = new ArrayList<>();
            for (UriRouteInfo<?, ?> route : cloud.context().getBean(Router.class).uriRoutes().toList()) {
                UriMatchTemplate template = route.getUriMatchTemplate();
                String name = route.getHttpMethodName() + " " + template;
                if (template.getVariableNames().isEmpty() || route.getHttpMethod() == HttpMethod.HEAD
                        || NOT_PAGES.stream().anyMatch(template.toString()::startsWith) || checked.contains(name)) {
                    continue;
                }
                Map<String, Object> values = new HashMap<>();
                for (String variable : template.getVariableNames()) {
                    assertThat(acmeIds).as("an acme value for {%s} of %s", variable, template).containsKey(variable);
                    values.put(variable, acmeIds.get(variable));
                }
                URI uri = URI.create(cloud.url(template.expand(values)));
                HttpResponse<String> answer = route.getHttpMethod() == HttpMethod.GET ? get(uri, cookies)
                        : post(uri, cookies, form);
                checked.add(name);
                if (answer.statusCode() != 404 || !answer.body().contains("Not found")) {
                    leaks.add(name + " → " + answer.statusCode());
                }
            }
            assertThat(checked).hasSizeGreaterThanOrEqualTo(8);
            assertThat(leaks).isEmpty();
        }
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefused() throws IOException, InterruptedException {
        try (ConsoleBrowser bob = new ConsoleBrowser(cloud).signIn("bob")) {
            Cookie csrf = bob.driver().manage().getCookieNamed("PERIMETER_CSRF");
            String cookies = cookies(bob);
            URI comments = URI.create(cloud.url("/findings/" + acme.cardFinding + "/comments"));

            assertThat(post(comments, cookies, "comment=forged").statusCode()).isEqualTo(403);
            assertThat(post(comments, cookies, "comment=forged&csrfToken=" + csrf.getValue()).statusCode())
                    .isEqualTo(303);

            bob.open("/findings/" + acme.cardFinding);
            assertThat(bob.text(By.id("history"))).containsOnlyOnce("forged");
        }
    }

    /** The browser's session cookies, to send the requests a page would not. */
    private static String cookies(ConsoleBrowser browser) {
        Cookie idToken = browser.driver().manage().getCookieNamed("PERIMETER_ID");
        Cookie csrf = browser.driver().manage().getCookieNamed("PERIMETER_CSRF");
        assertThat(idToken).isNotNull();
        assertThat(csrf).isNotNull();
        return "PERIMETER_ID=" + idToken.getValue() + "; PERIMETER_CSRF=" + csrf.getValue();
    }

    private static HttpResponse<String> get(URI uri, String cookies) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(uri).header("Cookie", cookies)
                    .header("Accept", "text/html,*/*;q=0.8").GET().build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static HttpResponse<String> post(URI uri, String cookies, String form)
            throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(uri).header("Cookie", cookies)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
