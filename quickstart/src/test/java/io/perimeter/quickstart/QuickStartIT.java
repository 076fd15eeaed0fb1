package io.perimeter.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perimeter.testsupport.HeadlessChromium;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
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
 * The quick start's whole flow on this host, as root: embedded PostgreSQL, the API, the demo tenant, a real
 * enrollment, live eBPF capture of the sample APIs (Node.js and Python, plain and TLS) and the traffic generator with
 * planted canaries. It checks what a user would look for in the console: the endpoints with their templates, data
 * classes and findings, an edge that lost nothing, and no personal value anywhere in the cloud's database.
 */
@Tag("kernel")
class QuickStartIT {
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static QuickStartSettings.Ports ports;
    private static final Map<String, String> CANARIES = Map.of(
            "email", "canary.quickstart.7f3a@planted.example",
            "card", "4929123456781236",
            "iban", "DE44500105175407324931",
            "phone", "+44 20 7946 0537",
            "password", "Canary-Pass-9c1e-planted");

    @TempDir
    static Path run;
    private static QuickStart quickStart;
    private static final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @BeforeAll
    static void startQuickStart() throws Exception {
        List<String> options = new ArrayList<>();
        CANARIES.forEach((kind, value) -> options.addAll(List.of("--canary-" + kind, value)));
        ports = QuickStartSettings.Ports.ephemeral();
        QuickStartSettings settings = new QuickStartSettings(Checkout.root(), run, ports, Duration.ofSeconds(45), false,
                options, Optional.empty());
        quickStart = QuickStart.start(settings, new PrintStream(progress, true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        if (quickStart != null) {
            quickStart.close();
        }
    }

    @Test
    void liveTrafficBecomesInventoryFindingsAndNothingPersonalInTheCloud() throws Exception {
        assertThat(quickStart.edgeSource()).as("progress:%n%s", progress).isEqualTo(LocalEdge.Source.LIVE);
        int shop = ports.shopHttp();
        int shopTls = ports.shopHttps();
        int payments = ports.paymentsHttp();
        int paymentsTls = ports.paymentsHttps();
        Set<String> wanted = Set.of(
                shop + " GET /api/users/{id}", shopTls + " GET /api/users/{id}", shopTls + " GET /api/orders/{id}",
                shop + " POST /api/login", shop + " GET /api/search",
                payments + " GET /v1/payments/{id}", paymentsTls + " GET /v1/payments/{id}",
                paymentsTls + " POST /v1/payments", paymentsTls + " GET /v1/accounts/{id}",
                "finding API1-OBJECT-WALK GET /api/users/{id}",
                "finding API3-SENSITIVE-DATA-IN-RESPONSE GET /v1/payments/{id}",
                "finding ATTACK-SQL-INJECTION GET /api/search",
                "finding API4-NO-RATE-LIMIT POST /api/login");
        Set<String> seen = awaitInventory(wanted, Duration.ofSeconds(100));
        assertThat(seen).as("progress:%n%s", progress).containsAll(wanted);

        assertThat(dataClasses()).contains("EMAIL", "PHONE", "CARD_NUMBER", "IBAN", "PERSON_NAME", "PASSWORD");
        assertThat(tlsServices()).as("TLS seen in node (static OpenSSL) and python (shared libssl)")
                .contains(ports.shopHttps(), ports.paymentsHttps());

        JsonNode counters = edgeCounters();
        for (String loss : List.of("events_lost", "data_bytes_lost", "calls_dropped_backlog", "conn_map_full",
                "state_map_full", "batches_not_spooled", "analysis_errors")) {
            assertThat(counters.path(loss).asLong(-1)).as("edge counter %s in %s", loss, counters).isZero();
        }
        assertThat(counters.path("calls_seen_at_both_ends").asLong()).as("the traffic generator's copies of the calls, "
                + "dropped since the sample APIs' ends were captured: %s", counters).isPositive();

        String dump = dumpEveryTable();
        for (String value : personalValues()) {
            assertThat(dump).as("the cloud database holds a planted or sample value").doesNotContain(value);
        }
    }

    /**
     * The console as the printed summary offers it: its URL, the local account and its password. A wrong password is
     * refused on the sign-in page, the API does not take the password as HTTP Basic, the findings of the live traffic
     * show, and signing out leads back to the sign-in page. The pages are saved under target/screenshots (the ones in
     * docs/quickstart come from here).
     */
    @Test
    void theConsoleSignsInWithThePrintedPasswordAndShowsTheFindings() throws Exception {
        ConsoleSignIn console = ConsoleSignIn.printedBy(quickStart);
        assertThat(console.throughKeycloak()).isFalse();
        String url = console.url();
        String username = console.username();
        String password = console.password();

        String basic = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/me"))
                    .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).as("the API with the console password as HTTP Basic").isEqualTo(401);
        }

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            WebDriver page = browser.driver();
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(20));
            page.get(url + "/findings");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in-form")));
            signIn(page, username, password + "-wrong");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in-failed")));
            browser.screenshot(SCREENSHOTS.resolve("quickstart-sign-in.png"));

            signIn(page, username, password);
            wait.until(ExpectedConditions.textToBe(By.id("signed-in-as"), username));
            page.get(url + "/");
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Demo at a glance");

            // The list pages 25 at a time: the filters narrow it to the findings looked for.
            assertThat(findingsPage(page, url + "/findings?category=API1:2023", "API1-OBJECT-WALK"))
                    .contains("API1-OBJECT-WALK", "GET /api/users/{id}");
            assertThat(findingsPage(page, url + "/findings?category=ATTACK", "ATTACK-SQL-INJECTION"))
                    .contains("ATTACK-SQL-INJECTION", "GET /api/search");
            page.get(url + "/findings");
            browser.screenshot(SCREENSHOTS.resolve("quickstart-findings.png"));
            page.get(url + "/");
            browser.screenshot(SCREENSHOTS.resolve("quickstart-dashboard.png"));
            page.get(url + "/services");
            assertThat(page.findElement(By.id("services")).getText()).contains(String.valueOf(ports.shopHttps()),
                    String.valueOf(ports.paymentsHttps()));
            browser.screenshot(SCREENSHOTS.resolve("quickstart-inventory.png"));

            page.findElement(By.id("sign-out")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-out")));
            page.get(url + "/");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in-form")));
        }
    }

    /** The text of a findings page once it shows {@code rule}, reloading it until then (at most 100 s). */
    private static String findingsPage(WebDriver page, String url, String rule) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(100).toNanos();
        String text = "";
        while (!text.contains(rule) && System.nanoTime() < deadline) {
            page.get(url);
            text = page.findElement(By.tagName("main")).getText();
            if (!text.contains(rule)) {
                Thread.sleep(2000);
            }
        }
        return text;
    }

    private static void signIn(WebDriver page, String username, String password) {
        page.findElement(By.id("username")).clear();
        page.findElement(By.id("username")).sendKeys(username);
        page.findElement(By.id("password")).sendKeys(password);
        page.findElement(By.id("sign-in")).click();
    }

    /** Endpoints as "port METHOD template" and findings as "finding RULE METHOD template", until all are there. */
    private static Set<String> awaitInventory(Set<String> wanted, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> seen = new TreeSet<>();
        while (System.nanoTime() < deadline) {
            seen.clear();
            seen.addAll(strings("SELECT s.port || ' ' || e.method || ' ' || e.template FROM endpoints e "
                    + "JOIN services s ON s.id = e.service_id"));
            seen.addAll(strings("SELECT 'finding ' || rule || ' ' || method || ' ' || template FROM findings"));
            if (seen.containsAll(wanted)) {
                break;
            }
            Thread.sleep(1000);
        }
        return seen;
    }

    private static Set<String> dataClasses() throws SQLException {
        return strings("SELECT DISTINCT unnest(data_classes) FROM endpoints");
    }

    private static Set<Integer> tlsServices() throws SQLException {
        Set<Integer> tls = new TreeSet<>();
        strings("SELECT port FROM services WHERE tls").forEach(p -> tls.add(Integer.parseInt(p)));
        return tls;
    }

    private static JsonNode edgeCounters() throws Exception {
        return new ObjectMapper().readTree(strings("SELECT counters::text FROM edges WHERE revoked_at IS NULL")
                .iterator().next());
    }

    /** Every row of every table of the database, as JSON text, read as the superuser (no row-level security). */
    private static String dumpEveryTable() throws SQLException {
        StringBuilder dump = new StringBuilder();
        for (String table : strings("SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables "
                + "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")) {
            strings("SELECT row_to_json(t)::text FROM " + table + " t").forEach(row -> dump.append(row).append('\n'));
        }
        assertThat(dump).as("the dump holds the inventory").contains("/api/users/{id}");
        return dump.toString();
    }

    /** The canaries and the sample APIs' own personal data, raw and URL-encoded. */
    private static Set<String> personalValues() throws Exception {
        Set<String> values = new TreeSet<>(CANARIES.values());
        JsonNode data = new ObjectMapper().readTree(Checkout.root().resolve("quickstart/sample-api/data.json").toFile());
        data.path("users").forEach(u -> {
            values.add(u.path("email").asText());
            values.add(u.path("phone").asText());
        });
        data.path("payments").forEach(p -> {
            values.add(p.path("card_number").asText());
            values.add(p.path("iban").asText());
        });
        values.add("correct-horse-battery-staple");
        Set<String> encoded = new TreeSet<>();
        values.forEach(v -> encoded.add(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        values.addAll(encoded);
        values.removeIf(v -> v.length() < 8);
        return values;
    }

    private static Set<String> strings(String query) throws SQLException {
        Set<String> values = new TreeSet<>();
        try (Connection connection = quickStart.embeddedDatabase().orElseThrow().superuser();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
