package io.perimeter.cloud.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openhtmltopdf.util.ThreadCtx;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The parts of a report that need no database: CSV cells, the requirement of a finding, the PDF of a report. */
class ReportRenderingTest {
    private static final Instant SEEN = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void csvCellsAreQuotedAndNeverReadAsFormulas() {
        assertThat(CsvReport.cell("plain")).isEqualTo("plain");
        assertThat(CsvReport.cell("a, b")).isEqualTo("\"a, b\"");
        assertThat(CsvReport.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvReport.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(CsvReport.cell("+1")).isEqualTo("'+1");
        assertThat(CsvReport.cell("@sum")).isEqualTo("'@sum");
        assertThat(CsvReport.cell("-2")).isEqualTo("'-2");
    }

    @Test
    void findingsMapToTheRequirementTheyEvidence() {
        assertThat(PciAssessment.requirement(finding("API3-SENSITIVE-DATA-IN-RESPONSE", "API3:2023", "CARD_NUMBER")))
                .isEqualTo("3.4.1");
        assertThat(PciAssessment.requirement(finding("API3-SENSITIVE-DATA-IN-RESPONSE", "API3:2023", "US_SSN")))
                .isEqualTo("6.2.4");
        assertThat(PciAssessment.requirement(finding("API8-SENSITIVE-DATA-PLAINTEXT", "API8:2023", "CARD_NUMBER")))
                .isEqualTo("4.2.1");
        assertThat(PciAssessment.requirement(finding("API8-CORS-CREDENTIALS", "API8:2023"))).isEqualTo("2.2.6");
        assertThat(PciAssessment.requirement(finding("API2-BASIC-AUTH-PLAINTEXT", "API2:2023"))).isEqualTo("8.3.1");
        assertThat(PciAssessment.requirement(finding("API1-OBJECT-WALK", "API1:2023"))).isEqualTo("7.2.1");
        assertThat(PciAssessment.requirement(finding("API10-SENSITIVE-DATA-TO-THIRD-PARTY", "API10:2023")))
                .isEqualTo("12.8.1");
        assertThat(PciAssessment.requirement(finding("ATTACK-SQL-INJECTION", "ATTACK"))).isEqualTo("6.4.1");
    }

    @Test
    void thePdfOfAReportIsTheSameBytesEveryTimeAndCarriesItsDate() {
        ReportInputs inputs = new ReportInputs("acme", "Acme", null, SEEN,
                List.of(new ReportInputs.Service(SERVICE, "pay.example.test", 8080, "java", false, SEEN, SEEN)),
                List.of(new ReportInputs.Endpoint(ENDPOINT, SERVICE, "POST", "/cards", 3, List.of("none"),
                        List.of("CARD_NUMBER"), Map.of("requestBody:application/json",
                                Map.of("card.number", List.of("CARD_NUMBER"))), SEEN, SEEN)),
                List.of());
        Report report = PciAssessment.of(inputs);
        PdfReport pdf = new PdfReport();
        byte[] first = pdf.write(report);
        assertThat(pdf.write(report)).isEqualTo(first);
        assertThat(new String(first, 0, 8, StandardCharsets.ISO_8859_1)).startsWith("%PDF-");
        assertThat(pdf.html(report)).contains("PCI DSS 4.2.1 \u2014 FAIL \u2014 POST pay.example.test:8080 /cards",
                "Outcomes: 1 FAIL");
        assertThat(report.sections().get(1).summary()).isEqualTo("1 FAIL");
    }

    @Test
    void theRendererIsClosedSoNothingOfTheLayoutStaysOnTheWorkerThread() {
        ReportInputs inputs = new ReportInputs("acme", "Acme", null, SEEN, List.of(), List.of(), List.of());
        new PdfReport().write(GdprRecord.of(inputs));
        // PdfBoxRenderer.close() clears the layout context openhtmltopdf keeps in a thread-local; report workers
        // are pooled threads, so a renderer left open would keep the last report's layout alive on them.
        // (ThreadData.sharedContext() throws when no context is registered on the thread.)
        assertThatThrownBy(() -> ThreadCtx.get().sharedContext()).as("openhtmltopdf's thread-local layout context")
                .isInstanceOf(NullPointerException.class).hasMessageContaining("must be registered");
    }

    @Test
    void namesOutsideTheStandardFontsDoNotStopTheReport() throws Exception {
        ReportInputs inputs = new ReportInputs("kabushiki", "Bücher 株式会社 <b>&amp;", null, SEEN,
                List.of(new ReportInputs.Service(SERVICE, "bücher.example", 443, "node", true, SEEN, SEEN)),
                List.of(new ReportInputs.Endpoint(ENDPOINT, SERVICE, "GET", "/книги/{id}", 3, List.of("bearer-jwt"),
                        List.of("EMAIL"), Map.of(), SEEN, SEEN)),
                List.of());
        byte[] pdf = new PdfReport().write(GdprRecord.of(inputs));
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertThat(text).contains("Bücher", "<b>&amp;", "bücher.example:443");
        }
    }

    private static final UUID SERVICE = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID ENDPOINT = UUID.fromString("00000000-0000-0000-0000-000000000002");

    private static ReportInputs.Finding finding(String rule, String category, String... classes) {
        return new ReportInputs.Finding(UUID.randomUUID(), rule, category, "high", "open", null, null, "GET", "/x",
                "response.body", null, List.of(classes), 1, SEEN, SEEN);
    }
}
