package dev.gatehouse.server.console.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.console.ConsoleBrowser;
import dev.gatehouse.server.console.ConsoleCookie;
import dev.gatehouse.server.console.ConsoleGateways;
import dev.gatehouse.server.console.ConsoleSettings;
import dev.gatehouse.server.console.OidcSettings;
import dev.gatehouse.testkit.oidc.FakeOidcProvider;
import dev.gatehouse.testkit.oidc.OidcUser;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/**
 * Single sign-on in headless Chromium: the sign-in page's link to the fake provider, which signs
 * the scripted user in at once and sends the browser back; the console then shows the role their
 * group maps to, and signs out. A user whose groups map to no role ends on the plain failure page.
 */
class ConsoleSsoBrowserTest {

    private final FakeOidcProvider provider = new FakeOidcProvider("gatehouse-console", "console-client-secret");
    private final ConsoleGateways.Running running;
    private final ConsoleBrowser browser;

    ConsoleSsoBrowserTest() {
        // The console on an admin port of its own, taken free beforehand: the redirect URI is made from it.
        int port = SsoGateway.freePort();
        URI base = URI.create("http://127.0.0.1:" + port);
        provider.allowRedirect(base + OidcLogin.CALLBACK_PATH);
        OidcSettings oidc = new OidcSettings(provider.issuer(), "gatehouse-console", Secret.of("console-client-secret"),
                OidcSettings.DEFAULT_SCOPES, "groups", Map.of(AdminRole.OWNER, List.of("gatehouse-owners"),
                        AdminRole.KEY_ADMIN, List.of("platform-team"), AdminRole.AUDITOR, List.of("security")), "email");
        running = ConsoleGateways.start(ConsoleSettings.DEFAULTS.withPublicUrl(base).withOidc(oidc), port);
        browser = new ConsoleBrowser(running.base());
    }

    @AfterEach
    void close() {
        try (browser; running; provider) {
            provider.assertNoViolations();
        }
    }

    @Test
    void signsInThroughTheProviderShowsTheMappedRoleAndSignsOut() {
        provider.nextUser(OidcUser.of("u-314", "ada@example.com", "Ada", List.of("everyone", "platform-team")));
        browser.open("/ui");
        browser.waitFor(By.id("sign-in-form"));
        browser.screenshot("sign-in-sso");

        browser.click(By.id("sign-in-sso"));

        browser.waitFor(By.id("sign-out"));
        assertEquals("ada@example.com", browser.text(By.id("who-name")));
        assertEquals("Key admin", browser.text(By.id("who-role")));
        assertTrue(browser.driver().getCurrentUrl().startsWith(running.base() + "/ui"),
                browser.driver().getCurrentUrl());
        Cookie session = browser.driver().manage().getCookieNamed(ConsoleCookie.NAME);
        assertNotNull(session);
        assertTrue(session.isHttpOnly());
        assertEquals("Strict", session.getSameSite());
        assertEquals(1, provider.tokenRequests());
        browser.screenshot("sso-signed-in");

        browser.signOut();
        assertNull(browser.driver().manage().getCookieNamed(ConsoleCookie.NAME));
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void aUserWhoseGroupsMapToNoRoleEndsOnThePlainPage() {
        provider.nextUser(OidcUser.of("u-271", "eve@example.com", "Eve", List.of("everyone")));
        browser.open("/ui");

        browser.click(By.id("sign-in-sso"));

        String page = browser.text(By.id("sso-error"));
        assertTrue(page.contains("no Gatehouse role"), page);
        browser.screenshot("sso-refused");
        assertNull(browser.driver().manage().getCookieNamed(ConsoleCookie.NAME));

        browser.click(By.id("sso-back"));
        browser.waitFor(By.id("sign-in-form"));
        // The refusal's own 403 is the one error the browser may log.
        assertEquals(List.of(), browser.consoleErrors(OidcLogin.CALLBACK_PATH));
    }
}
