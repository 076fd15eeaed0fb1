package io.perimeter.console.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.perimeter.testsupport.HeadlessChromium;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Headless Chromium from Debian opens a page served on loopback, submits a form and sees the answer. */
@Tag("browser")
class ChromiumSmokeIT {

    @Test
    void browserSubmitsAFormAndReadsTheServersAnswer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String html;
            if ("POST".equals(exchange.getRequestMethod())) {
                String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String name = URLDecoder.decode(form.substring(form.indexOf('=') + 1), StandardCharsets.UTF_8);
                html = "<!doctype html><title>Answer</title><p id=answer>Hello, " + name.replaceAll("[^A-Za-z ]", "") + "</p>";
            } else {
                html = "<!doctype html><title>Perimeter smoke</title><form method=post>"
                        + "<input id=name name=name><button id=send type=submit>Send</button></form>";
            }
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            var driver = browser.driver();
            driver.get("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            assertThat(driver.getTitle()).isEqualTo("Perimeter smoke");

            driver.findElement(By.id("name")).sendKeys("Ada Lovelace");
            driver.findElement(By.id("send")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.titleIs("Answer"));

            assertThat(driver.findElement(By.id("answer")).getText()).isEqualTo("Hello, Ada Lovelace");
            Path png = browser.screenshot(Path.of("target/screenshots/chromium-smoke.png"));
            assertThat(Files.size(png)).isPositive();
        } finally {
            server.stop(0);
        }
    }
}
