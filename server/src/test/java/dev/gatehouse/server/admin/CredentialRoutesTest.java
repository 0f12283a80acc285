package dev.gatehouse.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.server.auth.AdminRole;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stored credentials and admin keys through the admin API; and, over every answer this class's
 * server gave, that none carries a credential's value or the hash of any key.
 */
class CredentialRoutesTest {

    private static final String VALUE = "sk-proj-stored-Hq72Lm91Zx";
    private static final String NEW_VALUE = "sk-proj-rotated-Tt40Pe33Wd";
    private static AdminServer server;

    @BeforeAll
    static void start() {
        server = new AdminServer();
    }

    /** {@link AdminServer#close} checks every answer for the values and for key hashes. */
    @AfterAll
    static void noAnswerCarriedAValueOrAHash() {
        assertTrue(server.credentialValues.containsAll(List.of(VALUE, NEW_VALUE)), "the test stored both values");
        assertTrue(server.answers.size() > 10, "the test recorded answers");
        server.close();
    }

    @Test
    void credentialsAreStoredListedRotatedAndDeletedWithoutTheirValue() {
        JsonNode stored = server.ok(200, "PUT", "/admin/credentials/openai-prod", "{\"value\":\"" + VALUE + "\"}");
        assertEquals("openai-prod", stored.get("name").asText());
        assertTrue(stored.get("id").asText().startsWith("cred_"));
        assertTrue(stored.get("master_key_id").isTextual());
        assertEquals(VALUE, server.control.requireVault().get("openai-prod").orElseThrow().reveal());

        JsonNode listed = server.ok(200, "GET", "/admin/credentials", null);
        assertEquals("openai-prod", listed.get("data").get(0).get("name").asText());
        assertTrue(listed.get("data").get(0).get("last_used_at").isTextual(), "the read above marked it used");

        JsonNode rotated = server.ok(200, "PUT", "/admin/credentials/openai-prod", "{\"value\":\"" + NEW_VALUE + "\"}");
        assertNotEquals(stored.get("id").asText(), rotated.get("id").asText(), "a new value gets a new record id");
        assertEquals(NEW_VALUE, server.control.requireVault().get("openai-prod").orElseThrow().reveal());

        assertTrue(server.ok(200, "DELETE", "/admin/credentials/openai-prod", null).get("deleted").asBoolean());
        server.error(404, server.admin("DELETE", "/admin/credentials/openai-prod", server.owner, null));
    }

    @Test
    void badCredentialRequestsAreRefused() {
        assertEquals("value", server.error(400, server.admin("PUT", "/admin/credentials/x", server.owner, "{}"))
                .get("param").asText());
        assertEquals("value", server.error(400, server.admin("PUT", "/admin/credentials/x", server.owner,
                "{\"value\":42}")).get("param").asText());
        assertEquals("colour", server.error(400, server.admin("PUT", "/admin/credentials/x", server.owner,
                "{\"value\":\"v\",\"colour\":1}")).get("param").asText());
        server.error(400, server.admin("PUT", "/admin/credentials/.hidden", server.owner, "{\"value\":\"v\"}"));
        server.error(400, server.admin("PUT", "/admin/credentials/x", server.owner, "{\"value\":\"  \"}"));
    }

    @Test
    void adminKeysAreCreatedListedAndRevoked() {
        JsonNode created = server.ok(201, "POST", "/admin/admin-keys", "{\"name\":\"ops\",\"role\":\"key-admin\"}");
        String secret = created.get("key").asText();
        assertTrue(secret.startsWith("gtw_ak_"));
        assertEquals("key-admin", created.get("role").asText());
        String id = created.get("id").asText();
        assertEquals(201, server.admin("POST", "/admin/keys", secret, "{\"name\":\"made by ops\",\"models\":[\"mock\"]}")
                .statusCode(), "the new admin key works at once");

        JsonNode listed = server.ok(200, "GET", "/admin/admin-keys", null);
        assertTrue(AdminApiTest.ids(listed).contains(id));
        listed.get("data").forEach(key -> assertFalse(key.has("key"), "listings carry no secret"));

        assertEquals("revoked", server.ok(200, "POST", "/admin/admin-keys/" + id + "/revoke", null).get("status")
                .asText());
        server.error(401, server.admin("GET", "/admin/keys", secret, null));
        assertEquals("role", server.error(400, server.admin("POST", "/admin/admin-keys", server.owner,
                "{\"name\":\"x\",\"role\":\"root\"}")).get("param").asText());
    }

    @Test
    void theLastOwnerKeyIsNotRevoked() {
        String ownerId = server.control.adminKeys().list().stream().filter(k -> k.role() == AdminRole.OWNER)
                .findFirst().orElseThrow().id();
        JsonNode error = server.error(400, server.admin("POST", "/admin/admin-keys/" + ownerId + "/revoke",
                server.owner, null));
        assertTrue(error.get("message").asText().contains("last active owner"), error.toString());
    }
}
