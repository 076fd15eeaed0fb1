package io.perimeter.cloud.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.perimeter.cloud.inventory.InventorySeed;
import io.perimeter.cloud.support.ApiClient;
import io.perimeter.cloud.support.CloudApiFixture;
import io.perimeter.cloud.support.Reply;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.security.MessageDigest;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * GDPR and PCI-DSS reports through the API, generated from seeded tenants in the background and checked against the
 * seed: the PDF's text read back with PDFBox, the CSV parsed; the same data and window give the same bytes; viewers
 * read but do not request; another tenant gets 404; a job left running by a stopped instance is run again.
 */
@Tag("services")
@RequiresServices({Service.POSTGRES, Service.KEYCLOAK})
class ReportsIT {
    private static final String DASH = " \u2014 ";

    private static CloudApiFixture cloud;
    private static ReportSeed acme;
    private static ReportSeed globex;

    @BeforeAll
    static void start(PostgresEndpoint postgres, KeycloakEndpoint keycloak) {
        cloud = CloudApiFixture.start(postgres, keycloak, Map.of("perimeter.reports.poll", "1s",
                "perimeter.reports.stale-after", "5s"));
        acme = ReportSeed.into(cloud, cloud.acme.id());
        globex = ReportSeed.into(cloud, cloud.globex.id());
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void pciPdfListsTheCardScopeWithItsRequirementsAndFlagsWhatFails() {
        ApiClient bob = cloud.as("bob");
        JsonNode done = generate(bob, Map.of("kind", "pci", "format", "pdf"));
        assertThat(done.path("progress").asInt()).isEqualTo(100);
        assertThat(done.path("fileName").asText()).startsWith("perimeter-pci-acme-").endsWith(".pdf");
        byte[] pdf = download(bob, done, "application/pdf");
        String text = pdfText(pdf);

        String users = "GET shop.example.test:8443 /api/v1/users/{id}";
        String cards = "POST billing.internal:8080 /cards";
        String charges = "POST payments.example.com:443 /v1/charges";
        String legacy = "GET billing.internal:8080 /legacy/cards/{id}";
        containsAll(text, "PCI DSS v4.0 cardholder-data evidence: Acme", "Tenant: Acme (acme)");
        for (String inScope : List.of(users, cards, charges, legacy)) {
            containsAll(text, "PCI DSS 12.5.2" + DASH + "IN SCOPE" + DASH + inScope);
        }
        assertThat(occurrences(compact(text), compact("IN SCOPE" + DASH))).as("in-scope endpoints").isEqualTo(4);
        containsNone(text, "IN SCOPE" + DASH + "POST shop.example.test:8443 /api/v1/orders",
                "IN SCOPE" + DASH + "POST billing.internal:8080 /invoices/{invoiceId}/pay");
        containsAll(text, "PCI DSS 12.5.2" + DASH + "IN SCOPE" + DASH + users
                + " Card numbers seen in response body cards[].number");
        containsAll(text, "PCI DSS 4.2.1" + DASH + "FAIL" + DASH + cards
                        + " TLS missing: card numbers travel in plain HTTP.",
                "PCI DSS 4.2.1" + DASH + "PASS" + DASH + users + " Served over TLS.",
                "PCI DSS 4.2.1" + DASH + "PASS" + DASH + charges);
        containsAll(text, "PCI DSS 3.4.1" + DASH + "FAIL" + DASH + users
                        + " Card numbers unmasked in the response: response body cards[].number.",
                "PCI DSS 3.4.1" + DASH + "FAIL" + DASH + legacy,
                "PCI DSS 3.4.1" + DASH + "PASS" + DASH + cards);
        containsAll(text, "PCI DSS 8.3.1" + DASH + "FAIL" + DASH + cards
                        + " Calls without authentication seen (schemes: none).",
                "PCI DSS 8.3.1" + DASH + "PASS" + DASH + users + " Authentication present: bearer-jwt.");
        containsAll(text, "PCI DSS 12.8.1" + DASH + "SHARED" + DASH + "payments.example.com:443 Card numbers "
                + "sent to the third party payments.example.com by POST /v1/charges in request.body; over TLS.");
        containsAll(text, "PCI DSS 3.4.1" + DASH + "HIGH" + DASH + users + " API3-CARD-NUMBER-UNMASKED",
                "PCI DSS 4.2.1" + DASH + "HIGH" + DASH + cards + " API8-SENSITIVE-DATA-PLAINTEXT",
                "PCI DSS 12.8.1" + DASH + "HIGH" + DASH + charges + " API10-SENSITIVE-DATA-TO-THIRD-PARTY");
        // Every statement names its evidence: the endpoint or finding by id, and when it was seen.
        containsAll(text, "Evidence: endpoint " + acme.plainCards + ", seen ",
                "Evidence: finding " + acme.inventory.cardFinding + ", seen ",
                "Evidence: finding " + acme.thirdPartyFinding + ", seen ");
        containsNone(text, InventorySeed.PLANTED_CARD, InventorySeed.PLANTED_EMAIL, globex.plainCards.toString());
    }

    @Test
    void gdprPdfRecordsPersonalDataPerApiThirdPartiesMeasuresAndOpenFindings() {
        ApiClient bob = cloud.as("bob");
        String text = pdfText(download(bob, generate(bob, Map.of("kind", "gdpr", "format", "pdf")),
                "application/pdf"));

        containsAll(text, "GDPR record of processing activities (Article 30): Acme");
        containsAll(text, "Art. 30(1)(c)" + DASH + "PROCESSES" + DASH + "shop.example.test:8443 (node) API "
                        + "shop.example.test:8443 (node) processes personal data of the classes CARD_NUMBER, EMAIL, "
                        + "POSTAL_ADDRESS in " + (2 + (InventorySeed.CATALOG_ENDPOINTS + 1) / 2) + " endpoints.",
                "processes personal data of the classes CARD_NUMBER, IBAN, PERSON_NAME in 3 endpoints.",
                "payments.example.com:443 (java) processes personal data of the classes CARD_NUMBER, EMAIL in 1 "
                        + "endpoint.");
        containsAll(text, "Art. 30(1)(c)" + DASH + "PROCESSES" + DASH
                + "GET shop.example.test:8443 /api/v1/users/{id} Personal data: CARD_NUMBER, EMAIL (in response body "
                + "cards[].number; response body email)");
        containsNone(text, "PROCESSES" + DASH + "GET shop.example.test:8443 /health");
        containsAll(text, "Art. 30(1)(d)" + DASH + "TRANSFER" + DASH + "payments.example.com:443 Personal data "
                + "sent to the third party payments.example.com: CARD_NUMBER, EMAIL in request.body of POST "
                + "/v1/charges; over TLS; finding open.");
        containsAll(text, "Art. 32(1)" + DASH + "GAP" + DASH + "POST billing.internal:8080 /cards TLS: no; "
                        + "authentication: none; personal data travels without TLS; calls without authentication "
                        + "were seen.",
                "Art. 32(1)" + DASH + "OK" + DASH + "GET shop.example.test:8443 /api/v1/users/{id} TLS: yes; "
                        + "authentication: bearer-jwt.",
                "Art. 32(1)" + DASH + "GAP" + DASH + "POST billing.internal:8080 /invoices/{invoiceId}/pay TLS: no");
        containsAll(text, "Art. 32(1)(d)" + DASH + "CRITICAL" + DASH
                        + "POST shop.example.test:8443 /api/v1/orders API2-TOKEN-IN-QUERY (API2:2023), open",
                "Art. 32(1)(d)" + DASH + "HIGH" + DASH + "GET shop.example.test:8443 /api/v1/users/{id} "
                        + "API3-CARD-NUMBER-UNMASKED (API3:2023), open, data classes CARD_NUMBER");
        // The health check carries no personal data: its missing-HSTS finding is not a GDPR matter.
        containsNone(text, "API8-MISSING-HSTS", InventorySeed.PLANTED_CARD, InventorySeed.PLANTED_EMAIL);
    }

    @Test
    void csvReportsCarryTheSameStatementsWithTheirEvidence() {
        ApiClient bob = cloud.as("bob");
        List<Map<String, String>> pci = csv(download(bob, generate(bob, Map.of("kind", "pci", "format", "csv")),
                "text/csv"));
        assertThat(pci).isNotEmpty();
        assertThat(pci.getFirst().keySet()).containsExactlyElementsOf(CsvReport.COLUMNS);
        assertThat(pci).allSatisfy(row -> assertThat(row).containsEntry("report", "pci")
                .containsEntry("tenant", "acme").containsEntry("window_from", ""));
        assertThat(pci).filteredOn(r -> r.get("outcome").equals("IN SCOPE")).extracting(r -> r.get("evidence_id"))
                .containsExactlyInAnyOrder(acme.inventory.users.toString(), acme.plainCards.toString(),
                        acme.charges.toString(), acme.legacyCards.toString());
        Map<String, String> tls = only(pci, "PCI DSS 4.2.1", "FAIL", acme.plainCards);
        assertThat(tls).containsEntry("subject", "POST billing.internal:8080 /cards")
                .containsEntry("evidence_type", "endpoint").containsEntry("evidence_id", acme.plainCards.toString());
        assertThat(Instant.parse(tls.get("last_seen"))).isEqualTo(acme.now.minusSeconds(120));
        assertThat(pci).filteredOn(r -> r.get("reference").equals("PCI DSS 8.3.1") && r.get("outcome").equals("FAIL"))
                .extracting(r -> r.get("evidence_id")).containsExactly(acme.plainCards.toString());
        assertThat(pci).filteredOn(r -> r.get("reference").equals("PCI DSS 3.4.1") && r.get("outcome").equals("FAIL"))
                .extracting(r -> r.get("evidence_id"))
                .containsExactlyInAnyOrder(acme.inventory.users.toString(), acme.legacyCards.toString());

        List<Map<String, String>> gdpr = csv(download(bob, generate(bob, Map.of("kind", "gdpr", "format", "csv")),
                "text/csv"));
        Map<String, String> transfer = only(gdpr, "Art. 30(1)(d)", "TRANSFER", acme.thirdPartyFinding);
        assertThat(transfer).containsEntry("evidence_type", "finding")
                .containsEntry("evidence_id", acme.thirdPartyFinding.toString())
                .containsEntry("subject", "payments.example.com:443");
        assertThat(transfer.get("statement")).contains("CARD_NUMBER, EMAIL");
        assertThat(gdpr).filteredOn(r -> r.get("outcome").equals("GAP")).extracting(r -> r.get("subject"))
                .containsExactlyInAnyOrder("POST billing.internal:8080 /cards",
                        "POST billing.internal:8080 /invoices/{invoiceId}/pay",
                        "GET billing.internal:8080 /legacy/cards/{id}");
    }

    @Test
    void theSameDataAndWindowGiveByteIdenticalReports() {
        ApiClient bob = cloud.as("bob");
        for (String format : List.of("pdf", "csv")) {
            Map<String, Object> untilNow = Map.of("kind", "pci", "format", format, "to", acme.now.toString());
            byte[] first = download(bob, generate(bob, untilNow), null);
            byte[] second = download(bob, generate(bob, untilNow), null);
            assertThat(second).as("pci %s generated twice", format).isEqualTo(first);
        }
        Map<String, Object> window = Map.of("kind", "pci", "format", "pdf",
                "from", acme.now.minus(Duration.ofDays(30)).toString(), "to", acme.now.toString());
        JsonNode one = generate(bob, window);
        JsonNode two = generate(bob, window);
        assertThat(two.path("sha256").asText()).isEqualTo(one.path("sha256").asText()).hasSize(64);
        byte[] windowed = download(bob, two, null);
        String text = pdfText(windowed);
        // The legacy card endpoint was last seen 400 days ago: outside the window, out of this report.
        containsNone(text, "/legacy/cards");
        containsAll(text, "POST billing.internal:8080 /cards");
        containsAll(text, "Window: " + acme.now.minus(Duration.ofDays(30)) + " to " + acme.now);
        try (PDDocument document = Loader.loadPDF(windowed)) {
            assertThat(document.getDocumentInformation().getCreationDate().toInstant()).isEqualTo(acme.now);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aReportWithoutAnEndIsAsOfItsRequestSoARerunAfterNewDataGivesTheSameBytes() {
        ApiClient bob = cloud.as("bob");
        JsonNode done = generate(bob, Map.of("kind", "gdpr", "format", "csv"));
        Instant requestedAt = Instant.parse(done.path("requestedAt").asText());
        assertThat(Instant.parse(done.path("to").asText())).as("the window's end").isEqualTo(requestedAt);
        byte[] first = download(bob, done, "text/csv");
        assertThat(csv(first)).allSatisfy(row ->
                assertThat(Instant.parse(row.get("window_to"))).isEqualTo(requestedAt));

        UUID late = acme.lateApi(Instant.now());
        try {
            // The same job run again, as after its worker stopped: queued again and taken by the sweep.
            String id = done.path("id").asText();
            jdbcWrite(cloud.acme.id(), "UPDATE report_jobs SET status = 'queued', progress = 0, sha256 = NULL "
                    + "WHERE id = ?", UUID.fromString(id));
            JsonNode rerun = awaitFinished(bob, id);
            assertThat(rerun.path("status").asText()).isEqualTo("done");
            assertThat(rerun.path("sha256").asText()).as("the re-run's file").isEqualTo(done.path("sha256").asText());
            assertThat(download(bob, rerun, "text/csv")).isEqualTo(first);
            // A new request is as of its own time, and has the new API.
            String fresh = new String(download(bob, generate(bob, Map.of("kind", "gdpr", "format", "csv")),
                    "text/csv"), StandardCharsets.UTF_8);
            assertThat(fresh).contains("late.example.test:443");
            assertThat(new String(first, StandardCharsets.UTF_8)).doesNotContain("late.example.test");
        } finally {
            acme.removeLateApi(late);
        }
    }

    @Test
    void aStaleAttemptCannotOverwriteTheResultOfTheAttemptThatTookTheJobOver() {
        ReportJobs jobs = cloud.context().getBean(ReportJobs.class);
        TenantTransactions transactions = cloud.context().getBean(TenantTransactions.class);
        UUID tenant = cloud.acme.id();
        ReportFile newerFile = new ReportFile("newer.csv", "text/csv", "newer".getBytes(StandardCharsets.UTF_8));
        ReportFile staleFile = new ReportFile("stale.csv", "text/csv", "stale".getBytes(StandardCharsets.UTF_8));
        ApiClient bob = cloud.as("bob");

        // The newer attempt finishes; the stale one's progress, file and failure change nothing.
        ReportClaim[] claims = twoClaims(jobs, transactions, tenant);
        ReportClaim stale = claims[0];
        ReportClaim newer = claims[1];
        assertThat(stale.attempt()).isEqualTo(1);
        assertThat(newer.attempt()).isEqualTo(2);
        assertThat(transactions.write(tenant, () -> jobs.progress(stale, 90, Instant.now()))).isFalse();
        assertThat(transactions.write(tenant, () -> jobs.beat(stale, Instant.now()))).isFalse();
        assertThat(transactions.write(tenant, () -> jobs.finish(stale, staleFile, "0".repeat(64), Instant.now())))
                .as("the stale attempt's file while the newer one runs").isFalse();
        assertThat(bob.get("/api/v1/reports/" + newer.jobId()).json().path("status").asText()).isEqualTo("running");
        assertThat(transactions.write(tenant, () -> jobs.progress(newer, 40, Instant.now()))).isTrue();
        assertThat(transactions.write(tenant, () -> jobs.finish(newer, newerFile, "1".repeat(64), Instant.now())))
                .isTrue();
        assertThat(transactions.write(tenant, () -> jobs.fail(stale, "stale", Instant.now()))).isFalse();
        JsonNode done = bob.get("/api/v1/reports/" + newer.jobId()).json();
        assertThat(done.path("status").asText()).isEqualTo("done");
        assertThat(done.path("error").asText()).as("the error of %s", done).isEmpty();
        assertThat(done.path("sha256").asText()).isEqualTo("1".repeat(64));
        assertThat(bob.getBytes(done.path("download").asText()).body()).isEqualTo(newerFile.content());

        // The newer attempt fails; the stale one's file does not turn the job into a download.
        ReportClaim[] again = twoClaims(jobs, transactions, tenant);
        assertThat(transactions.write(tenant, () -> jobs.fail(again[1], "newer failed", Instant.now()))).isTrue();
        assertThat(transactions.write(tenant, () -> jobs.finish(again[0], staleFile, "0".repeat(64),
                Instant.now()))).isFalse();
        JsonNode failed = bob.get("/api/v1/reports/" + again[1].jobId()).json();
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("error").asText()).isEqualTo("newer failed");
        assertThat(bob.get("/api/v1/reports/" + again[1].jobId() + "/content").status()).isEqualTo(409);
    }

    @Test
    void aRunningJobsHeartbeatKeepsTheSweepFromTakingItOver() throws InterruptedException {
        ReportJobs jobs = cloud.context().getBean(ReportJobs.class);
        TenantTransactions transactions = cloud.context().getBean(TenantTransactions.class);
        ReportSettings settings = cloud.context().getBean(ReportSettings.class);
        UUID tenant = cloud.acme.id();
        UUID id = UUID.randomUUID();
        ReportClaim claim = transactions.write(tenant, () -> {
            jobs.insert(tenant, id, ReportKind.GDPR, ReportFormat.CSV, null, Instant.now(), "bob", Instant.now());
            return jobs.claim(tenant, id, Instant.now()).orElseThrow();
        });
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (ReportHeartbeat heartbeat = ReportHeartbeat.start(claim,
                () -> transactions.write(tenant, () -> jobs.beat(claim, Instant.now())), scheduler,
                ReportWorker.heartbeatEvery(settings))) {
            // Longer than stale-after (5 s here) with a sweep every second, and no progress at all: a long PDF layout.
            Thread.sleep(settings.staleAfter().plusSeconds(3).toMillis());
            ReportJob running = transactions.read(tenant, () -> jobs.find(tenant, id)).orElseThrow();
            assertThat(running.status()).isEqualTo("running");
            assertThat(running.attempts()).as("runs of the job").isEqualTo(1);
            assertThat(heartbeat.lost()).isFalse();
        } finally {
            scheduler.shutdownNow();
        }
        // Once the beats stop (the instance stopped), the sweep re-runs the job under a new attempt.
        JsonNode rerun = awaitFinished(cloud.as("bob"), id.toString());
        assertThat(rerun.path("status").asText()).isEqualTo("done");
        assertThat(transactions.read(tenant, () -> jobs.find(tenant, id)).orElseThrow().attempts()).isEqualTo(2);
        assertThat(transactions.write(tenant, () -> jobs.beat(claim, Instant.now()))).as("the first claim").isFalse();
    }

    @Test
    void viewersReadReportsButOnlyAnalystsRequestThemAndBadRequestsAreProblems() {
        ApiClient bob = cloud.as("bob");
        JsonNode done = generate(bob, Map.of("kind", "gdpr", "format", "csv"));
        ApiClient dave = cloud.as("dave").inTenant("acme");
        Reply refused = dave.post("/api/v1/reports", Map.of("kind", "gdpr", "format", "pdf"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.problemType()).isEqualTo("role-required");
        assertThat(dave.get("/api/v1/reports").json().findValuesAsText("id")).contains(done.path("id").asText());
        assertThat(download(dave, done, "text/csv")).isNotEmpty();

        Reply bad = bob.post("/api/v1/reports", Map.of("kind", "sox", "format", "docx"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(bad.text()).contains("kind: must be one of gdpr, pci", "format: must be one of pdf, csv");
        Reply backwards = bob.post("/api/v1/reports", Map.of("kind", "gdpr", "format", "pdf",
                "from", "2026-02-01T00:00:00Z", "to", "2026-01-01T00:00:00Z"));
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.text()).contains("from: must be before to");
        assertThat(bob.get("/api/v1/reports/" + UUID.randomUUID()).status()).isEqualTo(404);

        JsonNode audit = cloud.as("alice").get("/api/v1/audit?limit=500").json();
        List<String> requested = new ArrayList<>();
        audit.forEach(entry -> {
            if (entry.path("action").asText().equals("report.requested")
                    && entry.path("targetId").asText().equals(done.path("id").asText())) {
                requested.add(entry.path("actor").asText());
            }
        });
        assertThat(requested).containsExactly("bob");
    }

    @Test
    void anotherTenantCannotReadOrDownloadTheReport() {
        JsonNode done = generate(cloud.as("bob"), Map.of("kind", "pci", "format", "pdf"));
        String id = done.path("id").asText();
        for (ApiClient other : List.of(cloud.as("carol"), cloud.as("dave").inTenant("globex"))) {
            assertThat(other.get("/api/v1/reports/" + id).status()).isEqualTo(404);
            Reply content = other.get("/api/v1/reports/" + id + "/content");
            assertThat(content.status()).isEqualTo(404);
            assertThat(content.text()).doesNotContain("acme");
            assertThat(other.get("/api/v1/reports").text()).doesNotContain(id);
        }
        // Globex's own report is about globex's data only.
        String globexText = pdfText(download(cloud.as("carol"),
                generate(cloud.as("carol"), Map.of("kind", "pci", "format", "pdf")), "application/pdf"));
        containsAll(globexText, "Tenant: Globex (globex)", globex.plainCards.toString());
        containsNone(globexText, acme.plainCards.toString(), acme.inventory.users.toString());
    }

    @Test
    void aJobLeftRunningByAStoppedInstanceIsRunAgainAndGivesUpAfterThreeAttempts() {
        UUID abandoned = UUID.randomUUID();
        UUID hopeless = UUID.randomUUID();
        OffsetDateTime long_ago = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10);
        cloud.context().getBean(TenantTransactions.class).write(cloud.acme.id(), () -> {
            JdbcOperations jdbc = cloud.context().getBean(JdbcOperations.class);
            for (Object[] job : List.of(new Object[] {abandoned, 1}, new Object[] {hopeless, 3})) {
                jdbc.prepareStatement("INSERT INTO report_jobs (id, tenant_id, kind, format, status, progress, "
                        + "attempts, requested_by, requested_at, started_at, heartbeat_at) VALUES (?, current_tenant(), "
                        + "'gdpr', 'csv', 'running', 40, ?, 'bob', ?, ?, ?)", statement -> {
                            statement.setObject(1, job[0]);
                            statement.setInt(2, (Integer) job[1]);
                            statement.setObject(3, long_ago);
                            statement.setObject(4, long_ago);
                            statement.setObject(5, long_ago);
                            return statement.executeUpdate();
                        });
            }
            return null;
        });
        ApiClient bob = cloud.as("bob");
        JsonNode rerun = awaitFinished(bob, abandoned.toString());
        assertThat(rerun.path("status").asText()).isEqualTo("done");
        assertThat(rerun.path("progress").asInt()).isEqualTo(100);
        assertThat(new String(download(bob, rerun, "text/csv"), StandardCharsets.UTF_8))
                .contains("Art. 30(1)(d),TRANSFER,payments.example.com:443");
        JsonNode failed = awaitFinished(bob, hopeless.toString());
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("error").asText()).contains("stopped 3 times");
        assertThat(bob.get("/api/v1/reports/" + hopeless + "/content").status()).isEqualTo(409);
    }

    /**
     * A job claimed twice: claimed, then (as a sweep does with a stale heartbeat) queued again and claimed by another
     * worker. Each step commits with the claim, so the running sweep never sees the job queued.
     */
    private static ReportClaim[] twoClaims(ReportJobs jobs, TenantTransactions transactions, UUID tenant) {
        UUID id = UUID.randomUUID();
        ReportClaim first = transactions.write(tenant, () -> {
            jobs.insert(tenant, id, ReportKind.GDPR, ReportFormat.CSV, null, Instant.now(), "bob", Instant.now());
            return jobs.claim(tenant, id, Instant.now()).orElseThrow();
        });
        ReportClaim second = transactions.write(tenant, () -> {
            assertThat(jobs.claim(tenant, id, Instant.now())).as("a claim of a running job").isEmpty();
            jdbcWrite(tenant, "UPDATE report_jobs SET status = 'queued', progress = 0 WHERE id = ?", id);
            return jobs.claim(tenant, id, Instant.now()).orElseThrow();
        });
        return new ReportClaim[] {first, second};
    }

    private static void jdbcWrite(UUID tenant, String sql, UUID id) {
        cloud.context().getBean(TenantTransactions.class).write(tenant, () ->
                cloud.context().getBean(JdbcOperations.class).prepareStatement(sql, statement -> {
                    statement.setObject(1, id);
                    return statement.executeUpdate();
                }));
    }

    /** Requests a report and waits for it to finish; fails unless it is done. */
    private static JsonNode generate(ApiClient client, Map<String, ?> request) {
        Reply accepted = client.post("/api/v1/reports", request);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.json().path("status").asText()).isIn("queued", "running", "done");
        JsonNode done = awaitFinished(client, accepted.json().path("id").asText());
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("done");
        return done;
    }

    private static JsonNode awaitFinished(ApiClient client, String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = client.get("/api/v1/reports/" + id).json();
            if (job.path("status").asText().equals("done") || job.path("status").asText().equals("failed")) {
                return job;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("report " + id + " did not finish in 90 s");
    }

    private static byte[] download(ApiClient client, JsonNode done, String contentType) {
        HttpResponse<byte[]> file = client.getBytes(done.path("download").asText());
        if (contentType != null) {
            assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith(contentType);
        }
        assertThat(file.headers().firstValue("Content-Disposition").orElse(""))
                .contains(done.path("fileName").asText());
        assertThat(sha256(file.body())).isEqualTo(done.path("sha256").asText());
        keep(done.path("fileName").asText(), file.body());
        return file.body();
    }

    /** A copy under target/reports, to look at. */
    private static void keep(String name, byte[] content) {
        try {
            Path folder = Files.createDirectories(Path.of("target/reports"));
            Files.write(folder.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pdfText(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static Map<String, String> only(List<Map<String, String>> rows, String reference, String outcome,
                                            UUID evidence) {
        List<Map<String, String>> matching = rows.stream().filter(r -> r.get("reference").equals(reference)
                && r.get("outcome").equals(outcome) && r.get("evidence_id").equals(evidence.toString())).toList();
        assertThat(matching).as("%s %s rows of %s", reference, outcome, evidence).hasSize(1);
        return matching.getFirst();
    }

    /**
     * The PDF's text without white space: the layout breaks lines where it likes (after a slash in a template, at a
     * hyphen), so statements are compared with their white space removed on both sides.
     */
    private static String compact(String text) {
        return text.replaceAll("\\s+", "");
    }

    private static void containsAll(String text, String... expected) {
        for (String statement : expected) {
            assertThat(compact(text)).as("the PDF states: %s", statement).contains(compact(statement));
        }
    }

    private static void containsNone(String text, String... unexpected) {
        for (String statement : unexpected) {
            assertThat(compact(text)).as("the PDF does not state: %s", statement).doesNotContain(compact(statement));
        }
    }

    /** RFC 4180 with a header row. */
    static List<Map<String, String>> csv(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(cell.toString());
                cell.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        assertThat(cell.toString()).as("the CSV ends with CRLF").isEmpty();
        List<String> header = records.getFirst();
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> values : records.subList(1, records.size())) {
            assertThat(values).as("cells of a row").hasSameSizeAs(header);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), values.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
