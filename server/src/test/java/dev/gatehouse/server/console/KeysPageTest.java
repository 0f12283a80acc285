package dev.gatehouse.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.auth.ImportedSecret;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.KeyFormat;
import dev.gatehouse.server.auth.Limits;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/**
 * The Keys page in headless Chromium: a key made in the form and its secret shown once, edited
 * (only what changed is sent), rotated and revoked; a key still opened by a secret imported from
 * LiteLLM marked with until when; its budget going down as requests are made with it; what an
 * auditor sees, and a forged call refused.
 */
class KeysPageTest {

    @Test
    void aKeyIsMadeInTheFormAndItsSecretIsShownOnce() {
        try (ConsoleGateways.Running running = ConsoleGateways.start();
                ConsoleBrowser browser = new ConsoleBrowser(running.base())) {
            PageTestCalls calls = new PageTestCalls(running);
            PageTestCalls.signInAt(browser, running.ownerKey(), "/ui#/keys");
            browser.waitForText(By.id("keys-table"), "No keys yet");

            browser.click(By.id("key-create"));
            browser.type(By.id("key-form-name"), "notebook");
            browser.click(By.id("key-form-models-mock"));
            browser.click(By.id("key-form-endpoints-chat"));
            browser.type(By.id("key-form-allowed-ips"), "not-a-range");
            browser.type(By.id("key-form-max-budget"), "100");
            new Select(browser.waitFor(By.id("key-form-budget-duration"))).selectByValue("monthly");
            browser.type(By.id("key-form-rpm"), "60");
            browser.click(By.id("key-form-submit"));
            // The API's refusal is shown next to the field it names, and that field has the focus.
            String problem = browser.waitFor(By.id("key-form-allowed-ips-error")).getText();
            assertTrue(problem.startsWith("allowed_ips"), problem);
            assertEquals("key-form-allowed-ips", browser.driver().switchTo().activeElement().getDomAttribute("id"));
            browser.driver().executeScript("document.getElementById('key-form-allowed-ips').scrollIntoView({block: 'center'})");
            browser.screenshot("key-form");
            assertEquals(List.of(), calls.keyIds(), "a refused form makes nothing");
            assertEquals(List.of(), browser.consoleErrors("/admin/keys - Failed to load resource"));

            browser.type(By.id("key-form-allowed-ips"), "127.0.0.0/8");
            browser.click(By.id("key-form-submit"));
            String secret = browser.waitFor(By.id("secret-value")).getText();
            assertTrue(secret.startsWith("gtw_vk_"), secret);
            assertTrue(browser.text(By.id("secret-dialog")).contains("you will not see it again"));
            browser.screenshot("key-secret");
            browser.click(By.id("secret-copy"));
            // Copied, or (where the browser refuses the clipboard) selected for copying by hand: either way it says so.
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(10)).until(
                    d -> !d.findElement(By.id("secret-copy-status")).getText().isBlank());
            assertEquals(200, calls.chat(secret, "mock", "hello").statusCode(), "the secret shown is the key's");

            browser.click(By.id("secret-close"));
            browser.waitFor(By.id("key-details"));
            browser.waitForNone(By.id("secret-dialog"));
            assertFalse(browser.driver().getPageSource().contains(secret), "the secret is gone from the page");
            assertFalse(browser.driver().getCurrentUrl().contains("gtw_"), "no secret in the URL");
            assertEquals(0L, browser.driver().executeScript("return localStorage.length + sessionStorage.length"));
            assertEquals("", browser.driver().executeScript("return document.cookie"));

            JsonNode key = calls.admin(200, "GET", "/admin/keys", null).path("data").get(0);
            String details = browser.text(By.id("key-details"));
            assertTrue(details.contains(key.path("id").asText()), details);
            assertEquals("[\"mock\"]", key.path("models").toString());
            assertEquals("[\"chat\"]", key.path("endpoints").toString());
            assertEquals("[\"127.0.0.0/8\"]", key.path("allowed_ips").toString());
            assertEquals("monthly", key.path("budget_duration").asText());
            assertEquals(60, key.path("rpm_limit").asInt());
            browser.screenshot("key");

            // The list, with a team's key and a revoked one beside it, searched and filtered.
            String team = calls.admin(201, "POST", "/admin/teams", "{\"name\": \"research\", \"models\": [\"*\"],"
                    + " \"max_budget\": 500, \"budget_duration\": \"monthly\"}").path("id").asText();
            calls.admin(201, "POST", "/admin/keys", "{\"name\": \"research batch\", \"team_id\": \"" + team + "\","
                    + " \"tpm_limit\": 200000, \"max_parallel_requests\": 4, \"duration\": \"30d\"}");
            String old = calls.admin(201, "POST", "/admin/keys", "{\"name\": \"old laptop\", \"models\": [\"mock\"]}")
                    .path("id").asText();
            calls.admin(200, "POST", "/admin/keys/" + old + "/revoke", null);
            browser.open("/ui#/keys");
            browser.waitForText(By.id("keys-count"), "3 of 3 keys");
            browser.screenshot("keys");
            browser.type(By.id("keys-search"), "LAPTOP");
            browser.waitForText(By.id("keys-count"), "1 of 3 keys");
            assertTrue(browser.text(By.id("keys-table")).contains("old laptop"));
            browser.waitFor(By.id("keys-search")).clear();
            new Select(browser.waitFor(By.id("keys-team"))).selectByValue(team);
            browser.waitForText(By.id("keys-table"), "research batch");
            assertEquals("1 of 3 keys", browser.text(By.id("keys-count")));
            new Select(browser.waitFor(By.id("keys-team"))).selectByValue("");
            new Select(browser.waitFor(By.id("keys-status"))).selectByValue("revoked");
            browser.waitForText(By.id("keys-table"), "old laptop");
            assertEquals("1 of 3 keys", browser.text(By.id("keys-count")));
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    @Test
    void aKeyIsEditedRotatedAndRevoked() {
        try (ConsoleGateways.Running running = ConsoleGateways.start();
                ConsoleBrowser browser = new ConsoleBrowser(running.base())) {
            PageTestCalls calls = new PageTestCalls(running);
            JsonNode made = calls.admin(201, "POST", "/admin/keys",
                    "{\"name\": \"ci\", \"models\": [\"mock\"], \"metadata\": {\"owner\": \"data\"}}");
            String id = made.path("id").asText();
            String first = made.path("key").asText();
            PageTestCalls.signInAt(browser, running.ownerKey(), "/ui#/keys/" + id);
            browser.waitFor(By.id("key-details"));
            PageTestCalls.recordRequests(browser);

            browser.click(By.id("key-edit"));
            browser.type(By.id("key-form-rpm"), "120");
            browser.click(By.id("key-form-submit"));
            browser.waitForText(By.id("key-details"), "120 rpm");
            List<String> patches = PageTestCalls.sentBodies(browser, "PATCH", "/admin/keys/" + id);
            assertEquals(List.of("{\"rpm_limit\":120}"), patches, "an edit sends only what changed");
            JsonNode edited = calls.admin(200, "GET", "/admin/keys/" + id, null);
            assertEquals("data", edited.path("metadata").path("owner").asText());
            assertEquals("[\"mock\"]", edited.path("models").toString());

            // Metadata that is not a JSON object is named at its field before anything is sent.
            browser.click(By.id("key-edit"));
            browser.type(By.id("key-form-metadata"), "owner: ml");
            new Select(browser.waitFor(By.id("key-form-expiry"))).selectByValue("duration");
            browser.type(By.id("key-form-duration"), "30d");
            browser.click(By.id("key-form-submit"));
            assertTrue(browser.waitFor(By.id("key-form-metadata-error")).getText().startsWith("metadata: not JSON"));
            assertEquals(1, PageTestCalls.sentBodies(browser, "PATCH", "/admin/keys/" + id).size());
            browser.type(By.id("key-form-metadata"), "{\"owner\": \"ml\"}");
            browser.click(By.id("key-form-submit"));
            browser.waitForNone(By.id("key-edit-dialog"));
            assertEquals("{\"metadata\":{\"owner\":\"ml\"},\"duration\":\"30d\"}",
                    PageTestCalls.sentBodies(browser, "PATCH", "/admin/keys/" + id).get(1));
            JsonNode expiring = calls.admin(200, "GET", "/admin/keys/" + id, null);
            assertEquals("ml", expiring.path("metadata").path("owner").asText());
            assertTrue(java.time.Instant.parse(expiring.path("expires").asText()).isAfter(
                    java.time.Instant.now().plus(java.time.Duration.ofDays(29))), expiring.toString());

            browser.click(By.id("key-rotate"));
            new Select(browser.waitFor(By.id("rotate-grace"))).selectByValue("0");
            browser.click(By.id("rotate-submit"));
            String second = browser.waitFor(By.id("secret-value")).getText();
            assertTrue(second.startsWith("gtw_vk_") && !second.equals(first), second);
            assertEquals(401, calls.chat(first, "mock", "hi").statusCode(), "no grace: the old secret stops at once");
            assertEquals(200, calls.chat(second, "mock", "hi").statusCode());
            // Escape closes the dialog, and the secret goes with it.
            browser.waitFor(By.id("secret-copy")).sendKeys(Keys.ESCAPE);
            browser.waitForNone(By.id("secret-dialog"));
            assertFalse(browser.driver().getPageSource().contains(second));

            browser.click(By.id("key-revoke"));
            browser.click(By.id("revoke-dialog-confirm"));
            browser.waitForText(By.id("key-details"), "revoked");
            assertFalse(browser.present(By.id("key-revoke")), "a revoked key has nothing left to change");
            assertEquals(401, calls.chat(second, "mock", "hi").statusCode());
            assertEquals("revoked", calls.admin(200, "GET", "/admin/keys/" + id, null).path("status").asText());
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    /**
     * A key imported from LiteLLM whose sk-… secret still works: the list marks it with until when,
     * a key made here has no mark, and the key's page says to rotate it, which ends the mark.
     */
    @Test
    void aKeyStillOpenedByItsLiteLlmSecretIsMarkedAndItsPageSaysToRotateIt() {
        try (ConsoleGateways.Running running = ConsoleGateways.start();
                ConsoleBrowser browser = new ConsoleBrowser(running.base())) {
            PageTestCalls calls = new PageTestCalls(running);
            String liteLlmSecret = "sk-Fq3vJc8W1nZrT0pXa2LmQw";
            java.time.Instant end = java.time.Instant.now().plus(java.time.Duration.ofDays(20))
                    .truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            String imported = running.control().keys().importKey(new KeyDraft("from litellm", null, List.of("mock"),
                    java.util.Set.of(), List.of(), null, Limits.NONE, Json.object()),
                    List.of(new ImportedSecret(KeyFormat.hash(liteLlmSecret), end.toEpochMilli())),
                    java.time.Instant.now().toEpochMilli(), Actor.CLI).orElseThrow().id();
            String made = calls.admin(201, "POST", "/admin/keys", "{\"name\": \"made here\", \"models\": [\"mock\"]}")
                    .path("id").asText();
            PageTestCalls.signInAt(browser, running.ownerKey(), "/ui#/keys");
            browser.waitForText(By.id("keys-count"), "2 of 2 keys");
            By badge = By.cssSelector("tr[data-key-id='" + imported + "'] .litellm-secret");
            assertTrue(browser.text(badge).startsWith("LiteLLM secret until "), browser.text(badge));
            assertEquals(end.toString(), browser.waitFor(By.cssSelector("tr[data-key-id='" + imported
                    + "'] .litellm-secret time")).getDomAttribute("datetime"));
            assertFalse(browser.present(By.cssSelector("tr[data-key-id='" + made + "'] .litellm-secret")),
                    "a key made here has no LiteLLM secret");
            browser.screenshot("keys-litellm");

            browser.open("/ui#/keys/" + imported);
            String notice = browser.waitFor(By.id("key-litellm-notice")).getText();
            assertTrue(notice.contains("imported from LiteLLM") && notice.contains("Rotate the key"), notice);
            assertTrue(browser.text(By.id("key-details")).contains("LiteLLM secret until"));
            browser.screenshot("key-litellm");
            browser.click(By.id("key-litellm-rotate"));
            new Select(browser.waitFor(By.id("rotate-grace"))).selectByValue("0");
            browser.click(By.id("rotate-submit"));
            String rotated = browser.waitFor(By.id("secret-value")).getText();
            assertTrue(rotated.startsWith("gtw_vk_"), rotated);
            browser.click(By.id("secret-close"));
            browser.waitForNone(By.id("secret-dialog"));
            browser.waitForNone(By.id("key-litellm-notice"));
            assertFalse(browser.text(By.id("key-details")).contains("LiteLLM"), "a rotation without grace ends it");
            assertEquals(401, calls.chat(liteLlmSecret, "mock", "hi").statusCode());
            assertEquals(200, calls.chat(rotated, "mock", "hi").statusCode());

            browser.open("/ui#/keys/" + made);
            browser.waitForText(By.id("page-title"), "made here");
            browser.waitFor(By.id("key-details"));
            assertFalse(browser.present(By.id("key-litellm-notice")));
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    @Test
    void aKeysBudgetGoesDownAsItsRequestsAreSpent() {
        try (ConsoleGateways.Running running = ConsoleGateways.start();
                ConsoleBrowser browser = new ConsoleBrowser(running.base())) {
            PageTestCalls calls = new PageTestCalls(running);
            JsonNode made = calls.admin(201, "POST", "/admin/keys",
                    "{\"name\": \"budgeted\", \"models\": [\"mock\"], \"max_budget\": 100, \"budget_duration\": \"daily\","
                            + " \"budget_timezone\": \"Europe/Berlin\"}");
            String id = made.path("id").asText();
            PageTestCalls.signInAt(browser, running.ownerKey(), "/ui#/keys/" + id);
            By remaining = By.id("key-budget-remaining");
            assertEquals("100", browser.waitFor(remaining).getDomAttribute("data-usd"));

            for (int i = 0; i < 3; i++) {
                assertEquals(200, calls.chat(made.path("key").asText(), "mock", "a question worth some tokens " + i)
                        .statusCode());
            }
            String left = PageTestCalls.refreshUntil(browser, By.id("key-refresh"), remaining,
                    value -> new BigDecimal(value).compareTo(new BigDecimal("100")) < 0, e -> e.getDomAttribute("data-usd"),
                    () -> "the budget's remainder goes down once the spend log has the requests");
            JsonNode spend = calls.admin(200, "GET", "/admin/spend?group_by=key", null).path("data");
            BigDecimal spent = new BigDecimal(spend.get(0).path("cost_usd").asText());
            assertEquals(0, new BigDecimal("100").subtract(spent).compareTo(new BigDecimal(left)),
                    "the page shows what the spend log holds: " + spent + " spent, " + left + " left");
            assertTrue(browser.text(By.id("key-budget-spent")).contains("today"));
            browser.screenshot("key-budget");
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    @Test
    void fromAPhonesWidthTheKeysTeamsAndPlaygroundPagesFit() {
        try (ConsoleGateways.Running running = ConsoleGateways.start();
                ConsoleBrowser browser = new ConsoleBrowser(running.base(), 375, 812)) {
            PageTestCalls calls = new PageTestCalls(running);
            String team = calls.admin(201, "POST", "/admin/teams", "{\"name\": \"research\", \"models\": [\"*\"]}")
                    .path("id").asText();
            String key = calls.admin(201, "POST", "/admin/keys", "{\"name\": \"a key with a rather long name\","
                    + " \"team_id\": \"" + team + "\", \"max_budget\": 10, \"budget_duration\": \"monthly\"}")
                    .path("id").asText();
            PageTestCalls.signInAt(browser, running.ownerKey(), "/ui#/keys");
            record Shown(String path, By ready, String screenshot) {}
            for (Shown shown : List.of(new Shown("/ui#/keys", By.id("keys-table"), "phone-keys"),
                    new Shown("/ui#/keys/" + key, By.id("key-budget-remaining"), "phone-key"),
                    new Shown("/ui#/teams/" + team, By.id("team-keys-table"), "phone-team"),
                    new Shown("/ui#/playground", By.id("playground-form"), "phone-playground"))) {
                browser.open(shown.path());
                browser.waitFor(shown.ready());
                browser.screenshot(shown.screenshot());
                assertEquals(0L, browser.driver().executeScript(
                        "return Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)"),
                        "no sideways scrolling at 375 px on " + shown.path());
            }
            browser.open("/ui#/keys");
            browser.click(By.id("key-create"));
            browser.waitFor(By.id("key-form-name"));
            assertEquals("key-form-name", browser.driver().switchTo().activeElement().getDomAttribute("id"),
                    "the dialog takes the focus");
            browser.screenshot("phone-key-form");
            assertEquals(0L, browser.driver().executeScript(
                    "return Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)"));
            browser.waitFor(By.id("key-form-name")).sendKeys(org.openqa.selenium.Keys.ESCAPE);
            browser.waitForNone(By.id("key-create-dialog"));
            assertEquals("key-create", browser.driver().switchTo().activeElement().getDomAttribute("id"),
                    "closing the dialog gives the focus back to its button");
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    @Test
    void anAuditorSeesKeysButNoWayToChangeThemAndAForgedCallIsRefused() {
        try (ConsoleGateways.Running running = ConsoleGateways.start();
                ConsoleBrowser browser = new ConsoleBrowser(running.base())) {
            PageTestCalls calls = new PageTestCalls(running);
            String id = calls.admin(201, "POST", "/admin/keys", "{\"name\": \"ci\", \"models\": [\"mock\"]}")
                    .path("id").asText();
            String markup = "<img src=x onerror=alert(1)><b>bold</b>";
            String hostile = calls.admin(201, "POST", "/admin/keys", "{\"name\": \"" + markup + "\", \"models\": [\"mock\"],"
                    + " \"metadata\": {\"note\": \"<script>alert(2)</script>\"}}").path("id").asText();
            PageTestCalls.signInAt(browser, running.adminKey("auditing", AdminRole.AUDITOR), "/ui#/keys");
            browser.waitForText(By.id("keys-table"), "ci");
            // A name written as markup is shown as the text it is, in the list and on the key's page.
            assertTrue(browser.text(By.id("keys-table")).contains(markup));
            assertTrue(browser.driver().findElements(By.cssSelector("#keys-table img, #keys-table b")).isEmpty());
            browser.open("/ui#/keys/" + hostile);
            assertEquals(markup, browser.text(By.id("page-title")));
            assertTrue(browser.text(By.id("key-details")).contains("<script>alert(2)</script>"));
            assertTrue(browser.driver().findElements(By.cssSelector("#main img, #main b, #main script")).isEmpty());
            browser.open("/ui#/keys");
            browser.waitForText(By.id("keys-table"), "ci");
            assertFalse(browser.present(By.id("key-create")));
            browser.open("/ui#/keys/" + id);
            browser.waitFor(By.id("key-details"));
            browser.waitFor(By.id("key-budget"));
            for (String button : List.of("key-edit", "key-rotate", "key-revoke")) {
                assertFalse(browser.present(By.id(button)), button);
            }

            // The API refuses anyway: a call from the page's own origin, with the cookie but without
            // the session's CSRF token, as a forged one would come.
            @SuppressWarnings("unchecked")
            Map<String, Object> forged = (Map<String, Object>) browser.script(
                    "const done = arguments[arguments.length - 1];"
                    + "fetch('/admin/keys/' + arguments[0] + '/revoke', {method: 'POST'})"
                    + ".then(r => r.json().then(b => done({status: r.status, code: b.error.code})));", id);
            assertEquals(403L, forged.get("status"));
            assertEquals("active", calls.admin(200, "GET", "/admin/keys/" + id, null).path("status").asText());
            assertEquals(List.of(), browser.consoleErrors("/revoke - Failed to load resource"));

            // An owner's session may make keys, but not without the token either.
            browser.signOut();
            PageTestCalls.signInAt(browser, running.ownerKey(), "/ui#/keys");
            browser.waitFor(By.id("key-create"));
            @SuppressWarnings("unchecked")
            Map<String, Object> forgedCreate = (Map<String, Object>) browser.script(
                    "const done = arguments[arguments.length - 1];"
                    + "fetch('/admin/keys', {method: 'POST', headers: {'content-type': 'application/json'},"
                    + " body: JSON.stringify({name: 'forged', models: ['*']})})"
                    + ".then(r => r.json().then(b => done({status: r.status, code: b.error.code})));");
            assertEquals(403L, forgedCreate.get("status"));
            assertEquals("csrf_token_invalid", forgedCreate.get("code"));
            assertEquals(java.util.Set.of(id, hostile), java.util.Set.copyOf(calls.keyIds()), "no forged key was made");
            assertEquals(List.of(), browser.consoleErrors("/admin/keys - Failed to load resource"));
        }
    }
}
