package io.perimeter.console.support;

import io.perimeter.testsupport.HeadlessChromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless browser pointed at the console, signing in the way a person does: on Keycloak's own login page. Owns
 * its browser (and so its cookies): one per person.
 */
public final class ConsoleBrowser implements AutoCloseable {
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    private final HeadlessChromium chromium = HeadlessChromium.start();
    private final ConsoleFixture cloud;

    public ConsoleBrowser(ConsoleFixture cloud) {
        this.cloud = cloud;
    }

    public WebDriver driver() {
        return chromium.driver();
    }

    /**
     * Opens the console, is sent to Keycloak, signs in there, and waits to be back on the console's dashboard. With
     * organizations enabled, Keycloak asks for the username first and for the password on a second page.
     */
    public ConsoleBrowser signIn(String username) {
        open("/");
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
        driver().findElement(By.id("username")).sendKeys(username);
        driver().findElement(By.id("kc-login")).click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("password")));
        driver().findElement(By.id("password")).sendKeys(cloud.keycloak().testUserPassword());
        driver().findElement(By.id("kc-login")).click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-as")));
        return this;
    }

    public ConsoleBrowser open(String path) {
        driver().get(cloud.url(path));
        return this;
    }

    public WebElement find(By by) {
        return driver().findElement(by);
    }

    public String text(By by) {
        return find(by).getText();
    }

    /** The visible text of the page's main part. */
    public String page() {
        return find(By.tagName("main")).getText();
    }

    public void click(By by) {
        find(by).click();
    }

    public <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver(), Duration.ofSeconds(20)).until(condition::apply);
    }

    /**
     * Saves the whole page, not only what fits the window, as {@code target/screenshots/<name>.png}, laid out for a
     * screen {@code width} CSS pixels wide (a phone below 500, drawn at twice the density).
     */
    public Path screenshot(String name, int width) {
        ChromeDriver chrome = (ChromeDriver) driver();
        boolean phone = width < 500;
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 900,
                "deviceScaleFactor", phone ? 2 : 1, "mobile", phone));
        try {
            Map<?, ?> content = (Map<?, ?>) chrome.executeCdpCommand("Page.getLayoutMetrics", Map.of())
                    .get("cssContentSize");
            Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", width,
                    "height", ((Number) content.get("height")).intValue(), "scale", 1);
            String png = (String) chrome.executeCdpCommand("Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true, "clip", clip)).get("data");
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.createDirectories(SCREENSHOTS);
            return Files.write(file, Base64.getDecoder().decode(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    public Path screenshot(String name) {
        return screenshot(name, 1280);
    }

    @Override
    public void close() {
        chromium.close();
    }
}
