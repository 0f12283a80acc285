package dev.gatehouse.server.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through its ChromeDriver: the console's tests use it as a
 * person would use the console. Each browser has a new, empty profile and reaches nothing but
 * loopback (background networking off, as a closed network needs). Chromium and ChromeDriver must
 * be installed ({@code .ci/run} installs them): without them the test fails, it is never skipped.
 */
public final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final String base;
    private final Path profile;

    /** A browser for the console at {@code base} ({@code http://127.0.0.1:PORT}), 1280×900. */
    public ConsoleBrowser(String base) {
        this(base, 1280, 900);
    }

    public ConsoleBrowser(String base, int width, int height) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the console's tests need Debian's chromium and chromium-driver ("
                    + CHROMIUM + ", " + CHROMEDRIVER + "); .ci/run installs them");
        }
        this.base = base;
        try {
            this.profile = Files.createTempDirectory("gatehouse-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=en-GB");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, Level.ALL.getName()));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens {@code path} of the console ({@code /ui}, {@code /ui#/keys}). */
    public ConsoleBrowser open(String path) {
        driver.get(base + path);
        return this;
    }

    /** The element once it is visible. */
    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits until the element's text contains {@code text}. */
    public WebElement waitForText(By by, String text) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return driver.findElement(by);
    }

    /** Waits until no element matches. */
    public void waitForNone(By by) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.invisibilityOfElementLocated(by));
    }

    public void click(By by) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    public void type(By by, String text) {
        WebElement input = waitFor(by);
        input.clear();
        input.sendKeys(text);
    }

    public String text(By by) {
        return waitFor(by).getText();
    }

    public boolean present(By by) {
        return !driver.findElements(by).isEmpty();
    }

    /** Runs script in the page (a test's own probe: a forged request, a look at storage). */
    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** Signs in on the sign-in form with an admin key, and waits for the console's navigation. */
    public ConsoleBrowser signInWithKey(String adminKey) {
        open("/ui");
        type(By.id("admin-key"), adminKey);
        click(By.id("sign-in"));
        waitFor(By.id("sign-out"));
        return this;
    }

    /** Signs out with the header's button and waits for the sign-in form. */
    public ConsoleBrowser signOut() {
        click(By.id("sign-out"));
        waitFor(By.id("sign-in-form"));
        return this;
    }

    /**
     * Saves what the browser shows as {@code NAME.png}: in {@code server/target/ui-screenshots},
     * and also in the folder {@code -Dgatehouse.ui.screenshots} names (docs/ui, to refresh the
     * screenshots docs/console.md shows).
     */
    public Path screenshot(String name) {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        try {
            Path dir = Files.createDirectories(Path.of("target", "ui-screenshots"));
            Path file = Files.write(dir.resolve(name + ".png"), png);
            String docs = System.getProperty("gatehouse.ui.screenshots");
            if (docs != null && !docs.isBlank()) {
                Files.write(Files.createDirectories(Path.of(docs)).resolve(name + ".png"), png);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The browser console's errors since the last call (SEVERE entries: failed loads, script
     * errors, Content-Security-Policy violations). {@code expected} drops entries that contain
     * one of its texts, for a test that provokes a refusal on purpose.
     */
    public List<String> consoleErrors(String... expected) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> List.of(expected).stream().noneMatch(message::contains))
                .toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind harms nothing
        }
    }
}
