package io.perimeter.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick start's whole flow on this host, as root: embedded PostgreSQL, the API, the demo tenant, a real
 * enrollment, live eBPF capture of the sample APIs (Node.js and Python, plain and TLS) and the traffic generator with
 * planted canaries. It checks what a user would look for in the console: the endpoints with their templates, data
 * classes and findings, an edge that lost nothing, and no personal value anywhere in the cloud's database.
 */
@Tag("kernel")
class QuickStartIT {
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
        QuickStartSettings settings = new QuickStartSettings(projectRoot(), run, ports, Duration.ofSeconds(45), false,
                options);
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

        String dump = dumpEveryTable();
        for (String value : personalValues()) {
            assertThat(dump).as("the cloud database holds a planted or sample value").doesNotContain(value);
        }
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
        JsonNode data = new ObjectMapper().readTree(projectRoot().resolve("quickstart/sample-api/data.json").toFile());
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
        try (Connection connection = quickStart.database().superuser();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isExecutable(dir.resolve("scripts/perimeter-edge"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the checkout above %s", Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }
}
