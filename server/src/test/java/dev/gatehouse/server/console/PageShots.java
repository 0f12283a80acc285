package dev.gatehouse.server.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;

/**
 * Screenshots of a page for the console's tests: the whole page rather than the window's first
 * screen (ChromeDriver captures only what the window shows, so the window grows to the page's
 * height first, within a bound), and the page at a phone's width, checked not to scroll sideways.
 */
final class PageShots {

    private static final long MAX_HEIGHT = 3000;

    private PageShots() {}

    /** The whole page as {@code NAME.png}, where {@link ConsoleBrowser#screenshot} saves it (also for the docs). */
    static void whole(ConsoleBrowser browser, String name) {
        grown(browser, () -> browser.screenshot(name));
    }

    /**
     * The whole page at 375 px wide, in {@code target/ui-screenshots/NAME-phone.png} only (the
     * docs show the wide pages): nothing may make it scroll sideways.
     */
    static void atPhoneWidth(ConsoleBrowser browser, String name) {
        Dimension before = browser.driver().manage().window().getSize();
        browser.driver().manage().window().setSize(new Dimension(375, 812));
        try {
            long overflow = (Long) browser.driver().executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            grown(browser, () -> {
                try {
                    Path dir = Files.createDirectories(Path.of("target", "ui-screenshots"));
                    Files.write(dir.resolve(name + "-phone.png"), browser.driver().getScreenshotAs(OutputType.BYTES));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertTrue(overflow <= 0, name + " scrolls sideways at 375 px by " + overflow + " px");
        } finally {
            browser.driver().manage().window().setSize(before);
        }
    }

    /** Runs {@code shot} with the window as tall as the page. */
    private static void grown(ConsoleBrowser browser, Runnable shot) {
        Dimension before = browser.driver().manage().window().getSize();
        long height = (Long) browser.driver().executeScript("return document.documentElement.scrollHeight");
        // The window's frame takes some of its height; the margin keeps the page's end in view.
        browser.driver().manage().window().setSize(new Dimension(before.getWidth(),
                (int) Math.min(MAX_HEIGHT, Math.max(before.getHeight(), height + 140))));
        try {
            shot.run();
        } finally {
            browser.driver().manage().window().setSize(before);
        }
    }
}
