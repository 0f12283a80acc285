package dev.gatehouse.server.console;

import org.openqa.selenium.Dimension;

/**
 * A screenshot of a whole page rather than the window's first screen: the window grows to the
 * page's height first (ChromeDriver captures only what the window shows), within a bound.
 */
final class WholePage {

    private static final long MAX_HEIGHT = 3000;

    private WholePage() {}

    static void screenshot(ConsoleBrowser browser, String name) {
        Dimension before = browser.driver().manage().window().getSize();
        long height = (Long) browser.driver().executeScript("return document.documentElement.scrollHeight");
        // The window's frame takes some of its height; the margin keeps the page's end in view.
        browser.driver().manage().window().setSize(new Dimension(before.getWidth(),
                (int) Math.min(MAX_HEIGHT, Math.max(before.getHeight(), height + 140))));
        try {
            browser.screenshot(name);
        } finally {
            browser.driver().manage().window().setSize(before);
        }
    }
}
