package io.perimeter.console.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.perimeter.console.support.ConsoleBrowser;
import io.perimeter.console.support.ConsoleFixture;
import io.perimeter.console.support.ConsoleSeed;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Reports in a real browser: an analyst requests a PCI DSS PDF through the form, the page reloads itself while the
 * report runs (no script: a refresh meta element) until the download link appears, and the downloaded PDF states the
 * seeded card endpoint's failures; a viewer sees the reports without the form; another tenant's owner gets the
 * not-found page for the download. Pages are saved under target/screenshots.
 */
@Tag("browser")
@RequiresServices({Service.POSTGRES, Service.KEYCLOAK})
class ReportsConsoleIT {
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
    void anAnalystRequestsAPciReportWatchesItRunAndDownloadsIt() throws Exception {
        try (ConsoleBrowser bob = new ConsoleBrowser(cloud).signIn("bob")) {
            bob.click(By.linkText("Reports"));
            new Select(bob.find(By.id("report-kind"))).selectByValue("pci");
            new Select(bob.find(By.id("report-format"))).selectByValue("pdf");
            bob.click(By.id("request-report-go"));
            // The page reloads itself while a report is queued or running; the link appears once it is done.
            By link = By.cssSelector("a.download[href$='/download']");
            // A reload can replace the rows while they are read: such a look is simply taken again.
            new WebDriverWait(bob.driver(), Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                    .until(driver -> pciDone(driver, link));
            assertThat(bob.text(By.id("reports"))).contains("PCI DSS v4.0 evidence", "PDF", "done", "bob");
            bob.screenshot("reports");

            String href = bob.driver().findElements(By.cssSelector("#reports tr")).stream()
                    .filter(row -> row.getText().contains("PCI DSS")).findFirst().orElseThrow()
                    .findElement(link).getAttribute("href");
            HttpResponse<byte[]> file = get(URI.create(href), cookies(bob));
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
            assertThat(file.headers().firstValue("Content-Disposition").orElse(""))
                    .contains("attachment", "perimeter-pci-acme-");
            String text;
            try (PDDocument pdf = Loader.loadPDF(file.body())) {
                text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", "");
            }
            assertThat(text).contains("PCIDSS12.5.2—INSCOPE—GETshop.example.test:8443/api/v1/users/{id}",
                    "PCIDSS3.4.1—FAIL—GETshop.example.test:8443/api/v1/users/{id}",
                    "Evidence:endpoint" + acme.users);

            // Another tenant's owner: the not-found page, not the file.
            try (ConsoleBrowser carol = new ConsoleBrowser(cloud).signIn("carol")) {
                HttpResponse<byte[]> refused = get(URI.create(href), cookies(carol));
                assertThat(refused.statusCode()).isEqualTo(404);
                assertThat(new String(refused.body())).contains("Not found").doesNotContain("%PDF");
                carol.open("/reports");
                assertThat(carol.driver().findElements(By.id("reports"))).as("globex's report list").isEmpty();
                assertThat(carol.page()).contains("No reports yet");
            }
        }
    }

    @Test
    void aViewerSeesTheReportsAndTheirProgressButNoRequestForm() {
        UUID running = UUID.randomUUID();
        cloud.context().getBean(TenantTransactions.class).write(cloud.acme.id(), () ->
                cloud.context().getBean(JdbcOperations.class).prepareStatement("INSERT INTO report_jobs (id, tenant_id, "
                        + "kind, format, status, progress, attempts, requested_by, started_at, heartbeat_at) VALUES "
                        + "(?, current_tenant(), 'pci', 'csv', 'running', 40, 1, 'alice', now(), now())", statement -> {
                            statement.setObject(1, running);
                            return statement.executeUpdate();
                        }));
        try (ConsoleBrowser dave = new ConsoleBrowser(cloud).signIn("dave")) {
            dave.open("/reports");
            assertThat(dave.driver().findElements(By.id("request-report"))).isEmpty();
            assertThat(dave.find(By.tagName("h1")).getText()).isEqualTo("Reports");
            assertThat(dave.text(By.id("report-" + running))).contains("running", "40%");
            // While a report runs, the page asks the browser to reload it: no script needed.
            assertThat(dave.driver().findElements(By.cssSelector("meta[http-equiv='refresh'][content='3']")))
                    .hasSize(1);
            dave.screenshot("reports-viewer");
        }
    }

    private static boolean pciDone(WebDriver driver, By link) {
        return driver.findElements(By.cssSelector("#reports tr")).stream()
                .anyMatch(row -> row.getText().contains("PCI DSS") && !row.findElements(link).isEmpty());
    }

    private static String cookies(ConsoleBrowser browser) {
        Cookie idToken = browser.driver().manage().getCookieNamed("PERIMETER_ID");
        assertThat(idToken).isNotNull();
        return "PERIMETER_ID=" + idToken.getValue();
    }

    private static HttpResponse<byte[]> get(URI uri, String cookies) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(uri).header("Cookie", cookies)
                    .header("Accept", "text/html,*/*;q=0.8").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }
}
