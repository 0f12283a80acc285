package dev.gatehouse.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.audit.AuditEntry;
import dev.gatehouse.server.auth.Cidr;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.auth.VirtualKey;
import dev.gatehouse.server.auth.Issued;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /admin/playground/chat/completions}: a chat completion sent as a virtual key the
 * admin names, served and answered as {@code /v1/chat/completions} serves that key, and recorded
 * as the key's.
 */
class PlaygroundRouteTest {

    private static final String PATH = "/admin/playground/chat/completions";

    private final AdminServer server = new AdminServer();

    @AfterEach
    void close() {
        server.close();
    }

    private Issued<VirtualKey> key(List<String> models, Set<Endpoint> endpoints, List<Cidr> cidrs, Limits limits) {
        return server.control.keys().createKey(new KeyDraft("playground", null, models, endpoints, cidrs, null, limits,
                Json.object()), Actor.CLI);
    }

    private static String chat(String keyId, String model, boolean stream) {
        return "{" + (keyId == null ? "" : "\"key_id\":\"" + keyId + "\",") + "\"model\":\"" + model + "\","
                + "\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
    }

    private HttpResponse<String> playground(String adminKey, String body) {
        return server.admin("POST", PATH, adminKey, body);
    }

    /** The same request as the key itself would send it to the chat route. */
    private HttpResponse<String> asTheKey(String secret, String model) {
        return server.send(server.gatehouse.port(), "POST", "/v1/chat/completions",
                Map.of("authorization", "Bearer " + secret), chat(null, model, false), false);
    }

    @Test
    void answersAsTheChatRouteAnswersTheKeyAndTheSpendRowIsTheKeys() throws Exception {
        Issued<VirtualKey> key = key(List.of("mock"), Set.of(), List.of(), Limits.NONE);
        HttpResponse<String> answer = playground(server.keyAdmin, chat(key.key().id(), "mock", false));
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode completion = Json.parseUpstream(answer.body(), "test");
        assertEquals("chat.completion", completion.path("object").asText());
        assertEquals("mock", completion.path("model").asText());
        assertTrue(completion.path("usage").path("prompt_tokens").asInt() > 0);
        assertTrue(answer.headers().firstValue("x-gatehouse-deployment").isPresent(), "the chat route's headers");
        assertTrue(answer.headers().firstValue("x-request-id").isPresent());
        assertEquals("no-store", answer.headers().firstValue("cache-control").orElseThrow());
        assertFalse(answer.body().contains(key.secret()), "the admin never sees the key's secret");

        JsonNode rows = null;
        for (int i = 0; i < 100; i++) {  // rows are written in batches: wait for it, bounded
            rows = server.ok(200, "GET", "/admin/spend?group_by=key", null).path("data");
            if (rows.size() == 1) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(1, rows.size(), rows.toString());
        assertEquals(key.key().id(), rows.get(0).path("key").asText(), "the spend row is the key's");
        assertEquals(1, rows.get(0).path("requests").asLong());
        assertEquals(completion.path("usage").path("prompt_tokens").asLong(), rows.get(0).path("prompt_tokens").asLong());

        AuditEntry used = audited("playground.used");
        assertEquals("key:" + key.key().id(), used.target());
        assertTrue(used.actor().startsWith("admin:"), used.actor());
        assertTrue(used.details().contains("\"model\":\"mock\""), used.details());
    }

    @Test
    void streamsAsTheChatRouteStreams() {
        Issued<VirtualKey> key = key(List.of("*"), Set.of(), List.of(), Limits.NONE);
        HttpResponse<String> answer = playground(server.owner, chat(key.key().id(), "mock", true));
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        List<String> events = answer.body().lines().filter(line -> line.startsWith("data: ")).toList();
        assertTrue(events.size() > 2, answer.body());
        assertEquals("chat.completion.chunk", Json.parseUpstream(events.getFirst().substring(6), "test")
                .path("object").asText());
        assertEquals("data: [DONE]", events.getLast());
    }

    @Test
    void theKeysScopeIsTheKeysOwn() {
        Issued<VirtualKey> mockOnly = key(List.of("mock"), Set.of(), List.of(), Limits.NONE);
        for (String model : List.of("mock-b", "no-such-model")) {
            HttpResponse<String> own = asTheKey(mockOnly.secret(), model);
            HttpResponse<String> played = playground(server.owner, chat(mockOnly.key().id(), model, false));
            assertEquals(own.statusCode(), played.statusCode(), played.body());
            assertEquals(server.error(own.statusCode(), own).path("code").asText(),
                    server.error(played.statusCode(), played).path("code").asText());
        }
        assertEquals("model_not_allowed", server.error(403,
                playground(server.owner, chat(mockOnly.key().id(), "mock-b", false))).path("code").asText());

        Issued<VirtualKey> embeddingsOnly = key(List.of("*"), Set.of(Endpoint.EMBEDDINGS), List.of(), Limits.NONE);
        assertEquals("endpoint_not_allowed", server.error(403,
                playground(server.owner, chat(embeddingsOnly.key().id(), "mock", false))).path("code").asText());

        Issued<VirtualKey> elsewhere = key(List.of("*"), Set.of(), List.of(Cidr.parse("10.0.0.0/8")), Limits.NONE);
        assertEquals("ip_not_allowed", server.error(403,
                playground(server.owner, chat(elsewhere.key().id(), "mock", false))).path("code").asText(),
                "the address checked is the admin's");

        Issued<VirtualKey> once = key(List.of("*"), Set.of(), List.of(), new Limits(null, null, null, null, 1, null,
                null));
        assertEquals(200, playground(server.owner, chat(once.key().id(), "mock", false)).statusCode());
        assertEquals(429, playground(server.owner, chat(once.key().id(), "mock", false)).statusCode(),
                "the key's rate limit");
    }

    @Test
    void aRevokedKeyIsTheKeysOwn401() {
        Issued<VirtualKey> key = key(List.of("*"), Set.of(), List.of(), Limits.NONE);
        server.control.keys().revokeKey(key.key().id(), Actor.CLI);
        assertEquals("invalid_api_key", server.error(401, playground(server.owner, chat(key.key().id(), "mock",
                false))).path("code").asText());
        assertEquals(401, asTheKey(key.secret(), "mock").statusCode());
    }

    @Test
    void onlyOwnersAndKeyAdminsMayUseItAndTheBodyMustNameAKey() {
        Issued<VirtualKey> key = key(List.of("*"), Set.of(), List.of(), Limits.NONE);
        JsonNode refused = server.error(403, playground(server.auditor, chat(key.key().id(), "mock", false)));
        assertEquals("insufficient_role", refused.path("code").asText());
        assertEquals("POST " + PATH, audited("admin.denied").target());
        assertEquals("invalid_admin_key", server.error(401, playground(null, chat(key.key().id(), "mock", false)))
                .path("code").asText());

        assertEquals("key_id", server.error(400, playground(server.owner, chat(null, "mock", false))).path("param")
                .asText());
        assertEquals("key_id", server.error(400, playground(server.owner, "{\"key_id\":7,\"model\":\"mock\"}"))
                .path("param").asText());
        assertEquals("key_id", server.error(404, playground(server.owner, chat("key_unknown", "mock", false)))
                .path("param").asText());
        assertEquals(400, playground(server.owner, "[1]").statusCode());
        assertEquals("messages", server.error(400, playground(server.owner, "{\"key_id\":\"" + key.key().id()
                + "\",\"model\":\"mock\"}")).path("param").asText(), "the chat route's own validation");
        assertEquals(200, playground(server.owner, chat(key.key().id(), "mock", false)).statusCode());

        // Refused before the key was known (role, admin key, key_id): no row. Refused by the chat route's own
        // reading once it was (no messages): the refused row the key's own request would leave. Then the answer.
        JsonNode row = null;
        for (int i = 0; i < 100; i++) {
            row = server.ok(200, "GET", "/admin/spend?group_by=key", null).path("data").path(0);
            if (row.path("requests").asLong() == 2) {
                break;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        assertEquals(key.key().id(), row.path("key").asText());
        assertEquals(2, row.path("requests").asLong(), row.toString());
        assertEquals(1, server.control.audit().list(0, 10_000).stream()
                .filter(e -> e.action().equals("playground.used")).count(), "one use audited: the one served");
    }

    /** From the console: its session cookie, and the session's CSRF token, since a playground request is a POST. */
    @Test
    void aConsoleSessionUsesItWithItsCsrfToken() {
        Issued<VirtualKey> key = key(List.of("*"), Set.of(), List.of(), Limits.NONE);
        HttpResponse<String> signIn = server.send(server.gatehouse.adminPort(), "POST", "/ui/api/session", Map.of(),
                "{\"admin_key\":\"" + server.keyAdmin + "\"}", false);
        assertEquals(200, signIn.statusCode(), signIn.body());
        String cookie = signIn.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
        String csrf = Json.parseUpstream(signIn.body(), "test").path("csrf_token").asText();

        HttpResponse<String> forged = server.send(server.gatehouse.adminPort(), "POST", PATH, Map.of("cookie", cookie),
                chat(key.key().id(), "mock", false), true);
        assertEquals("csrf_token_invalid", server.error(403, forged).path("code").asText());
        HttpResponse<String> answer = server.send(server.gatehouse.adminPort(), "POST", PATH,
                Map.of("cookie", cookie, "x-gatehouse-csrf", csrf), chat(key.key().id(), "mock", true), true);
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("data: [DONE]"), answer.body());
        AuditEntry used = audited("playground.used");
        assertTrue(used.actor().startsWith("admin:"), "the session's admin: " + used.actor());
        assertEquals(1, server.control.audit().list(0, 10_000).stream()
                .filter(e -> e.action().equals("playground.used")).count(), "the forged request was not a use");
    }

    /** The latest audit entry with {@code action}, waiting for the queued writer (bounded). */
    private AuditEntry audited(String action) {
        for (int i = 0; i < 100; i++) {
            List<AuditEntry> found = server.control.audit().list(0, 10_000).stream()
                    .filter(e -> e.action().equals(action)).toList();
            if (!found.isEmpty()) {
                return found.getLast();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no audit entry " + action);
    }
}
