package dev.gatehouse.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The models page: each model's price and deployments with their health after real requests
 * (one deployment used, two cooled down by an upstream's refusal), a configuration reload by the
 * owner that adds a model (and a file with a problem that changes nothing), and no reload
 * button for a key-admin.
 */
class ModelsPageTest {

    @Test
    void modelsShowHealthAndPricesAndTheOwnerReloads() {
        List<Deployment> next = new ArrayList<>(OverviewPageTest.TWO_LARGE);
        next.add(Deployment.builder("mock-new", "mock").upstreamModel("mock-new").build());
        Map<String, ModelPrice> nextPrices = Map.of("mock/mock", ModelPrice.tokens("1000", "1000"),
                "mock/mock-large", ModelPrice.tokens("1000", "1000"), "mock/mock-new", ModelPrice.tokens("0.5", "1.5"));
        AtomicReference<ConfigLoader.Loaded> file = new AtomicReference<>(new ConfigLoader.Loaded(
                ConsoleGateways.config(ConsoleSettings.DEFAULTS, null, next, nextPrices), List.of(), List.of()));
        try (ConsoleGateways.Running running = ConsoleGateways.start(ConsoleGateways.config(ConsoleSettings.DEFAULTS,
                null, OverviewPageTest.TWO_LARGE, ConsoleGateways.PRICES), file::get);
                ConsoleBrowser browser = new ConsoleBrowser(running.base())) {
            ConsoleTraffic traffic = new ConsoleTraffic(running);
            String key = traffic.key("models page", null);
            traffic.chatOk(key, "mock");
            assertNotEquals(200, traffic.chat(key, "mock-large", "mock:error:401"));

            browser.signInWithKey(running.ownerKey());
            browser.open("/ui#/models");
            WebElement mock = browser.waitFor(By.cssSelector("article.model-card[data-model='mock']"));
            assertEquals(2, cards(browser).size());
            String facts = mock.findElement(By.cssSelector("dl.facts")).getText();
            assertTrue(facts.contains("$1,000.00 in, $1,000.00 out per million tokens"), facts);
            List<String> used = cells(mock.findElement(By.cssSelector("tbody tr")));
            assertEquals(List.of("mock#1", "mock", "mock", "healthy", "—"), used.subList(0, 5), used.toString());
            assertTrue(used.get(5).endsWith(" ms"), "a latency after a success: " + used);
            assertEquals(List.of("0.0 %", "0"), used.subList(6, 8));
            WebElement large = browser.waitFor(By.cssSelector("article.model-card[data-model='mock-large']"));
            List<WebElement> largeRows = large.findElements(By.cssSelector("tbody tr"));
            assertEquals(2, largeRows.size());
            for (WebElement row : largeRows) {
                List<String> cells = cells(row);
                assertTrue(cells.get(0).startsWith("mock-large-"), cells.toString());
                assertEquals("cooling down", cells.get(3));
                assertNotEquals("—", cells.get(4), "the cooldown's end is shown");
            }
            PageShots.whole(browser, "models");
            PageShots.atPhoneWidth(browser, "models");

            // The owner reloads: a third model, and the warning that prices change at the next start.
            browser.click(By.id("models-reload"));
            String done = browser.text(By.id("models-reload-ok"));
            assertTrue(done.startsWith("Configuration reloaded: 3 models, 4 deployments."), done);
            assertTrue(browser.text(By.id("models-reload-warnings")).contains("pricing"));
            browser.waitFor(By.cssSelector("article.model-card[data-model='mock-new']"));
            assertEquals(3, cards(browser).size());

            // A file with a problem: refused with the API's message, and the three models stay.
            file.set(new ConfigLoader.Loaded(null, List.of(new ConfigProblem("models[3].provider (line 12)",
                    "unknown provider 'mok'")), List.of()));
            browser.click(By.id("models-reload"));
            String refused = browser.text(By.id("models-reload-failed"));
            assertTrue(refused.contains("was not reloaded") && refused.contains("unknown provider 'mok'"), refused);
            assertFalse(browser.present(By.id("models-reload-ok")));
            assertEquals(3, cards(browser).size());
            // The refusal's 400 is the only error the browser logs.
            assertEquals(List.of(), browser.consoleErrors("/admin/config/reload"));

            // A key-admin sees the models, and no reload button.
            browser.signOut();
            browser.signInWithKey(running.adminKey("key admin", AdminRole.KEY_ADMIN));
            browser.open("/ui#/models");
            browser.waitFor(By.cssSelector("article.model-card[data-model='mock-new']"));
            assertTrue(browser.present(By.id("models-refresh")));
            assertFalse(browser.present(By.id("models-reload")));
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    private static List<WebElement> cards(ConsoleBrowser browser) {
        return browser.driver().findElements(By.cssSelector("#models-list article.model-card"));
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.cssSelector(":scope > *")).stream().map(WebElement::getText).toList();
    }
}
