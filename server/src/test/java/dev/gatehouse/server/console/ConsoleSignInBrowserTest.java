package dev.gatehouse.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.auth.AdminRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/**
 * Signing in and out of the console in headless Chromium, and what the browser itself enforces:
 * the cookie out of the page's reach, nothing kept in storage, the Content-Security-Policy
 * refusing inline script, a forged call without the CSRF token refused.
 */
class ConsoleSignInBrowserTest {

    @Test
    void anAdminKeySignsInAndOut() {
        try (ConsoleGateways.Running running = ConsoleGateways.start();
                ConsoleBrowser browser = new ConsoleBrowser(running.base())) {
            browser.open("/ui");
            browser.waitFor(By.id("sign-in-form"));
            browser.screenshot("sign-in");
            browser.signInWithKey(running.ownerKey());
            assertEquals("console owner", browser.text(By.id("who-name")));
            assertEquals("Owner", browser.text(By.id("who-role")));
            browser.waitFor(By.id("page-overview"));
            assertTrue(browser.driver().getCurrentUrl().endsWith("/ui#/overview"));

            Cookie cookie = browser.driver().manage().getCookieNamed(ConsoleCookie.NAME);
            assertNotNull(cookie);
            assertTrue(cookie.isHttpOnly());
            assertEquals("Strict", cookie.getSameSite());
            assertEquals("", browser.driver().executeScript("return document.cookie"), "no script reads the cookie");
            assertEquals(0L, browser.driver().executeScript("return localStorage.length + sessionStorage.length"),
                    "nothing is kept in the browser's storage");
            assertFalse(browser.driver().getCurrentUrl().contains("gtw_"), "no secret in the URL");

            browser.signOut();
            assertEquals(null, browser.driver().manage().getCookieNamed(ConsoleCookie.NAME));
            // Back, the page asks for a sign-in again: the session is over on the server.
            browser.open("/ui#/keys");
            browser.waitFor(By.id("sign-in-form"));
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    @Test
    void aWrongKeyIsRefusedWithTheApisMessage() {
        try (ConsoleGateways.Running running = ConsoleGateways.start();
                ConsoleBrowser browser = new ConsoleBrowser(running.base())) {
            browser.open("/ui");
            browser.type(By.id("admin-key"), "gtw_ak_notakey");
            browser.click(By.id("sign-in"));
            String problem = browser.waitFor(By.cssSelector("#sign-in-problem .error")).getText();
            assertTrue(problem.contains("not an active admin key"), problem);
            assertFalse(browser.present(By.id("sign-out")));
            // The refusal's 401 is the only error the browser logs.
            assertEquals(List.of(), browser.consoleErrors("/ui/api/session"));
        }
    }

    @Test
    void theBrowserEnforcesThePolicyAndTheServerTheCsrfToken() {
        try (ConsoleGateways.Running running = ConsoleGateways.start();
                ConsoleBrowser browser = new ConsoleBrowser(running.base())) {
            browser.signInWithKey(running.ownerKey());
            // Inline script, as an injected value would try to run, is refused by the policy.
            browser.script("const done = arguments[arguments.length - 1];"
                    + "const s = document.createElement('script'); s.textContent = 'window.injected = true;';"
                    + "document.body.appendChild(s); setTimeout(done, 100);");
            assertEquals(null, browser.driver().executeScript("return window.injected === undefined ? null : true"));
            List<String> errors = browser.consoleErrors();
            assertTrue(errors.stream().anyMatch(e -> e.contains("Content Security Policy")), errors.toString());

            // A call made with the cookie but without the session's token, as a forged one would be.
            @SuppressWarnings("unchecked")
            Map<String, Object> forged = (Map<String, Object>) browser.script(
                    "const done = arguments[arguments.length - 1];"
                    + "fetch('/admin/teams', {method: 'POST', headers: {'content-type': 'application/json'},"
                    + " body: JSON.stringify({name: 'forged', models: ['mock']})})"
                    + ".then(r => r.json().then(b => done({status: r.status, code: b.error.code})));");
            assertEquals(403L, forged.get("status"));
            assertEquals("csrf_token_invalid", forged.get("code"));
            assertTrue(running.control().keys().teams().isEmpty());
            assertEquals(List.of(), browser.consoleErrors("/admin/teams"));
        }
    }

    @Test
    void eachRoleSeesTheNavigationItMayUse() {
        try (ConsoleGateways.Running running = ConsoleGateways.start();
                ConsoleBrowser browser = new ConsoleBrowser(running.base())) {
            browser.signInWithKey(running.adminKey("auditing", AdminRole.AUDITOR));
            assertEquals("Auditor", browser.text(By.id("who-role")));
            assertTrue(browser.present(By.cssSelector("nav.pages a[data-page='audit']")));
            assertFalse(browser.present(By.cssSelector("nav.pages a[data-page='playground']")));
            browser.signOut();
            browser.signInWithKey(running.adminKey("keys", AdminRole.KEY_ADMIN));
            assertFalse(browser.present(By.cssSelector("nav.pages a[data-page='audit']")));
            assertTrue(browser.present(By.cssSelector("nav.pages a[data-page='playground']")));
        }
    }

    @Test
    void fromAPhonesWidthEveryControlIsReachable() {
        try (ConsoleGateways.Running running = ConsoleGateways.start();
                ConsoleBrowser browser = new ConsoleBrowser(running.base(), 375, 812)) {
            browser.signInWithKey(running.ownerKey());
            browser.waitFor(By.id("page-overview"));
            browser.screenshot("phone-overview");
            long overflow = (Long) browser.driver().executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertTrue(overflow <= 0, "no sideways scrolling at 375 px: " + overflow);
            assertTrue(browser.waitFor(By.id("sign-out")).isDisplayed());
        }
    }
}
