package dev.gatehouse.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.attribution.EndUserDraft;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.Limits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The spend page grouped by end user and by tag, after real requests that name them: an end user
 * an admin created shows with its alias, one no admin created by its id, requests that name none
 * as their own row; tags list each request under every tag it has, without a total.
 */
class SpendAttributionPageTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static void chat(ConsoleGateways.Running running, String key, String user, String tags) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(running.modelBase() + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(10)).header("authorization", "Bearer " + key)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"mock\","
                        + (user == null ? "" : "\"user\":\"" + user + "\",")
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello to the console.\"}]}"));
        if (tags != null) {
            request.header("x-gatehouse-tags", tags);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void spendIsShownByEndUserAndByTag() throws Exception {
        try (ConsoleGateways.Running running = ConsoleGateways.start();
                ConsoleBrowser browser = new ConsoleBrowser(running.base())) {
            ConsoleTraffic traffic = new ConsoleTraffic(running);
            running.control().endUsers().create("acme-42", new EndUserDraft("Acme Inc", Limits.NONE, false),
                    Actor.CLI);
            String key = traffic.key("web app", null);
            chat(running, key, "acme-42", "support,eu");
            chat(running, key, "acme-42", "support");
            chat(running, key, "walk-in", null);
            chat(running, key, null, "eu");
            traffic.awaitSpendRows(4);

            browser.signInWithKey(running.ownerKey());
            browser.open("/ui#/spend");
            browser.waitForText(By.cssSelector("#spend-table caption"), "Spend by key");
            new Select(browser.waitFor(By.id("spend-group"))).selectByValue("end_user");
            browser.click(By.id("spend-apply"));
            browser.waitForText(By.cssSelector("#spend-table caption"), "Spend by end user");
            List<String> users = column(browser, 1);
            assertEquals(3, users.size(), users.toString());
            assertTrue(users.get(0).startsWith("Acme Inc") && users.get(0).contains("acme-42"),
                    "the most spent first, by its alias: " + users);
            assertTrue(users.contains("walk-in") && users.contains("(no end user)"), users.toString());
            assertEquals(List.of("2", "1", "1"), column(browser, 2));
            assertEquals("4", browser.text(By.cssSelector("#spend-table tfoot td:nth-of-type(1)")));

            new Select(browser.waitFor(By.id("spend-group"))).selectByValue("tag");
            browser.click(By.id("spend-apply"));
            browser.waitForText(By.cssSelector("#spend-table caption"), "Spend by tag");
            assertEquals(List.of("eu", "support"), column(browser, 1).stream().sorted().toList());
            assertEquals(List.of("2", "2"), column(browser, 2));
            assertTrue(browser.driver().findElements(By.cssSelector("#spend-table tfoot")).isEmpty(),
                    "tags do not add up to a total: no total row");
            PageShots.whole(browser, "spend-by-tag");
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    private static List<String> column(ConsoleBrowser browser, int n) {
        return browser.driver().findElements(By.cssSelector("#spend-table tbody tr > :nth-child(" + n + ")")).stream()
                .map(WebElement::getText).toList();
    }
}
