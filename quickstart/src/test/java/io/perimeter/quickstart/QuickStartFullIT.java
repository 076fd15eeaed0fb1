package io.perimeter.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.perimeter.testsupport.HeadlessChromium;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.PulsarEndpoint;
import io.perimeter.testsupport.RedisEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code scripts/quickstart --full}: the same flow on the real stack of {@code scripts/services} (the bundled
 * recording replayed, so no kernel is needed here; QuickStartIT covers live capture). Batches go through the demo
 * tenant's Pulsar topic, and the demo owner signs in through Keycloak with the password the summary prints, both to
 * the API (a Keycloak token) and in a browser to the console, where the findings show.
 */
@Tag("services")
@RequiresServices({Service.POSTGRES, Service.REDIS, Service.PULSAR, Service.KEYCLOAK})
class QuickStartFullIT {
    @TempDir
    static Path run;
    private static QuickStart quickStart;
    private static KeycloakEndpoint keycloak;
    private static PulsarEndpoint pulsar;
    private static long publishedBefore;
    private static final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @BeforeAll
    static void startQuickStart(PostgresEndpoint postgres, KeycloakEndpoint keycloakEndpoint,
                                PulsarEndpoint pulsarEndpoint, RedisEndpoint redis) throws Exception {
        keycloak = keycloakEndpoint;
        pulsar = pulsarEndpoint;
        Map<String, Object> services = new HashMap<>(postgres.freshDatabase("quickstart_full").cloudProperties());
        services.put("perimeter.keycloak.url", keycloak.baseUrl());
        services.put("perimeter.keycloak.realm", keycloak.realm());
        services.put("perimeter.keycloak.admin-client-secret", keycloak.apiClientSecret());
        services.put("micronaut.security.oauth2.clients.console.client-secret", keycloak.consoleClientSecret());
        services.put("perimeter.pulsar.service-url", pulsar.serviceUrl());
        services.put("perimeter.pulsar.admin-url", pulsar.adminUrl());
        services.put("perimeter.redis.uri", redis.uri());
        QuickStartSettings settings = new QuickStartSettings(Checkout.root(), run, QuickStartSettings.Ports.ephemeral(),
                Duration.ZERO, true, List.of(), Optional.of(services));
        publishedBefore = publishedBatches();
        quickStart = QuickStart.start(settings, new PrintStream(progress, true, StandardCharsets.UTF_8));
    }

    /** Messages the broker took in on the demo tenant's topic since it loaded it; 0 before the topic exists. */
    private static long publishedBatches() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> stats = http.send(HttpRequest.newBuilder(
                    URI.create(pulsar.adminUrl() + "/admin/v2/persistent/demo/edges/batches/stats")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (stats.statusCode() == 404) {
                return 0;
            }
            assertThat(stats.statusCode()).as(stats.body()).isEqualTo(200);
            return new ObjectMapper().readTree(stats.body()).path("msgInCounter").asLong();
        }
    }

    @AfterAll
    static void stop() {
        if (quickStart != null) {
            quickStart.close();
        }
    }

    @Test
    void theDemoOwnerSignsInThroughKeycloakAndSeesFindingsThatCameThroughPulsar() throws Exception {
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("Pulsar", "Keycloak", "REPLAY");
        ConsoleSignIn console = ConsoleSignIn.printedBy(quickStart);
        assertThat(console.throughKeycloak()).isTrue();
        String url = console.url();
        String username = console.username();
        String password = console.password();

        String token = keycloak.accessToken(username, password, "organization:*");
        Set<String> rules = new TreeSet<>();
        try (HttpClient http = HttpClient.newHttpClient()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!rules.contains("API1-OBJECT-WALK") && System.nanoTime() < deadline) {
                HttpResponse<String> findings = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/findings?limit=200"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(findings.statusCode()).as(findings.body()).isEqualTo(200);
                new ObjectMapper().readTree(findings.body()).path("items")
                        .forEach(f -> rules.add(f.path("rule").asText()));
                Thread.sleep(1000);
            }
            assertThat(rules).contains("API1-OBJECT-WALK", "ATTACK-SQL-INJECTION");

            // The batches went through the demo tenant's topic (the topic itself exists as soon as its consumer does).
            assertThat(publishedBatches()).as("batches published to persistent://demo/edges/batches by this run")
                    .isGreaterThan(publishedBefore);
        }

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(30));
            page.get(url + "/findings");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
            page.findElement(By.id("username")).sendKeys(username);
            page.findElement(By.id("kc-login")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("password")));
            page.findElement(By.id("password")).sendKeys(password);
            page.findElement(By.id("kc-login")).click();
            wait.until(ExpectedConditions.textToBe(By.id("signed-in-as"), username));
            page.get(url + "/findings?category=API1:2023");
            assertThat(page.findElement(By.tagName("main")).getText()).contains("API1-OBJECT-WALK");
        }
    }
}
