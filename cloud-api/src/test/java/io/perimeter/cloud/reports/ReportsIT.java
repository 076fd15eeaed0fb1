package io.perimeter.cloud.reports;

import static io.perimeter.cloud.reports.ReportDownloads.awaitFinished;
import static io.perimeter.cloud.reports.ReportDownloads.compact;
import static io.perimeter.cloud.reports.ReportDownloads.containsAll;
import static io.perimeter.cloud.reports.ReportDownloads.containsNone;
import static io.perimeter.cloud.reports.ReportDownloads.csv;
import static io.perimeter.cloud.reports.ReportDownloads.download;
import static io.perimeter.cloud.reports.ReportDownloads.generate;
import static io.perimeter.cloud.reports.ReportDownloads.occurrences;
import static io.perimeter.cloud.reports.ReportDownloads.only;
import static io.perimeter.cloud.reports.ReportDownloads.pdfText;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * GDPR and PCI-DSS reports through the API, generated from seeded tenants in the background and checked against the
 * seed: the PDF's text read back with PDFBox, the CSV parsed; the same data and window give the same bytes; viewers
 * read but do not request; another tenant gets 404. How the background jobs run: ReportJobsIT.
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
        assertThat(pci).isNotEmpty().allSatisfy(row -> assertThat(row).containsEntry("report", "pci")
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
        assertThat(csv(first)).isNotEmpty().allSatisfy(row ->
                assertThat(Instant.parse(row.get("window_to"))).isEqualTo(requestedAt));

        UUID late = acme.lateApi(Instant.now());
        try {
            // The same job run again, as after its worker stopped: queued again and taken by the sweep.
            String id = done.path("id").asText();
            acme.sql("UPDATE report_jobs SET status = 'queued', progress = 0, sha256 = NULL WHERE id = ?",
                    UUID.fromString(id));
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
}
