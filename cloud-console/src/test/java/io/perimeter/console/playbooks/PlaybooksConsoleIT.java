package io.perimeter.console.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.perimeter.cloud.identity.Person;
import io.perimeter.cloud.playbooks.PlaybookLibrary;
import io.perimeter.cloud.playbooks.PlaybookRequests;
import io.perimeter.cloud.playbooks.delivery.WebhookSignature;
import io.perimeter.console.support.ConsoleBrowser;
import io.perimeter.console.support.ConsoleFixture;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.tenant.Role;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Playbooks in the console, in a real browser: an analyst copies a built-in playbook, maps it to a rule and makes it
 * deliver an nginx policy to a webhook; on the finding's playbook page the dry-run preview shows the policy; a run
 * waits for approval, the analyst who asked cannot approve it, an owner does, and the local webhook receives it
 * signed. Another tenant's owner gets the not-found page for all of it.
 */
@Tag("browser")
@RequiresServices({Service.POSTGRES, Service.KEYCLOAK})
class PlaybooksConsoleIT {
    private static final String KEY = "console-signing-key-0123456789";
    private static final List<String[]> RECEIVED = new CopyOnWriteArrayList<>();
    private static ConsoleFixture cloud;
    private static HttpServer receiver;
    private static UUID finding;

    @BeforeAll
    static void start(PostgresEndpoint postgres, KeycloakEndpoint keycloak) throws Exception {
        // The receiver is on loopback over HTTP: this installation allows that (a multi-tenant cloud does not).
        cloud = ConsoleFixture.start(postgres, keycloak, Map.of("perimeter.playbooks.allow-private-destinations", true,
                "perimeter.playbooks.allow-http", true));
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            RECEIVED.add(new String[] {exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        finding = seedFinding(cloud.acme.id());
        cloud.context().getBean(PlaybookLibrary.class).addDestination(
                new Person("alice", cloud.acme.id(), "acme", Role.OWNER, List.of()),
                new PlaybookRequests.DestinationInput("pipeline", "webhook",
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", KEY, Map.of()));
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
        cloud.close();
    }

    @Test
    void anAnalystEditsAPlaybookAndAnotherApprovesItsRun() {
        String playbookPage;
        try (ConsoleBrowser bob = new ConsoleBrowser(cloud).signIn("bob")) {
            bob.click(By.linkText("Playbooks"));
            assertThat(bob.text(By.id("builtin-playbooks"))).contains("Block injection and traversal attempts");
            new Select(bob.find(By.id("based-on"))).selectByValue("builtin-attack");
            bob.find(By.id("copy-name")).sendKeys("Edge nginx");
            bob.click(By.id("copy"));
            bob.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("playbook-form")));
            playbookPage = bob.driver().getCurrentUrl();
            bob.find(By.id("rules")).sendKeys("ATTACK-SQL-INJECTION");
            bob.find(By.id("categories")).clear();
            bob.find(By.id("actions")).clear();
            bob.find(By.id("actions")).sendKeys("policy nginx block-pattern to=pipeline");
            bob.click(By.id("save-playbook"));
            bob.waitFor(ExpectedConditions.textToBePresentInElementValue(By.id("rules"), "ATTACK-SQL-INJECTION"));
            assertThat(bob.find(By.id("actions")).getAttribute("value"))
                    .isEqualTo("policy nginx block-pattern to=pipeline");
            bob.screenshot("playbook-edit");

            bob.find(By.id("actions")).clear();
            bob.find(By.id("actions")).sendKeys("policy haproxy block-route");
            bob.click(By.id("save-playbook"));
            assertThat(bob.text(By.id("problem"))).contains("actions[0].gateway");

            bob.open("/findings/" + finding);
            bob.click(By.cssSelector("#finding-playbook a"));
            assertThat(bob.text(By.id("playbook-title"))).isEqualTo("Edge nginx");
            assertThat(bob.text(By.id("playbook-actions"))).contains("map $args", "pipeline", "approve");
            bob.click(By.id("dry-run"));
            bob.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("runs"), "previewed"));
            bob.click(By.id("run"));
            bob.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("runs"), "awaiting_approval"));
            assertThat(RECEIVED).as("nothing sent before approval").isEmpty();
            bob.click(By.cssSelector("button.approve"));
            assertThat(bob.text(By.id("problem"))).contains("another analyst");
            bob.screenshot("finding-playbook");
        }
        try (ConsoleBrowser alice = new ConsoleBrowser(cloud).signIn("alice")) {
            alice.open("/findings/" + finding + "/playbook");
            alice.click(By.cssSelector("button.approve"));
            alice.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("runs"), "succeeded"));
            assertThat(alice.text(By.id("runs"))).contains("204 delivered", "decided by alice");
            alice.screenshot("finding-playbook-approved");
        }
        assertThat(RECEIVED).hasSize(1);
        String[] hook = RECEIVED.getFirst();
        assertThat(WebhookSignature.verify(KEY, Long.parseLong(hook[0]), hook[2], hook[1])).isTrue();
        assertThat(hook[2]).contains("perimeter.playbook.policy", "map $args");

        try (ConsoleBrowser carol = new ConsoleBrowser(cloud).signIn("carol")) {
            carol.open("/findings/" + finding + "/playbook");
            assertThat(carol.text(By.id("error-title"))).isEqualTo("Not found");
            carol.driver().get(playbookPage);
            assertThat(carol.text(By.id("error-title"))).isEqualTo("Not found");
            carol.open("/playbooks");
            assertThat(carol.page()).doesNotContain("Edge nginx").doesNotContain("pipeline");
        }
    }

    private static UUID seedFinding(UUID tenant) {
        UUID service = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        JdbcOperations jdbc = cloud.context().getBean(JdbcOperations.class);
        cloud.context().getBean(TenantTransactions.class).write(tenant, () -> {
            jdbc.prepareStatement("INSERT INTO services (id, tenant_id, host, port, process, tls, first_seen, "
                    + "last_seen) VALUES (?, ?, 'playbooks.example.test', 443, 'node', true, now(), now())", s -> {
                s.setObject(1, service);
                s.setObject(2, tenant);
                return s.executeUpdate();
            });
            jdbc.prepareStatement("INSERT INTO findings (id, tenant_id, key, rule, category, severity, service_id, "
                    + "method, template, evidence, count, first_seen, last_seen) VALUES (?, ?, ?, "
                    + "'ATTACK-SQL-INJECTION', 'ATTACK', 'high', ?, 'GET', '/api/users/{id}', "
                    + "'{\"location\":\"request.query\"}', 5, now(), now())", s -> {
                s.setObject(1, id);
                s.setObject(2, tenant);
                s.setString(3, id.toString().replace("-", ""));
                s.setObject(4, service);
                return s.executeUpdate();
            });
            return null;
        });
        return id;
    }
}
