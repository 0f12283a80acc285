package dev.gatehouse.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.server.auth.AdminRole;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The audit log page over entries the gateway wrote for real changes: paged as the API pages it,
 * filtered in the browser, the chain verified intact with the same head the API reports, and the
 * page kept from a key-admin, whose role may not read the log.
 */
class AuditPageTest {

    private static final int KEYS = 60;

    @Test
    void entriesArePagedFilteredAndTheChainIsVerified() {
        try (ConsoleGateways.Running running = ConsoleGateways.start();
                ConsoleBrowser browser = new ConsoleBrowser(running.base())) {
            ConsoleTraffic traffic = new ConsoleTraffic(running);
            String lastKeyName = "service " + KEYS;
            for (int i = 1; i <= KEYS; i++) {
                traffic.key("service " + i, null);
            }
            browser.signInWithKey(running.ownerKey());
            // The owner's admin key, the keys, and this sign-in.
            long entries = traffic.awaitAuditEntries(KEYS + 2).path("entries").asLong();

            browser.open("/ui#/audit");
            browser.waitForText(By.id("audit-status"), "That is the end of the log so far.");
            assertEquals(entries, rows(browser).size(), "the default page of 100 holds them all");
            assertEquals("console.signed_in", cell(rows(browser).getLast(), 4));

            // Pages of 50: the first, then the rest.
            new Select(browser.waitFor(By.id("audit-limit"))).selectByValue("50");
            browser.waitForText(By.id("audit-status"), "50 of 50 loaded entries shown, seq 1 to 50.");
            assertEquals("Load more", browser.text(By.id("audit-more")));
            browser.click(By.id("audit-more"));
            browser.waitForText(By.id("audit-status"), "That is the end of the log so far.");
            assertEquals(entries, rows(browser).size());
            assertEquals("Check for newer entries", browser.text(By.id("audit-more")));

            // The filters search the loaded entries for their text: key.created is also in admin_key.created.
            browser.type(By.id("audit-filter-action"), "key.created");
            browser.waitForText(By.id("audit-status"), (KEYS + 1) + " of " + entries + " loaded entries shown");
            assertTrue(rows(browser).stream().allMatch(row -> cell(row, 4).endsWith("key.created")));
            browser.type(By.id("audit-filter-action"), "admin_key");
            browser.waitForText(By.id("audit-status"), "1 of " + entries);
            browser.type(By.id("audit-filter-action"), "key.created");
            browser.type(By.id("audit-filter-actor"), "cli");
            browser.waitForText(By.id("audit-status"), (KEYS + 1) + " of " + entries);
            browser.type(By.id("audit-filter-action"), "signed_in");
            browser.waitForText(By.id("audit-status"), "0 of " + entries);
            assertEquals("No loaded entry matches the filter.", browser.text(By.cssSelector("#audit-table td.empty")));
            browser.type(By.id("audit-filter-actor"), "");
            browser.type(By.id("audit-filter-action"), "");
            browser.waitForText(By.id("audit-status"), entries + " of " + entries);
            assertTrue(rows(browser).stream().anyMatch(row -> cell(row, 7).contains(lastKeyName)),
                    "details show the key's name");

            // Verify: intact, with the API's own head.
            browser.click(By.id("audit-verify"));
            String verdict = browser.text(By.id("audit-verify-verdict"));
            JsonNode head = traffic.admin("/admin/audit/verify");
            assertEquals("Intact: " + entries + " entries checked, no problem found.", verdict);
            assertEquals(head.path("head_hash").asText(), browser.text(By.id("audit-head-hash")));
            assertEquals(head.path("head_seq").asText(), browser.text(By.id("audit-head-seq")));
            assertFalse(browser.present(By.id("audit-problems")));
            // Copy: to the clipboard when the browser allows it, else the hash is selected; either says so.
            browser.click(By.id("audit-copy-head"));
            String toast = browser.text(By.cssSelector("#toasts .toast"));
            assertTrue(toast.equals("Head hash copied.") || toast.contains("the hash is selected"), toast);
            browser.screenshot("audit"); // the first screen: the check and the oldest entries
            PageShots.atPhoneWidth(browser, "audit");
            assertEquals(List.of(), browser.consoleErrors());

            // A key-admin may not read the audit log: no link, and no page at its address.
            browser.signOut();
            browser.signInWithKey(running.adminKey("key admin", AdminRole.KEY_ADMIN));
            assertFalse(browser.present(By.cssSelector("nav.pages a[data-page='audit']")));
            browser.open("/ui#/audit");
            browser.waitFor(By.id("page-missing"));
            assertFalse(browser.present(By.id("audit-table")));
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    @Test
    void anAuditorSeesAChangedEntryNamedAsAProblem() {
        try (ConsoleGateways.Running running = ConsoleGateways.start();
                ConsoleBrowser browser = new ConsoleBrowser(running.base())) {
            ConsoleTraffic traffic = new ConsoleTraffic(running);
            for (int i = 1; i <= 3; i++) {
                traffic.key("service " + i, null);
            }
            traffic.awaitAuditEntries(4);
            // Someone with the database's password rewrites who made a key.
            running.control().database().update("UPDATE audit_log SET actor = 'admin:someone_else' WHERE seq = 2");

            browser.signInWithKey(running.adminKey("auditing", AdminRole.AUDITOR));
            browser.open("/ui#/audit");
            browser.waitForText(By.id("audit-status"), "That is the end of the log so far.");
            browser.click(By.id("audit-verify"));
            String verdict = browser.text(By.id("audit-verify-verdict"));
            assertTrue(verdict.startsWith("Problems found in "), verdict);
            List<WebElement> problems = browser.driver().findElements(By.cssSelector("#audit-problems li"));
            assertFalse(problems.isEmpty());
            assertTrue(problems.getFirst().getText().contains("entry 2"), problems.getFirst().getText());
            assertEquals("admin:someone_else", cell(rows(browser).get(1), 3));
            browser.screenshot("audit-problems");
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    private static List<WebElement> rows(ConsoleBrowser browser) {
        return browser.driver().findElements(By.cssSelector("#audit-table tbody tr"));
    }

    /** The n-th cell of a row (1: seq, 2: time, 3: actor, 4: action, 5: target, 6: source, 7: details). */
    private static String cell(WebElement row, int n) {
        return row.findElement(By.cssSelector(":scope > :nth-child(" + n + ")")).getText();
    }
}
