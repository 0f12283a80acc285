package dev.gatehouse.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.server.auth.AdminRole;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The Playground in headless Chromium: a chat sent as a chosen key streams its answer in, with
 * the gateway's headers and the usage beside it; a model the key may not use is refused as the
 * API words it; an auditor has no playground.
 */
class PlaygroundPageTest {

    @Test
    void aChatAsAKeyStreamsItsAnswerAndAKeysLimitsShowAsTheApiSaysThem() {
        try (ConsoleGateways.Running running = ConsoleGateways.start();
                ConsoleBrowser browser = new ConsoleBrowser(running.base())) {
            PageTestCalls calls = new PageTestCalls(running);
            calls.admin(201, "POST", "/admin/keys", "{\"name\": \"other\", \"models\": [\"mock-large\"]}");
            JsonNode key = calls.admin(201, "POST", "/admin/keys", "{\"name\": \"notebook\", \"models\": [\"mock\"]}");
            String id = key.path("id").asText();
            PageTestCalls.signInAt(browser, running.ownerKey(), "/ui#/playground");

            new Select(browser.waitFor(By.id("playground-key"))).selectByValue(id);
            assertEquals("mock", browser.waitFor(By.id("playground-model")).getDomProperty("value"),
                    "the model offered first is one the key may use");
            browser.type(By.id("playground-system"), "Answer briefly.");
            browser.type(By.id("playground-input"), "Hello there");
            browser.click(By.id("playground-send"));
            String answer = browser.waitForText(By.id("playground-answer"), "You said: Hello there").getText();
            assertTrue(answer.startsWith("Hello from Gatehouse's mock provider."), answer);
            browser.waitForText(By.id("playground-meta"), "Chunks received");
            assertTrue(Integer.parseInt(browser.text(By.id("playground-chunks"))) > 1, "the answer came as a stream");
            assertEquals("mock", browser.text(By.id("playground-deployment")).replaceAll("#.*", ""));
            assertFalse(browser.text(By.id("playground-overhead-ms")).isBlank());
            assertTrue(browser.text(By.id("playground-usage")).matches("\\d+ prompt \\+ \\d+ completion = \\d+ tokens"),
                    browser.text(By.id("playground-usage")));
            browser.screenshot("playground");

            // The conversation goes on: the second question carries the first answer.
            browser.type(By.id("playground-input"), "And again");
            browser.click(By.id("playground-send"));
            browser.waitForText(By.id("playground-answer"), "You said: And again");
            assertEquals(4, browser.driver().findElements(By.cssSelector("#playground-messages > li")).size());

            // A model outside the key's list: the chat route's own refusal, and the question is kept.
            browser.type(By.id("playground-model"), "mock-large");
            browser.type(By.id("playground-input"), "Not for this key");
            browser.click(By.id("playground-send"));
            String refusal = browser.waitForText(By.id("playground-error"), "model_not_allowed").getText();
            assertTrue(refusal.startsWith("403 model_not_allowed: "), refusal);
            assertEquals("Not for this key", browser.waitFor(By.id("playground-input")).getDomProperty("value"));
            assertEquals(4, browser.driver().findElements(By.cssSelector("#playground-messages > li")).size());

            // A key whose budget one request could spend: the budget's 429, in the API's words.
            String poor = calls.admin(201, "POST", "/admin/keys", "{\"name\": \"poor\", \"models\": [\"mock\"],"
                    + " \"max_budget\": 0.0001, \"budget_duration\": \"monthly\"}").path("id").asText();
            // The playground lists the keys when it is opened: away and back, it has the new one.
            browser.open("/ui#/keys");
            browser.waitForText(By.id("keys-table"), "poor");
            browser.open("/ui#/playground");
            new Select(browser.waitFor(By.id("playground-key"))).selectByValue(poor);
            browser.type(By.id("playground-input"), "Something costly");
            browser.click(By.id("playground-send"));
            String spent = browser.waitForText(By.id("playground-error"), "429").getText();
            assertTrue(spent.startsWith("429 insufficient_quota: ") && spent.contains("budget"), spent);

            JsonNode spend = calls.admin(200, "GET", "/admin/spend?group_by=key", null).path("data");
            assertTrue(spend.toString().contains(id) || spend.isEmpty(), "spend, if written yet, is the key's: " + spend);
            assertEquals(List.of(), browser.consoleErrors("/admin/playground/chat/completions - Failed to load resource"));
        }
    }

    @Test
    void aRevokedKeyIsNotOfferedAndAnAuditorHasNoPlayground() {
        try (ConsoleGateways.Running running = ConsoleGateways.start();
                ConsoleBrowser browser = new ConsoleBrowser(running.base())) {
            PageTestCalls calls = new PageTestCalls(running);
            String revoked = calls.admin(201, "POST", "/admin/keys", "{\"name\": \"gone\", \"models\": [\"mock\"]}")
                    .path("id").asText();
            calls.admin(200, "POST", "/admin/keys/" + revoked + "/revoke", null);
            String live = calls.admin(201, "POST", "/admin/keys", "{\"name\": \"live\", \"models\": [\"*\"]}")
                    .path("id").asText();

            PageTestCalls.signInAt(browser, running.adminKey("keys", AdminRole.KEY_ADMIN), "/ui#/playground");
            Select keys = new Select(browser.waitFor(By.id("playground-key")));
            assertEquals(List.of(live), keys.getOptions().stream().map(o -> o.getDomAttribute("value")).toList());
            browser.signOut();

            PageTestCalls.signInAt(browser, running.adminKey("auditing", AdminRole.AUDITOR), "/ui#/playground");
            browser.waitFor(By.id("page-missing"));
            assertFalse(browser.present(By.id("playground-form")));
            assertEquals(List.of(), browser.consoleErrors());
        }
    }
}
