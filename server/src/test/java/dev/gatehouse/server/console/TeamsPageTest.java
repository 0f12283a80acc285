package dev.gatehouse.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.auth.Team;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The Teams page in headless Chromium: a team made in the form (a refusal named at its field), its
 * keys and its budget going down as they spend, an edit sending only what changed, the deletion of
 * a team that never had keys, and an auditor's read-only view.
 */
class TeamsPageTest {

    @Test
    void aTeamIsMadeEditedAndShowsItsKeysAndBudget() {
        try (ConsoleGateways.Running running = ConsoleGateways.start();
                ConsoleBrowser browser = new ConsoleBrowser(running.base())) {
            PageTestCalls calls = new PageTestCalls(running);
            PageTestCalls.signInAt(browser, running.ownerKey(), "/ui#/teams");
            browser.waitFor(By.id("teams-table"));

            browser.click(By.id("team-create"));
            browser.type(By.id("team-form-name"), "research");
            browser.click(By.id("team-form-submit"));
            // No models: the API names the field, and the page shows it there.
            String problem = browser.waitFor(By.id("team-form-models-error")).getText();
            assertTrue(problem.startsWith("models"), problem);
            assertEquals(List.of(), running.control().keys().teams());
            assertEquals(List.of(), browser.consoleErrors("/admin/teams - Failed to load resource"));

            browser.click(By.id("team-form-models-mock"));
            browser.type(By.id("team-form-max-budget"), "50");
            new Select(browser.waitFor(By.id("team-form-budget-duration"))).selectByValue("weekly");
            browser.type(By.id("team-form-budget-timezone"), "Europe/Berlin");
            browser.click(By.id("team-form-submit"));
            browser.waitFor(By.id("team-details"));
            List<Team> teams = running.control().keys().teams();
            assertEquals(1, teams.size());
            Team team = teams.get(0);
            assertEquals(List.of("mock"), team.models());
            assertEquals("weekly", team.limits().budgetPeriod());
            assertEquals("Europe/Berlin", team.limits().budgetTimezone());
            assertTrue(browser.driver().getCurrentUrl().endsWith("#/teams/" + team.id()));
            assertTrue(browser.text(By.id("team-budget-spent")).contains("this week"));
            assertTrue(browser.present(By.id("team-delete")), "a team without keys may be deleted");

            JsonNode key = calls.admin(201, "POST", "/admin/keys",
                    "{\"name\": \"team notebook\", \"team_id\": \"" + team.id() + "\"}");
            assertEquals(200, calls.chat(key.path("key").asText(), "mock", "a question for the team").statusCode());
            String left = PageTestCalls.refreshUntil(browser, By.id("team-refresh"), By.id("team-budget-remaining"),
                    value -> new BigDecimal(value).compareTo(new BigDecimal("50")) < 0, e -> e.getDomAttribute("data-usd"),
                    () -> "the team's budget goes down as its key spends");
            assertTrue(new BigDecimal(left).signum() > 0, left);
            assertTrue(browser.text(By.id("team-keys-table")).contains("team notebook"));
            assertFalse(browser.present(By.id("team-delete")), "a team with keys is not offered for deletion");
            browser.screenshot("team");

            PageTestCalls.recordRequests(browser);
            browser.click(By.id("team-edit"));
            browser.type(By.id("team-form-rpm"), "600");
            browser.click(By.id("team-form-submit"));
            browser.waitForText(By.id("team-details"), "600 rpm");
            assertEquals(List.of("{\"rpm_limit\":600}"),
                    PageTestCalls.sentBodies(browser, "PATCH", "/admin/teams/" + team.id()));
            assertEquals(600, running.control().keys().team(team.id()).orElseThrow().limits().rpm());

            browser.open("/ui#/teams");
            browser.waitForText(By.id("teams-table"), "research");
            browser.screenshot("teams");
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    @Test
    void aTeamWithoutKeysIsDeletedAndAnAuditorChangesNothing() {
        try (ConsoleGateways.Running running = ConsoleGateways.start();
                ConsoleBrowser browser = new ConsoleBrowser(running.base())) {
            PageTestCalls calls = new PageTestCalls(running);
            String empty = calls.admin(201, "POST", "/admin/teams", "{\"name\": \"empty\", \"models\": [\"*\"]}")
                    .path("id").asText();
            String kept = calls.admin(201, "POST", "/admin/teams", "{\"name\": \"kept\", \"models\": [\"mock\"]}")
                    .path("id").asText();

            PageTestCalls.signInAt(browser, running.adminKey("auditing", AdminRole.AUDITOR), "/ui#/teams");
            browser.waitForText(By.id("teams-table"), "kept");
            assertFalse(browser.present(By.id("team-create")));
            browser.open("/ui#/teams/" + empty);
            browser.waitFor(By.id("team-details"));
            assertFalse(browser.present(By.id("team-edit")));
            assertFalse(browser.present(By.id("team-delete")));
            browser.signOut();

            PageTestCalls.signInAt(browser, running.ownerKey(), "/ui#/teams/" + empty);
            browser.click(By.id("team-delete"));
            browser.click(By.id("team-delete-dialog-confirm"));
            browser.waitFor(By.id("teams-table"));
            browser.waitForText(By.id("teams-count"), "1 of 1");
            assertEquals(List.of(kept), running.control().keys().teams().stream().map(Team::id).toList());
            assertEquals(List.of(), browser.consoleErrors());
        }
    }
}
