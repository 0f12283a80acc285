package dev.gatehouse.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.audit.AuditEntry;
import dev.gatehouse.server.auth.AdminRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The console's sessions as the HTTP API sees them: signing in with an admin key, the cookie's
 * attributes, the CSRF token on calls that change state, roles, signing out, and where the console
 * is served.
 */
class ConsoleSessionHttpTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A signed-in session: its cookie header value and CSRF token. */
    record Session(String cookie, String csrf, HttpResponse<String> answer) {}

    static HttpResponse<String> send(String base, String method, String path, String cookie, String csrf, String body,
            String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        if (cookie != null) {
            request.header("cookie", cookie);
        }
        if (csrf != null) {
            request.header("x-gatehouse-csrf", csrf);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Session signIn(String base, String adminKey, String... headers) throws Exception {
        HttpResponse<String> answer = send(base, "POST", "/ui/api/session", null, null,
                "{\"admin_key\":\"" + adminKey + "\"}", headers);
        assertEquals(200, answer.statusCode(), answer.body());
        String setCookie = answer.headers().firstValue("set-cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        return new Session(cookie, Json.parseUpstream(answer.body(), "test").path("csrf_token").asText(), answer);
    }

    @Test
    void anAdminKeyOpensASessionWhoseCookieNoScriptOrOtherSiteCanUse() throws Exception {
        try (ConsoleGateways.Running running = ConsoleGateways.start()) {
            Session session = signIn(running.base(), running.ownerKey());
            String setCookie = session.answer().headers().firstValue("set-cookie").orElseThrow();
            assertTrue(setCookie.startsWith(ConsoleCookie.NAME + "="), setCookie);
            assertTrue(setCookie.contains("HttpOnly"), setCookie);
            assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
            assertTrue(setCookie.contains("Path=/"), setCookie);
            assertTrue(setCookie.contains("Max-Age=43200"), "the session's maximum age: " + setCookie);
            assertFalse(setCookie.contains("Secure"), "plain HTTP on loopback: " + setCookie);
            JsonNode body = Json.parseUpstream(session.answer().body(), "test");
            assertEquals("owner", body.path("role").asText());
            assertEquals("console owner", body.path("name").asText());
            assertFalse(session.answer().body().contains(running.ownerKey()), "the admin key is not echoed");
            assertEquals("no-store", session.answer().headers().firstValue("cache-control").orElseThrow());

            HttpResponse<String> current = send(running.base(), "GET", "/ui/api/session", session.cookie(), null, null);
            assertEquals(200, current.statusCode());
            assertEquals(session.csrf(), Json.parseUpstream(current.body(), "test").path("csrf_token").asText());
            assertEquals(200, send(running.base(), "GET", "/admin/teams", session.cookie(), null, null).statusCode());

            // The cookie's value is not stored: the session table holds its hash.
            String value = session.cookie().substring(session.cookie().indexOf('=') + 1);
            List<String> ids = running.control().database().query("SELECT id FROM console_sessions",
                    row -> row.getString(1));
            assertEquals(1, ids.size());
            assertFalse(ids.getFirst().contains(value));
        }
    }

    @Test
    void behindTlsTheCookieIsSecure() throws Exception {
        try (ConsoleGateways.Running running = ConsoleGateways.start()) {
            Session proxied = signIn(running.base(), running.ownerKey(), "x-forwarded-proto", "https");
            assertTrue(proxied.answer().headers().firstValue("set-cookie").orElseThrow().contains("Secure"));
        }
        try (ConsoleGateways.Running running = ConsoleGateways.start(ConsoleSettings.DEFAULTS
                .withPublicUrl(URI.create("https://gw.example.com")))) {
            Session session = signIn(running.base(), running.ownerKey());
            assertTrue(session.answer().headers().firstValue("set-cookie").orElseThrow().contains("Secure"));
        }
    }

    @Test
    void callsThatChangeStateNeedTheSessionsCsrfToken() throws Exception {
        try (ConsoleGateways.Running running = ConsoleGateways.start()) {
            Session session = signIn(running.base(), running.ownerKey());
            String team = "{\"name\":\"research\",\"models\":[\"mock\"]}";
            HttpResponse<String> forged = send(running.base(), "POST", "/admin/teams", session.cookie(), null, team);
            assertEquals(403, forged.statusCode(), forged.body());
            assertEquals("csrf_token_invalid", Json.parseUpstream(forged.body(), "test").path("error").path("code").asText());
            HttpResponse<String> wrong = send(running.base(), "POST", "/admin/teams", session.cookie(),
                    session.csrf().substring(1) + "x", team);
            assertEquals(403, wrong.statusCode());
            assertTrue(running.control().keys().teams().isEmpty(), "nothing was made");

            HttpResponse<String> made = send(running.base(), "POST", "/admin/teams", session.cookie(), session.csrf(),
                    team);
            assertEquals(201, made.statusCode(), made.body());
            assertEquals(1, running.control().keys().teams().size());
            // The session's user is who the audit log names.
            // admin.denied is queued off the request path (AuditLog.record); the others are written before the answer.
            dev.gatehouse.server.testing.Await.until(() -> running.control().audit().list(0, 100).stream()
                    .anyMatch(e -> e.action().equals("admin.denied")), "the refusal is audited");
            List<AuditEntry> entries = running.control().audit().list(0, 100);
            assertTrue(entries.stream().anyMatch(e -> e.action().equals("team.created")
                    && e.actor().startsWith("admin:")), entries.toString());
            assertTrue(entries.stream().anyMatch(e -> e.action().equals("admin.denied")
                    && e.details().toString().contains("csrf_token_invalid")), entries.toString());
            assertTrue(entries.stream().anyMatch(e -> e.action().equals("console.signed_in")));
        }
    }

    @Test
    void anAuditorsSessionReadsButChangesNothing() throws Exception {
        try (ConsoleGateways.Running running = ConsoleGateways.start()) {
            Session auditor = signIn(running.base(), running.adminKey("security", AdminRole.AUDITOR));
            assertEquals(200, send(running.base(), "GET", "/admin/audit", auditor.cookie(), null, null).statusCode());
            HttpResponse<String> refused = send(running.base(), "POST", "/admin/teams", auditor.cookie(),
                    auditor.csrf(), "{\"name\":\"x\",\"models\":[\"mock\"]}");
            assertEquals(403, refused.statusCode());
            assertEquals("insufficient_role", Json.parseUpstream(refused.body(), "test").path("error").path("code")
                    .asText());
        }
    }

    @Test
    void signingOutEndsTheSessionOnTheServer() throws Exception {
        try (ConsoleGateways.Running running = ConsoleGateways.start()) {
            Session session = signIn(running.base(), running.ownerKey());
            assertEquals(403, send(running.base(), "DELETE", "/ui/api/session", session.cookie(), null, null)
                    .statusCode(), "signing out needs the token too");
            HttpResponse<String> out = send(running.base(), "DELETE", "/ui/api/session", session.cookie(),
                    session.csrf(), null);
            assertEquals(200, out.statusCode(), out.body());
            String cleared = out.headers().firstValue("set-cookie").orElseThrow();
            assertTrue(cleared.startsWith(ConsoleCookie.NAME + "=;") && cleared.contains("Expires=Thu, 1 Jan 1970"), cleared);
            // The old cookie, kept by someone, opens nothing any more.
            assertEquals(401, send(running.base(), "GET", "/admin/teams", session.cookie(), null, null).statusCode());
            assertEquals("false", Json.parseUpstream(send(running.base(), "GET", "/ui/api/session", session.cookie(),
                    null, null).body(), "test").path("signed_in").asText());
        }
    }

    @Test
    void aSessionEndsWhenItsAdminKeyIsRevoked() throws Exception {
        try (ConsoleGateways.Running running = ConsoleGateways.start()) {
            String key = running.adminKey("temporary", AdminRole.KEY_ADMIN);
            Session session = signIn(running.base(), key);
            String id = running.control().adminKeys().list().stream().filter(k -> k.name().equals("temporary"))
                    .findFirst().orElseThrow().id();
            running.control().adminKeys().revoke(id, dev.gatehouse.server.audit.Actor.CLI);
            assertEquals(401, send(running.base(), "GET", "/admin/teams", session.cookie(), null, null).statusCode());
        }
    }

    @Test
    void theOwnerSeesWhoIsSignedInAndEndsASessionAtOnce() throws Exception {
        try (ConsoleGateways.Running running = ConsoleGateways.start()) {
            Session auditor = signIn(running.base(), running.adminKey("security", AdminRole.AUDITOR));
            Session owner = signIn(running.base(), running.ownerKey());
            assertEquals(403, send(running.base(), "GET", "/admin/console/sessions", auditor.cookie(), null, null)
                    .statusCode(), "owners only");
            HttpResponse<String> listed = send(running.base(), "GET", "/admin/console/sessions", owner.cookie(), null,
                    null);
            assertEquals(200, listed.statusCode(), listed.body());
            JsonNode data = Json.parseUpstream(listed.body(), "test").path("data");
            assertEquals(2, data.size());
            assertFalse(listed.body().contains(auditor.csrf()) || listed.body().contains(owner.csrf()),
                    "no CSRF token is listed");
            JsonNode theAuditor = data.get(0).path("role").asText().equals("auditor") ? data.get(0) : data.get(1);
            assertEquals("security", theAuditor.path("name").asText());
            String id = theAuditor.path("id").asText();
            assertFalse(auditor.cookie().endsWith(id), "the id is not the cookie");

            assertEquals(403, send(running.base(), "POST", "/admin/console/sessions/" + id + "/end", owner.cookie(),
                    null, null).statusCode(), "ending one needs the token too");
            HttpResponse<String> ended = send(running.base(), "POST", "/admin/console/sessions/" + id + "/end",
                    owner.cookie(), owner.csrf(), null);
            assertEquals(200, ended.statusCode(), ended.body());
            assertEquals(401, send(running.base(), "GET", "/admin/teams", auditor.cookie(), null, null).statusCode(),
                    "the auditor's session is over");
            assertEquals(200, send(running.base(), "GET", "/admin/teams", owner.cookie(), null, null).statusCode());
            assertEquals(404, send(running.base(), "POST", "/admin/console/sessions/" + id + "/end", owner.cookie(),
                    owner.csrf(), null).statusCode());
            assertTrue(running.control().audit().list(0, 100).stream()
                    .anyMatch(e -> e.action().equals("console.session_ended") && e.target().startsWith("admin:")));
        }
    }

    @Test
    void aBadKeyOpensNothingAndEveryKindOfBadKeyGetsTheSameAnswer() throws Exception {
        try (ConsoleGateways.Running running = ConsoleGateways.start()) {
            String revoked = running.adminKey("gone", AdminRole.OWNER);
            running.control().adminKeys().revoke(running.control().adminKeys().list().stream()
                    .filter(k -> k.name().equals("gone")).findFirst().orElseThrow().id(),
                    dev.gatehouse.server.audit.Actor.CLI);
            String message = null;
            for (String key : List.of("gtw_ak_wrong", revoked, "gtw_vk_notanadminkey", "")) {
                HttpResponse<String> answer = send(running.base(), "POST", "/ui/api/session", null, null,
                        "{\"admin_key\":\"" + key + "\"}");
                assertEquals(401, answer.statusCode(), answer.body());
                assertTrue(answer.headers().firstValue("set-cookie").isEmpty());
                String said = Json.parseUpstream(answer.body(), "test").path("error").path("message").asText();
                assertTrue(message == null || message.equals(said));
                message = said;
            }
            assertEquals(415, send(running.base(), "POST", "/ui/api/session", null, null, null,
                    "content-type", "text/plain").statusCode());
            assertEquals(0, running.control().database().query("SELECT id FROM console_sessions",
                    row -> row.getString(1)).size());
        }
    }

    @Test
    void everyConsoleAnswerCarriesTheContentSecurityPolicy() throws Exception {
        try (ConsoleGateways.Running running = ConsoleGateways.start()) {
            for (String path : List.of("/ui", "/ui/", "/ui/assets/app.js", "/ui/assets/app.css", "/ui/api/config",
                    "/ui/assets/nothing.js", "/ui/assets/../index.html", "/ui/elsewhere")) {
                HttpResponse<String> answer = send(running.base(), "GET", path, null, null, null);
                assertEquals(SecurityHeaders.POLICY, answer.headers().firstValue("content-security-policy")
                        .orElse(null), path);
                assertEquals("nosniff", answer.headers().firstValue("x-content-type-options").orElse(null), path);
                assertEquals("DENY", answer.headers().firstValue("x-frame-options").orElse(null), path);
            }
            HttpResponse<String> page = send(running.base(), "GET", "/ui", null, null, null);
            assertEquals(200, page.statusCode());
            assertTrue(page.headers().firstValue("content-type").orElseThrow().startsWith("text/html"));
            assertEquals(404, send(running.base(), "GET", "/ui/assets/nothing.js", null, null, null).statusCode());
            assertEquals(404, send(running.base(), "GET", "/ui/assets/%2e%2e/index.html", null, null, null).statusCode());
            assertTrue(send(running.base(), "GET", "/ui/assets/app.js", null, null, null).headers()
                    .firstValue("content-type").orElseThrow().startsWith("text/javascript"));
        }
    }

    @Test
    void withAnAdminPortTheConsoleIsServedThereOnly() throws Exception {
        try (ConsoleGateways.Running running = ConsoleGateways.start(ConsoleSettings.DEFAULTS, 0)) {
            assertEquals(200, send(running.base(), "GET", "/ui", null, null, null).statusCode());
            assertEquals(404, send(running.modelBase(), "GET", "/ui", null, null, null).statusCode());
            assertEquals(404, send(running.modelBase(), "POST", "/ui/api/session", null, null,
                    "{\"admin_key\":\"" + running.ownerKey() + "\"}").statusCode());
        }
    }

    @Test
    void aConsoleTurnedOffIsNotServedAndNoCookieOpensTheAdminApi() throws Exception {
        ConsoleSettings off = new ConsoleSettings(false, ConsoleSettings.DEFAULTS.idleTimeout(),
                ConsoleSettings.DEFAULTS.maxAge(), java.util.Optional.empty(), java.util.Optional.empty());
        try (ConsoleGateways.Running running = ConsoleGateways.start(off)) {
            assertEquals(404, send(running.base(), "GET", "/ui", null, null, null).statusCode());
        }
    }
}
