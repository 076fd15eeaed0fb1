package io.perimeter.console.support;

import io.perimeter.testsupport.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
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

    /**
     * The element, once the page has it: a click that submits a form returns before the next page is there, so a
     * lookup right after it waits (up to 20 s) instead of failing at once.
     */
    public WebElement find(By by) {
        return waitFor(ExpectedConditions.presenceOfElementLocated(by));
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

    /** Saves the whole page as {@code target/screenshots/<name>.png}, laid out for a screen {@code width} wide. */
    public Path screenshot(String name, int width) {
        return chromium.screenshot(SCREENSHOTS.resolve(name + ".png"), width);
    }

    public Path screenshot(String name) {
        return screenshot(name, 1280);
    }

    @Override
    public void close() {
        chromium.close();
    }
}
