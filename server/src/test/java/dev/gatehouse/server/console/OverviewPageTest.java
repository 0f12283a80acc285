package dev.gatehouse.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.provider.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The overview page after real requests through the gateway: the charts of the last day, hour
 * and 30 days with bars where the requests were and a table of every bucket as their text
 * alternative, the top keys, teams and models, and a deployment the upstream's refusal cooled down.
 */
class OverviewPageTest {

    /** mock-large on two deployments: an upstream refusal cools one down (a model's only one never is). */
    static final List<Deployment> TWO_LARGE = List.of(Deployment.builder("mock", "mock").build(),
            Deployment.builder("mock-large", "mock").upstreamModel("mock-large").id("mock-large-a").build(),
            Deployment.builder("mock-large", "mock").upstreamModel("mock-large").id("mock-large-b").build());

    @Test
    void chartsTopListsAndCooldownsComeFromRealTraffic() {
        try (ConsoleGateways.Running running = ConsoleGateways.start(ConsoleGateways.config(ConsoleSettings.DEFAULTS,
                null, TWO_LARGE, ConsoleGateways.PRICES), null);
                ConsoleBrowser browser = new ConsoleBrowser(running.base())) {
            ConsoleTraffic traffic = new ConsoleTraffic(running);
            String team = traffic.team("research");
            String researcher = traffic.key("research app", team);
            String loner = traffic.key("batch job", null);
            traffic.chatOk(researcher, "mock");
            traffic.chatOk(researcher, "mock");
            traffic.chatOk(researcher, "mock-large");
            traffic.chatOk(loner, "mock");
            // The upstream refuses the deployment's credential: an error, and a cooldown for mock-large.
            assertNotEquals(200, traffic.chat(loner, "mock-large", "mock:error:401"));
            traffic.awaitSpendRows(5);

            browser.signInWithKey(running.ownerKey());
            browser.open("/ui#/overview");
            // The last day is the default window: one bar per hour, the requests all in the last one.
            browser.waitFor(By.cssSelector("#overview-chart-requests rect.chart-bar"));
            assertEquals("true", browser.waitFor(By.id("overview-range-day")).getAttribute("aria-pressed"));
            assertEquals(List.of("5", "1"), List.of(stat(browser, 1), stat(browser, 2)), "requests, errors");
            assertEquals(24, buckets(browser, "overview-chart-requests"));
            for (String chart : List.of("overview-chart-requests", "overview-chart-errors", "overview-chart-tokens",
                    "overview-chart-spend")) {
                assertFalse(browser.driver().findElements(By.cssSelector("#" + chart + " rect.chart-bar")).isEmpty(),
                        chart + " has a bar");
            }
            String summary = browser.driver().findElement(By.cssSelector("#overview-chart-requests svg"))
                    .getAttribute("aria-label");
            assertTrue(summary.startsWith("Requests per hour") && summary.contains("total 5"), summary);
            // The table alternative: its rows add up to the four successes and the one failure.
            browser.click(By.cssSelector("#overview-chart-requests summary"));
            long[] sums = new long[3];
            for (WebElement row : browser.driver().findElements(By.cssSelector("#overview-chart-requests tbody tr"))) {
                List<WebElement> cells = row.findElements(By.tagName("td"));
                for (int i = 0; i < 3; i++) {
                    sums[i] += Long.parseLong(cells.get(i).getText());
                }
            }
            assertEquals(List.of(4L, 1L, 5L), List.of(sums[0], sums[1], sums[2]));

            String keys = browser.text(By.id("overview-top-keys"));
            assertTrue(keys.contains("research app") && keys.contains("batch job"), keys);
            assertTrue(browser.text(By.id("overview-top-teams")).contains("research"));
            String models = browser.text(By.id("overview-top-models"));
            assertTrue(models.contains("mock-large"), models);
            // Each deployment of mock-large refused the request in turn, and each cools down; mock is healthy.
            String unwell = browser.text(By.id("overview-cooldown-table"));
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("#overview-cooldown-table tbody tr"));
            assertFalse(rows.isEmpty());
            for (WebElement row : rows) {
                assertTrue(row.getText().startsWith("mock-large-") && row.getText().contains("cooling down"), unwell);
            }
            browser.click(By.cssSelector("#overview-chart-requests summary")); // closed again, for the picture
            PageShots.whole(browser, "overview");
            PageShots.atPhoneWidth(browser, "overview");

            // The last hour: a bar per minute; the last 30 days: a bar per UTC day.
            browser.click(By.id("overview-range-hour"));
            browser.waitForText(By.cssSelector("#overview-chart-requests figcaption"), "per minute");
            assertEquals(60, buckets(browser, "overview-chart-requests"));
            assertEquals("5", stat(browser, 1));
            browser.click(By.id("overview-range-month"));
            browser.waitForText(By.cssSelector("#overview-chart-requests figcaption"), "per day");
            assertEquals(30, buckets(browser, "overview-chart-requests"));
            assertEquals("false", browser.waitFor(By.id("overview-range-hour")).getAttribute("aria-pressed"));
            assertEquals("5", stat(browser, 1));
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    /** The value of the n-th total above the charts (1: requests, 2: errors, 3: tokens, 4: spend). */
    private static String stat(ConsoleBrowser browser, int n) {
        return browser.text(By.cssSelector("#overview-totals dl:nth-child(" + n + ") dd"));
    }

    /** The buckets a chart covers: the rows of its table. */
    private static int buckets(ConsoleBrowser browser, String chart) {
        return browser.driver().findElements(By.cssSelector("#" + chart + " tbody tr")).size();
    }
}
