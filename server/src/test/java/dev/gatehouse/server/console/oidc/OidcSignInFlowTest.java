package dev.gatehouse.server.console.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.audit.AuditEntry;
import dev.gatehouse.server.console.ConsoleCookie;
import dev.gatehouse.server.console.SecurityHeaders;
import dev.gatehouse.server.testing.Await;
import dev.gatehouse.testkit.oidc.Misbehaviour;
import dev.gatehouse.testkit.oidc.OidcUser;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Single sign-on over HTTP against a running Gatehouse and the fake provider, each redirect
 * followed by hand: the session cookie set and the role mapped for a user in a mapped group; a
 * user in none, a token that fails a check, a callback this browser did not start, a provider
 * that declines or is gone, each refused on a plain page, with no session and no reflected input.
 */
class OidcSignInFlowTest {

    private final SsoGateway gateway = new SsoGateway();
    private final Browser browser = new Browser();

    @AfterEach
    void close() {
        gateway.close();
    }

    private URI at(String path) {
        return gateway.base.resolve(path);
    }

    /** Login, the provider's redirect and the callback; returns the callback's answer. */
    private HttpResponse<String> signIn() {
        HttpResponse<String> login = browser.get(at(OidcLogin.LOGIN_PATH));
        assertEquals(302, login.statusCode(), login::body);
        URI authorize = URI.create(Browser.location(login));
        HttpResponse<String> back = browser.get(authorize);
        assertEquals(302, back.statusCode(), back::body);
        URI callback = URI.create(Browser.location(back));
        assertEquals(at(OidcLogin.CALLBACK_PATH).getPath(), callback.getPath());
        return browser.get(callback);
    }

    private JsonNode session() {
        return Json.parseUpstream(browser.get(at("/ui/api/session")).body(), "test");
    }

    @Test
    void aUserInAMappedGroupIsSignedInWithTheStrongestRole() {
        gateway.provider.nextUser(OidcUser.of("u-1001", "ada@example.com", "Ada", List.of("security", "gatehouse-owners")));

        HttpResponse<String> login = browser.get(at(OidcLogin.LOGIN_PATH));
        assertEquals(SecurityHeaders.POLICY, login.headers().firstValue("content-security-policy").orElseThrow());
        String pending = Browser.setCookie(login, PendingLoginCookie.NAME);
        assertTrue(pending.contains("HttpOnly") && pending.contains("SameSite=Lax") && pending.contains("Path=/ui/oidc"),
                pending);
        Map<String, String> asked = FakeSignIn.query(URI.create(Browser.location(login)));
        assertEquals("S256", asked.get("code_challenge_method"));
        assertEquals("openid email profile groups", asked.get("scope"));
        assertEquals(gateway.base + OidcLogin.CALLBACK_PATH, asked.get("redirect_uri"));

        HttpResponse<String> callback = browser.follow(gateway.base, browser.get(URI.create(Browser.location(login))));
        assertEquals(302, callback.statusCode(), callback::body);
        assertEquals("/ui", Browser.location(callback));
        String session = Browser.setCookie(callback, ConsoleCookie.NAME);
        assertTrue(session.contains("HttpOnly") && session.contains("SameSite=Strict"), session);
        assertFalse(browser.cookies.containsKey(PendingLoginCookie.NAME), "the sign-in's cookie is used once");

        JsonNode signedIn = session();
        assertTrue(signedIn.path("signed_in").asBoolean(), signedIn::toString);
        assertEquals("owner", signedIn.path("role").asText());
        assertEquals("ada@example.com", signedIn.path("name").asText());
        assertEquals("oidc:u-1001", signedIn.path("subject").asText());
        AuditEntry entry = gateway.audited("console.signed_in").getLast();
        assertEquals("oidc:u-1001", entry.actor());
        assertTrue(entry.details().contains("owner"), entry.details());
        assertEquals("client_secret_basic", gateway.provider.lastClientAuth());
        gateway.provider.assertNoViolations();
    }

    @Test
    void aKeyAdminGroupGivesTheKeyAdminRoleAndTheSessionSignsOut() {
        gateway.provider.nextUser(OidcUser.of("u-7", "lin@example.com", "Lin", List.of("platform-team", "everyone")));
        assertEquals(302, signIn().statusCode());
        JsonNode signedIn = session();
        assertEquals("key-admin", signedIn.path("role").asText());

        // The admin API takes the session, as it would from the page.
        assertEquals(200, browser.get(at("/admin/keys")).statusCode());

        HttpResponse<String> out = browser.send("DELETE", at("/ui/api/session"),
                Map.of("x-gatehouse-csrf", signedIn.path("csrf_token").asText()));
        assertEquals(200, out.statusCode(), out::body);
        assertFalse(session().path("signed_in").asBoolean());
        assertEquals("oidc:u-7", gateway.audited("console.signed_out").getLast().actor());
    }

    @Test
    void aUserWithoutAMappedGroupIsRefusedAndTheRefusalAudited() {
        gateway.provider.nextUser(OidcUser.of("u-9", "eve@example.com", "Eve", List.of("everyone", "Gatehouse-Owners")));

        HttpResponse<String> refused = signIn();

        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("your account has no Gatehouse role"), refused::body);
        assertEquals("text/html; charset=utf-8", refused.headers().firstValue("content-type").orElseThrow());
        assertEquals(SecurityHeaders.POLICY, refused.headers().firstValue("content-security-policy").orElseThrow());
        assertFalse(browser.cookies.containsKey(ConsoleCookie.NAME));
        assertFalse(session().path("signed_in").asBoolean());
        Await.until(() -> !gateway.audited("console.sso_refused").isEmpty(), "the refusal is audited");
        AuditEntry entry = gateway.audited("console.sso_refused").getLast();
        assertEquals("oidc:u-9", entry.actor());
        assertTrue(entry.details().contains("none of the values of the claim groups is mapped to a role"),
                entry.details());
        assertTrue(gateway.audited("console.signed_in").isEmpty());
    }

    @Test
    void aTokenThatFailsACheckSignsNobodyInAndTheReasonIsAudited() {
        gateway.provider.nextUser(OidcUser.of("u-1", "a@example.com", "A", List.of("gatehouse-owners")))
                .misbehave(Misbehaviour.WRONG_NONCE);

        HttpResponse<String> refused = signIn();

        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("could not be verified"), refused::body);
        assertFalse(browser.cookies.containsKey(ConsoleCookie.NAME));
        Await.until(() -> !gateway.audited("console.sso_refused").isEmpty(), "the refusal is audited");
        AuditEntry entry = gateway.audited("console.sso_refused").getLast();
        assertEquals("oidc", entry.actor(), "an unverified token names nobody");
        assertTrue(entry.details().contains("nonce is not the one this sign-in sent"), entry.details());
    }

    @Test
    void aCallbackThisBrowserDidNotStartIsRefusedWithoutAskingTheProvider() {
        // Someone else's sign-in (login CSRF): their code and state, in a browser without the cookie.
        Browser attacker = new Browser();
        HttpResponse<String> login = attacker.get(at(OidcLogin.LOGIN_PATH));
        URI callback = URI.create(Browser.location(attacker.get(URI.create(Browser.location(login)))));

        HttpResponse<String> victim = browser.get(callback);

        assertEquals(400, victim.statusCode());
        assertTrue(victim.body().contains("Start it again"), victim::body);
        assertEquals(0, gateway.provider.tokenRequests());
        assertFalse(browser.cookies.containsKey(ConsoleCookie.NAME));
    }

    @Test
    void aForeignStateIsRefusedAndNothingOfTheRequestIsShown() {
        HttpResponse<String> login = browser.get(at(OidcLogin.LOGIN_PATH));
        URI callback = URI.create(Browser.location(browser.get(URI.create(Browser.location(login)))));
        String code = FakeSignIn.query(callback).get("code");

        HttpResponse<String> refused = browser.get(at(OidcLogin.CALLBACK_PATH + "?code=" + code
                + "&state=%3Cscript%3Ealert(1)%3C%2Fscript%3E"));

        assertEquals(400, refused.statusCode());
        assertFalse(refused.body().contains("<script>") || refused.body().contains("alert(1)"), refused::body);
        assertEquals(0, gateway.provider.tokenRequests());
        assertFalse(browser.cookies.containsKey(PendingLoginCookie.NAME), "a failed callback ends the sign-in too");
    }

    @Test
    void anOverlongCodeIsNotSentToTheProvider() {
        HttpResponse<String> login = browser.get(at(OidcLogin.LOGIN_PATH));
        URI callback = URI.create(Browser.location(browser.get(URI.create(Browser.location(login)))));
        String state = FakeSignIn.query(callback).get("state");

        HttpResponse<String> refused = browser.get(at(OidcLogin.CALLBACK_PATH + "?code="
                + "c".repeat(OidcRoutes.MAX_CODE_LENGTH + 1) + "&state=" + state));

        assertEquals(400, refused.statusCode());
        assertEquals(0, gateway.provider.tokenRequests());
    }

    @Test
    void aDeclinedSignInEndsOnThePageSayingSo() {
        gateway.provider.refuseSignIn();
        HttpResponse<String> declined = signIn();
        assertEquals(403, declined.statusCode());
        assertTrue(declined.body().contains("did not sign you in"), declined::body);
        assertEquals(0, gateway.provider.tokenRequests());
    }

    @Test
    void aProviderThatIsGoneGivesA502Page() {
        gateway.provider.close();
        HttpResponse<String> login = browser.get(at(OidcLogin.LOGIN_PATH));
        assertEquals(502, login.statusCode());
        assertTrue(login.body().contains("could not be reached"), login::body);
        assertFalse(browser.cookies.containsKey(PendingLoginCookie.NAME));
    }

    @Test
    void aNameOfAnyLengthStillSignsIn() {
        gateway.provider.nextUser(OidcUser.of("u-2", "m".repeat(5_000) + "\u0000@example.com", "M", List.of("security")));
        assertEquals(302, signIn().statusCode());
        JsonNode signedIn = session();
        assertEquals("auditor", signedIn.path("role").asText());
        assertTrue(signedIn.path("name").asText().length() <= 300);
        assertFalse(signedIn.path("name").asText().contains("\u0000"));
    }

    @Test
    void theConsoleSaysSingleSignOnIsOffered() {
        assertTrue(Json.parseUpstream(browser.get(at("/ui/api/config")).body(), "test").path("oidc").asBoolean());
    }
}
