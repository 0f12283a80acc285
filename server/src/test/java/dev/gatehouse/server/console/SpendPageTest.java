package dev.gatehouse.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The spend page after real requests through the gateway: the table by key, model and day with
 * its totals, the day-by-day charts with a bar for the requests' day, a range checked before it is asked
 * for, and the CSV export saved by the browser with the session's cookie.
 */
class SpendPageTest {

    @Test
    void spendIsGroupedChartedAndExported(@TempDir Path downloads) throws IOException {
        try (ConsoleGateways.Running running = ConsoleGateways.start();
                ConsoleBrowser browser = new ConsoleBrowser(running.base())) {
            ConsoleTraffic traffic = new ConsoleTraffic(running);
            String app = traffic.key("web app", null);
            String batch = traffic.key("nightly batch", null);
            traffic.chatOk(app, "mock");
            traffic.chatOk(app, "mock");
            traffic.chatOk(app, "mock-large");
            traffic.chatOk(batch, "mock-large");
            traffic.awaitSpendRows(4);
            // The UTC day the rows were written on, as the API groups them (a run across midnight has no other).
            String day = traffic.admin("/admin/spend?group_by=day").path("data").get(0).path("day").asText();

            browser.signInWithKey(running.ownerKey());
            browser.open("/ui#/spend");
            // The last 30 days by key, the most spent first, and the totals.
            browser.waitForText(By.cssSelector("#spend-table caption"), "Spend by key");
            List<String> keys = column(browser, 1);
            assertEquals(2, keys.size(), keys.toString());
            assertTrue(keys.get(0).startsWith("web app"), keys.toString());
            assertTrue(keys.get(1).startsWith("nightly batch"), keys.toString());
            assertEquals("4", browser.text(By.cssSelector("#spend-table tfoot td:nth-of-type(1)")));
            // Both charts have a bar, for the requests' day, and their tables a row for each of the 30 days.
            assertFalse(browser.driver().findElements(By.cssSelector("#spend-chart rect.chart-bar")).isEmpty());
            assertEquals(1, browser.driver().findElements(By.cssSelector("#spend-chart-requests rect.chart-bar"))
                    .size());
            assertEquals(30, browser.driver().findElements(By.cssSelector("#spend-chart-requests tbody tr")).size());
            String summary = browser.driver().findElement(By.cssSelector("#spend-chart-requests svg"))
                    .getAttribute("aria-label");
            assertTrue(summary.contains("total 4, highest 4 at " + day), summary);
            PageShots.whole(browser, "spend");
            PageShots.atPhoneWidth(browser, "spend");

            new Select(browser.waitFor(By.id("spend-group"))).selectByValue("model");
            browser.click(By.id("spend-apply"));
            browser.waitForText(By.cssSelector("#spend-table caption"), "Spend by model");
            assertEquals(List.of("mock", "mock-large"), column(browser, 1).stream().sorted().toList());

            // The last 7 days by day: the one day with requests.
            new Select(browser.waitFor(By.id("spend-group"))).selectByValue("day");
            browser.click(By.id("spend-preset-7d"));
            browser.waitForText(By.cssSelector("#spend-table caption"), "Spend by day");
            assertEquals(List.of(day), column(browser, 1));
            assertEquals(7, browser.driver().findElements(By.cssSelector("#spend-chart-requests tbody tr")).size());

            // A first day after the last is refused here, before any request.
            browser.driver().executeScript("document.getElementById('spend-from').value = arguments[0];"
                    + "document.getElementById('spend-to').value = arguments[1];", day, "2000-01-01");
            browser.click(By.id("spend-apply"));
            browser.waitForText(By.id("spend-message"), "The first day must not be after the last day.");

            // The export: fetched with the cookie, saved by the browser, the same CSV as the API's.
            browser.click(By.id("spend-preset-30d"));
            browser.waitForText(By.cssSelector("#spend-table caption"), "Spend by day");
            browser.driver().executeCdpCommand("Browser.setDownloadBehavior",
                    Map.of("behavior", "allow", "downloadPath", downloads.toString()));
            browser.click(By.id("spend-download"));
            browser.waitForText(By.id("spend-message"), "The CSV file was downloaded.");
            Path csv = awaitDownload(downloads);
            String date = "\\d{4}-\\d\\d-\\d\\d";
            assertTrue(csv.getFileName().toString().matches("gatehouse-spend-" + date + "-to-" + date + "\\.csv"),
                    csv.toString());
            List<String> lines = Files.readAllLines(csv);
            assertTrue(lines.getFirst().startsWith("time,request_id,key_id"), lines.getFirst());
            assertEquals(5, lines.size(), "a header and the four rows");
            assertFalse(browser.driver().getCurrentUrl().contains("gtw_"), "no secret in the URL");
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    /** The texts of the table's n-th column, in its rows' order. */
    private static List<String> column(ConsoleBrowser browser, int n) {
        return browser.driver().findElements(By.cssSelector("#spend-table tbody tr > :nth-child(" + n + ")")).stream()
                .map(WebElement::getText).toList();
    }

    /** The file the browser saved, once it is complete (Chromium writes a .crdownload file first). Bounded. */
    private static Path awaitDownload(Path folder) throws IOException {
        for (int i = 0; i < 200; i++) {
            try (Stream<Path> files = Files.list(folder)) {
                List<Path> done = files.filter(p -> p.toString().endsWith(".csv")).toList();
                if (!done.isEmpty()) {
                    return done.getFirst();
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the browser saved no CSV file in " + folder);
    }
}
