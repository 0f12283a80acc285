package dev.gatehouse.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LiteLLM's key endpoints, with request and response fields as LiteLLM documents them
 * (https://docs.litellm.ai/docs/proxy/virtual_keys): what maps works, what does not is refused
 * by name.
 */
class LiteLlmKeyRoutesTest {

    private static AdminServer server;

    @BeforeAll
    static void start() {
        server = new AdminServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode generate(String body) {
        return server.ok(200, "POST", "/key/generate", body);
    }

    @Test
    void generateInfoUpdateRegenerateDelete() {
        JsonNode generated = generate("{\"key_alias\":\"migrated\",\"models\":[\"mock\"],\"duration\":\"20m\","
                + "\"max_budget\":10,\"budget_duration\":\"30d\",\"rpm_limit\":100,\"tpm_limit\":10000,"
                + "\"max_parallel_requests\":2,\"metadata\":{\"user\":\"someone\"}}");
        String secret = generated.get("key").asText();
        String id = generated.get("token_id").asText();
        assertTrue(secret.startsWith("gtw_vk_") && id.startsWith("key_"), generated.toString());
        assertEquals("migrated", generated.get("key_alias").asText());
        assertEquals(List.of("mock"), AdminApiTest.strings(generated.get("models")));
        assertEquals("30d", generated.get("budget_duration").asText());
        assertEquals(10, generated.get("max_budget").asInt());
        assertTrue(Instant.parse(generated.get("expires").asText()).isBefore(Instant.now().plusSeconds(21 * 60)));
        assertEquals(200, server.chat(secret, "mock"));
        assertEquals("monthly", server.ok(200, "GET", "/admin/keys/" + id, null).get("budget_duration").asText(),
                "the same key in Gatehouse's terms");

        for (String named : new String[] {secret, id}) {
            JsonNode info = server.ok(200, "GET", "/key/info?key=" + named, null);
            assertEquals(id, info.get("key").asText(), "answers name the key by id");
            assertEquals("migrated", info.at("/info/key_alias").asText());
            assertEquals("someone", info.at("/info/metadata/user").asText());
        }

        JsonNode updated = server.ok(200, "POST", "/key/update", "{\"key\":\"" + secret + "\",\"models\":"
                + "[\"mock-b\"],\"key_alias\":\"renamed\"}");
        assertEquals("renamed", updated.get("key_alias").asText());
        assertEquals(List.of("mock-b"), AdminApiTest.strings(updated.get("models")));
        assertEquals(100, updated.get("rpm_limit").asInt(), "an update keeps what it does not name");
        assertFalse(updated.toString().contains(secret), "the secret is not echoed");
        assertEquals(200, server.chat(secret, "mock-b"));

        JsonNode regenerated = server.ok(200, "POST", "/key/regenerate", "{\"key\":\"" + secret + "\"}");
        String fresh = regenerated.get("key").asText();
        assertNotEquals(secret, fresh);
        assertEquals(id, regenerated.get("token_id").asText());
        assertEquals(401, server.chat(secret, "mock-b"), "LiteLLM's regenerate replaces the key at once");
        assertEquals(200, server.chat(fresh, "mock-b"));

        JsonNode byPath = server.ok(200, "POST", "/key/" + id + "/regenerate", "{\"rpm_limit\":7}");
        assertEquals(7, byPath.get("rpm_limit").asInt());
        String latest = byPath.get("key").asText();
        assertEquals(401, server.chat(fresh, "mock-b"));

        JsonNode deleted = server.ok(200, "POST", "/key/delete", "{\"keys\":[\"" + latest + "\"]}");
        assertEquals(List.of(id), AdminApiTest.strings(deleted.get("deleted_keys")));
        assertEquals(401, server.chat(latest, "mock-b"), "deleted means revoked, at once");
        assertEquals("revoked", server.ok(200, "GET", "/admin/keys/" + id, null).get("status").asText());
    }

    @Test
    void regenerateKeepsTheOldSecretForItsGracePeriod() {
        JsonNode generated = generate("{\"models\":[\"mock\"]}");
        String old = generated.get("key").asText();
        String fresh = server.ok(200, "POST", "/key/regenerate", "{\"key\":\"" + old + "\",\"grace_period\":\"1h\"}")
                .get("key").asText();
        assertEquals(200, server.chat(old, "mock"), "the old secret works during the grace period");
        assertEquals(200, server.chat(fresh, "mock"));
        assertEquals("grace_period", server.error(400, server.admin("POST", "/key/regenerate", server.owner,
                "{\"key\":\"" + fresh + "\",\"grace_period\":\"90d\"}")).get("param").asText());
        assertEquals("grace_period", server.error(400, server.admin("POST", "/key/regenerate", server.owner,
                "{\"key\":\"" + fresh + "\",\"grace_period\":\"soon\"}")).get("param").asText());
    }

    @Test
    void fieldsThatDoNotMapAreRefusedByName() {
        for (String field : new String[] {"user_id", "aliases", "config", "permissions", "spend", "tags",
                "allowed_cache_controls", "key"}) {
            JsonNode error = server.error(400, server.admin("POST", "/key/generate", server.owner,
                    "{\"models\":[\"mock\"],\"" + field + "\":null}"));
            assertEquals(field, error.get("param").asText(), error.toString());
            assertTrue(error.get("message").asText().contains(field), error.toString());
        }
        JsonNode period = server.error(400, server.admin("POST", "/key/generate", server.owner,
                "{\"models\":[\"mock\"],\"budget_duration\":\"1h\"}"));
        assertEquals("budget_duration", period.get("param").asText());
        String secret = generate("{\"models\":[\"mock\"]}").get("key").asText();
        assertEquals("new_key", server.error(400, server.admin("POST", "/key/regenerate", server.owner,
                "{\"key\":\"" + secret + "\",\"new_key\":\"sk-mine\"}")).get("param").asText());
        assertEquals("key_aliases", server.error(400, server.admin("POST", "/key/delete", server.owner,
                "{\"key_aliases\":[\"a\"]}")).get("param").asText());
        assertEquals(200, server.chat(secret, "mock"), "nothing above changed the key");
    }

    @Test
    void unknownKeysAre404WithoutEchoingTheSecret() {
        String unknown = dev.gatehouse.server.auth.KeyFormat.VIRTUAL.generate();
        JsonNode info = server.error(404, server.admin("GET", "/key/info?key=" + unknown, server.owner, null));
        assertFalse(info.toString().contains(unknown));
        server.error(404, server.admin("POST", "/key/update", server.owner, "{\"key\":\"" + unknown + "\"}"));
        String known = generate("{\"models\":[\"mock\"]}").get("key").asText();
        server.error(404, server.admin("POST", "/key/delete", server.owner, "{\"keys\":[\"" + known + "\",\""
                + unknown + "\"]}"));
        assertEquals(200, server.chat(known, "mock"), "a delete naming an unknown key deletes nothing");
        assertEquals("key", server.error(400, server.admin("GET", "/key/info", server.owner, null)).get("param")
                .asText());
    }

    /** LiteLLM's body form of key information: the secret never has to be in a URL. */
    @Test
    void v2KeyInfoTakesTheKeysInTheBodyAndAnswersByIdInTheOrderAsked() {
        JsonNode first = generate("{\"key_alias\":\"first\",\"models\":[\"mock\"]}");
        JsonNode second = generate("{\"key_alias\":\"second\",\"models\":[\"mock\"]}");
        String secret = first.get("key").asText();
        JsonNode info = server.ok(200, "POST", "/v2/key/info", "{\"keys\":[\"" + second.get("token_id").asText()
                + "\",\"" + secret + "\"]}");
        assertEquals(List.of(second.get("token_id").asText(), first.get("token_id").asText()),
                AdminApiTest.strings(info.get("key")));
        assertEquals("second", info.at("/info/0/key_alias").asText());
        assertEquals("first", info.at("/info/1/key_alias").asText());
        assertFalse(info.toString().contains(secret), "answers name keys by id");
        assertEquals(200, server.admin("POST", "/v2/key/info", server.auditor, "{\"keys\":[\"" + secret + "\"]}")
                .statusCode(), "read access, like GET /key/info");

        String unknown = dev.gatehouse.server.auth.KeyFormat.VIRTUAL.generate();
        JsonNode missing = server.error(404, server.admin("POST", "/v2/key/info", server.owner,
                "{\"keys\":[\"" + secret + "\",\"" + unknown + "\"]}"));
        assertFalse(missing.toString().contains(unknown));
        assertEquals("keys", server.error(400, server.admin("POST", "/v2/key/info", server.owner, "{\"keys\":[]}"))
                .get("param").asText());
        assertEquals("key", server.error(400, server.admin("POST", "/v2/key/info", server.owner,
                "{\"key\":\"" + secret + "\"}")).get("param").asText());
        assertEquals(405, server.admin("GET", "/v2/key/info", server.owner, null).statusCode());
    }

    /**
     * A secret in a URL ({@code ?key=}, the path of {@code /key/{key}/regenerate}) reaches the
     * access logs of every proxy on the way, but never Gatehouse's own log, whatever the answer.
     */
    @Test
    void aSecretInAUrlNeverReachesGatehousesLog() {
        String secret = generate("{\"models\":[\"mock\"]}").get("key").asText();
        String unknown = dev.gatehouse.server.auth.KeyFormat.VIRTUAL.generate();
        String text;
        String regenerated;
        try (dev.gatehouse.server.testing.LogCapture capture = new dev.gatehouse.server.testing.LogCapture()) {
            assertEquals(200, server.admin("GET", "/key/info?key=" + secret, server.owner, null).statusCode());
            assertEquals(401, server.admin("GET", "/key/info?key=" + secret, null, null).statusCode());
            assertEquals(404, server.admin("GET", "/key/info?key=" + unknown, server.owner, null).statusCode());
            assertEquals(405, server.admin("GET", "/key/" + secret + "/regenerate", server.owner, null)
                    .statusCode());
            assertEquals(404, server.admin("POST", "/key/" + unknown + "/regenerate", server.owner, null)
                    .statusCode());
            assertEquals(404, server.admin("GET", "/nowhere?key=" + secret, server.owner, null).statusCode());
            regenerated = server.ok(200, "POST", "/key/" + secret + "/regenerate", null).get("key").asText();
            text = capture.text();
        }
        for (String s : new String[] {secret, unknown, regenerated}) {
            dev.gatehouse.server.testing.SecretParts.assertAbsent(text, s, "the log");
        }
    }

    @Test
    void keysWithoutModelsAreRefusedRatherThanGivenEveryModel() {
        JsonNode error = server.error(400, server.admin("POST", "/key/generate", server.owner, "{}"));
        assertEquals("models", error.get("param").asText());
    }

    @Test
    void theRolesApply() {
        server.error(403, server.admin("POST", "/key/generate", server.auditor, "{\"models\":[\"mock\"]}"));
        String secret = generate("{\"models\":[\"mock\"]}").get("key").asText();
        assertEquals(200, server.admin("GET", "/key/info?key=" + secret, server.auditor, null).statusCode());
        assertEquals(200, server.admin("POST", "/key/generate", server.keyAdmin, "{\"models\":[\"mock\"]}")
                .statusCode());
    }
    /** A key brought from LiteLLM is named by its sk-… secret as LiteLLM's scripts name it. */
    @Test
    void aKeyImportedFromLiteLlmIsFoundAndRegeneratedByItsSkSecret() {
        String secret = "sk-ImportedFromLiteLlm0001";
        String id = server.control.keys().importKey(new dev.gatehouse.server.auth.KeyDraft("imported", null,
                List.of("mock"), java.util.Set.of(), List.of(), null, dev.gatehouse.server.auth.Limits.NONE,
                dev.gatehouse.json.Json.object()), List.of(new dev.gatehouse.server.auth.ImportedSecret(
                dev.gatehouse.server.auth.KeyFormat.hash(secret), Instant.now().plusSeconds(3600).toEpochMilli())),
                0L, dev.gatehouse.server.audit.Actor.CLI).orElseThrow().id();
        assertEquals(200, server.chat(secret, "mock"));
        assertEquals(id, server.ok(200, "GET", "/key/info?key=" + secret, null).get("key").asText());
        String fresh = server.ok(200, "POST", "/key/regenerate", "{\"key\":\"" + secret + "\"}").get("key")
                .asText();
        assertTrue(fresh.startsWith("gtw_vk_"), fresh);
        assertEquals(401, server.chat(secret, "mock"), "replaced at once, as LiteLLM's regenerate does");
        assertEquals(200, server.chat(fresh, "mock"));
    }
}
