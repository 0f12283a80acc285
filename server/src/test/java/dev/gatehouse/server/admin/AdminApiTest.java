package dev.gatehouse.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Teams, keys and the audit log through the admin API: each route's success path and its refusals. */
class AdminApiTest {

    private static AdminServer server;

    @BeforeAll
    static void start() {
        server = new AdminServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String newTeam(String name, String models) {
        return server.ok(201, "POST", "/admin/teams", "{\"name\":\"" + name + "\",\"models\":" + models + "}")
                .get("id").asText();
    }

    @Test
    void teamsAreCreatedListedReadChangedAndDeleted() {
        JsonNode created = server.ok(201, "POST", "/admin/teams", "{\"name\":\"research\",\"models\":[\"mock\"],"
                + "\"max_budget\":25.5,\"budget_duration\":\"monthly\",\"rpm_limit\":60,\"metadata\":{\"cc\":\"42\"}}");
        String id = created.get("id").asText();
        assertTrue(id.startsWith("team_"), id);
        assertEquals("research", created.get("name").asText());
        assertEquals(List.of("mock"), strings(created.get("models")));
        assertEquals(25.5, created.get("max_budget").asDouble());
        assertEquals("monthly", created.get("budget_duration").asText());
        assertEquals(60, created.get("rpm_limit").asInt());
        assertEquals("42", created.at("/metadata/cc").asText());

        JsonNode listed = server.ok(200, "GET", "/admin/teams", null);
        assertEquals("list", listed.get("object").asText());
        assertTrue(ids(listed).contains(id));
        assertEquals("research", server.ok(200, "GET", "/admin/teams/" + id, null).get("name").asText());

        JsonNode changed = server.ok(200, "PATCH", "/admin/teams/" + id, "{\"models\":[\"mock\",\"mock-b\"]}");
        assertEquals(List.of("mock", "mock-b"), strings(changed.get("models")));
        assertEquals("research", changed.get("name").asText(), "a PATCH keeps what it does not name");
        assertEquals(60, changed.get("rpm_limit").asInt());

        JsonNode deleted = server.ok(200, "DELETE", "/admin/teams/" + id, null);
        assertTrue(deleted.get("deleted").asBoolean());
        server.error(404, server.admin("GET", "/admin/teams/" + id, server.owner, null));
    }

    @Test
    void keysAreCreatedWithTheirSecretOnceThenShownByIdOnly() {
        String team = newTeam("keys-team", "[\"mock\",\"mock-b\"]");
        JsonNode created = server.ok(201, "POST", "/admin/keys", "{\"name\":\"ci\",\"team_id\":\"" + team + "\","
                + "\"models\":[\"mock\"],\"endpoints\":[\"chat\",\"models\"],\"allowed_ips\":[\"127.0.0.0/8\"],"
                + "\"duration\":\"30d\",\"tpm_limit\":1000,\"max_parallel_requests\":4,\"metadata\":{\"app\":\"ci\"}}");
        String id = created.get("id").asText();
        String secret = created.get("key").asText();
        assertTrue(id.startsWith("key_") && secret.startsWith("gtw_vk_"), created.toString());
        assertEquals(List.of("chat", "models"), strings(created.get("endpoints")));
        assertEquals(List.of("127.0.0.0/8"), strings(created.get("allowed_ips")));
        assertEquals("active", created.get("status").asText());
        Instant expires = Instant.parse(created.get("expires").asText());
        assertTrue(expires.isAfter(Instant.now().plusSeconds(29L * 24 * 3600)), expires.toString());
        assertEquals(200, server.chat(secret, "mock"), "the new key works");
        assertEquals(403, server.chat(secret, "mock-b"), "the key is limited to its own models");

        JsonNode read = server.ok(200, "GET", "/admin/keys/" + id, null);
        assertFalse(read.has("key"), "the secret is shown once");
        assertEquals("ci", read.get("name").asText());
        assertEquals(List.of(id), ids(server.ok(200, "GET", "/admin/keys?team_id=" + team, null)));
        assertTrue(ids(server.ok(200, "GET", "/admin/keys", null)).contains(id));

        JsonNode changed = server.ok(200, "PATCH", "/admin/keys/" + id, "{\"models\":[\"mock-b\"],\"rpm_limit\":5}");
        assertEquals(List.of("mock-b"), strings(changed.get("models")));
        assertEquals(5, changed.get("rpm_limit").asInt());
        assertEquals(1000, changed.get("tpm_limit").asInt(), "a PATCH merges onto the key");
        assertEquals(List.of("127.0.0.0/8"), strings(changed.get("allowed_ips")));
        assertFalse(changed.has("key"));
        assertEquals(200, server.chat(secret, "mock-b"), "the change applies at once");
        assertEquals(403, server.chat(secret, "mock"));
    }

    @Test
    void anExplicitExpiryIsKept() {
        JsonNode created = server.ok(201, "POST", "/admin/keys", "{\"name\":\"dated\",\"models\":[\"*\"],"
                + "\"expires\":\"2099-01-31T00:00:00Z\"}");
        assertEquals("2099-01-31T00:00:00Z", created.get("expires").asText());
        assertEquals(200, server.chat(created.get("key").asText(), "mock"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown field | {\"name\":\"a\",\"models\":[\"*\"],\"colour\":\"red\"} | colour",
        "bad CIDR | {\"name\":\"a\",\"models\":[\"*\"],\"allowed_ips\":[\"10.0.0.0/33\"]} | allowed_ips",
        "host name as CIDR | {\"name\":\"a\",\"models\":[\"*\"],\"allowed_ips\":[\"example.com\"]} | allowed_ips",
        "past expiry | {\"name\":\"a\",\"models\":[\"*\"],\"expires\":\"2001-01-01T00:00:00Z\"} | expires",
        "bad expiry | {\"name\":\"a\",\"models\":[\"*\"],\"expires\":\"tomorrow\"} | expires",
        "bad duration | {\"name\":\"a\",\"models\":[\"*\"],\"duration\":\"30 years\"} | duration",
        "both expiry kinds | {\"name\":\"a\",\"models\":[\"*\"],\"duration\":\"1d\",\"expires\":\"2099-01-01T00:00:00Z\"} | duration",
        "unknown endpoint | {\"name\":\"a\",\"models\":[\"*\"],\"endpoints\":[\"chat\",\"video\"]} | endpoints",
        "no models | {\"name\":\"a\"} | models",
        "models not a list | {\"name\":\"a\",\"models\":\"mock\"} | models",
        "no name | {\"models\":[\"*\"]} | name",
        "negative budget | {\"name\":\"a\",\"models\":[\"*\"],\"max_budget\":-1} | max_budget",
        "bad budget period | {\"name\":\"a\",\"models\":[\"*\"],\"budget_duration\":\"hourly\"} | budget_duration",
        "bad time zone | {\"name\":\"a\",\"models\":[\"*\"],\"budget_timezone\":\"Mars/Olympus\"} | budget_timezone",
        "fractional rpm | {\"name\":\"a\",\"models\":[\"*\"],\"rpm_limit\":1.5} | rpm_limit",
        "metadata not an object | {\"name\":\"a\",\"models\":[\"*\"],\"metadata\":[1]} | metadata",
        "unknown team | {\"name\":\"a\",\"team_id\":\"team_nope\",\"models\":[\"*\"]} | team_id",
    })
    void badKeysAreRefusedNamingTheField(String what, String body, String field) {
        JsonNode error = server.error(400, server.admin("POST", "/admin/keys", server.owner, body));
        assertEquals(field, error.get("param").asText(), what + ": " + error);
        assertTrue(error.get("message").asText().contains(field), what + ": " + error);
        assertEquals("invalid_request_error", error.get("type").asText());
    }

    @Test
    void valuesTooLargeToStoreAreRefusedNamingTheField() {
        String big = "x".repeat(70_000);
        assertEquals("metadata", server.error(400, server.admin("POST", "/admin/keys", server.owner,
                "{\"name\":\"a\",\"models\":[\"*\"],\"metadata\":{\"blob\":\"" + big + "\"}}")).get("param").asText());
        StringBuilder models = new StringBuilder("[");
        for (int i = 0; i < 200; i++) {
            models.append(i == 0 ? "" : ",").append("\"model-with-a-rather-long-name-number-").append(i).append(
                    "-abcdefghijklmnopqrstuvwxyz-abcdefghijklmnopqrstuvwxyz\"");
        }
        models.append("]");
        assertEquals("models", server.error(400, server.admin("POST", "/admin/teams", server.owner,
                "{\"name\":\"big\",\"models\":" + models + "}")).get("param").asText());
    }

    @Test
    void aKeyCanNotReachBeyondItsTeamsModels() {
        String team = newTeam("narrow", "[\"mock\"]");
        JsonNode error = server.error(400, server.admin("POST", "/admin/keys", server.owner,
                "{\"name\":\"wide\",\"team_id\":\"" + team + "\",\"models\":[\"mock\",\"mock-b\"]}"));
        assertEquals("models", error.get("param").asText());
        assertTrue(error.get("message").asText().contains("mock-b"), error.toString());
    }

    @Test
    void malformedAndNonObjectBodiesAreRefused() {
        JsonNode error = server.error(400, server.admin("POST", "/admin/keys", server.owner, "{\"name\": "));
        assertTrue(error.get("message").asText().contains("could not parse"), error.toString());
        server.error(400, server.admin("POST", "/admin/teams", server.owner, "[1,2]"));
        server.error(400, server.admin("POST", "/admin/teams", server.owner, ""));
        server.error(415, server.admin("POST", "/admin/teams", server.owner, null));
        JsonNode unknown = server.error(400, server.admin("POST", "/admin/teams", server.owner,
                "{\"name\":\"t\",\"models\":[\"*\"],\"owner\":\"me\",\"budget\":3}"));
        assertEquals("owner", unknown.get("param").asText());
        assertTrue(unknown.get("message").asText().contains("owner, budget"), unknown.toString());
    }

    @Test
    void unknownIdsAndPathsAnswer404AndWrongMethods405() {
        server.error(404, server.admin("GET", "/admin/keys/key_000", server.owner, null));
        server.error(404, server.admin("PATCH", "/admin/keys/key_000", server.owner, "{\"rpm_limit\":1}"));
        server.error(404, server.admin("POST", "/admin/keys/key_000/revoke", server.owner, null));
        server.error(404, server.admin("GET", "/admin/keys?team_id=team_000", server.owner, null));
        server.error(404, server.admin("GET", "/admin/nothing-here", server.owner, null));
        assertEquals("method_not_allowed", server.error(405, server.admin("DELETE", "/admin/keys/key_000",
                server.owner, null)).get("code").asText());
    }

    @Test
    void aTeamWithKeysIsNotDeleted() {
        String team = newTeam("busy", "[\"mock\"]");
        server.ok(201, "POST", "/admin/keys", "{\"name\":\"k\",\"team_id\":\"" + team + "\",\"models\":[\"mock\"]}");
        JsonNode error = server.error(400, server.admin("DELETE", "/admin/teams/" + team, server.owner, null));
        assertTrue(error.get("message").asText().contains("active keys"), error.toString());
    }

    @Test
    void everyAdminActionIsInTheAuditLogWithTheAdminAndItsAddress() {
        long before = lastSeq();
        String team = newTeam("audited", "[\"mock\"]");
        String key = server.ok(201, "POST", "/admin/keys", "{\"name\":\"a\",\"team_id\":\"" + team + "\"}")
                .get("id").asText();
        server.ok(200, "PATCH", "/admin/teams/" + team, "{\"models\":[\"mock\",\"mock-b\"]}");
        server.ok(200, "PATCH", "/admin/keys/" + key, "{\"rpm_limit\":3}");
        server.ok(200, "POST", "/admin/keys/" + key + "/rotate", "{\"grace_seconds\":0}");
        server.ok(200, "POST", "/admin/keys/" + key + "/revoke", null);
        server.ok(201, "POST", "/admin/admin-keys", "{\"name\":\"second owner\",\"role\":\"owner\"}");
        String admin = server.ok(201, "POST", "/admin/admin-keys", "{\"name\":\"short-lived\",\"role\":\"auditor\"}")
                .get("id").asText();
        server.ok(200, "POST", "/admin/admin-keys/" + admin + "/revoke", null);
        server.ok(200, "PUT", "/admin/credentials/audited-cred", "{\"value\":\"sk-audited-Vq81\"}");
        server.ok(200, "PUT", "/admin/credentials/audited-cred", "{\"value\":\"sk-audited-Rt55\"}");
        server.ok(200, "DELETE", "/admin/credentials/audited-cred", null);
        String empty = newTeam("short-lived", "[\"mock\"]");
        server.ok(200, "DELETE", "/admin/teams/" + empty, null);

        JsonNode page = server.ok(200, "GET", "/admin/audit?after=" + before + "&limit=50", null);
        List<String> actions = new ArrayList<>();
        for (JsonNode entry : page.get("data")) {
            actions.add(entry.get("action").asText());
            assertTrue(entry.get("actor").asText().startsWith("admin:admin_"), entry.toString());
            assertEquals("127.0.0.1", entry.get("source").asText(), entry.toString());
            assertEquals(64, entry.get("hash").asText().length());
        }
        assertEquals(List.of("team.created", "key.created", "team.updated", "key.updated", "key.rotated",
                "key.revoked", "admin_key.created", "admin_key.created", "admin_key.revoked", "credential.stored",
                "credential.rotated", "credential.deleted", "team.created", "team.deleted"), actions);
        assertEquals(page.get("data").get(page.get("data").size() - 1).get("seq").asLong(),
                page.get("next_after").asLong());
        assertFalse(page.toString().contains("sk-audited-Vq81") || page.toString().contains("sk-audited-Rt55"));

        JsonNode verified = server.ok(200, "GET", "/admin/audit/verify", null);
        assertTrue(verified.get("intact").asBoolean(), verified.toString());
        assertTrue(verified.get("entries").asLong() > before);
    }

    @Test
    void auditPagingIsChecked() {
        assertEquals("limit", server.error(400, server.admin("GET", "/admin/audit?limit=0", server.owner, null))
                .get("param").asText());
        assertEquals("after", server.error(400, server.admin("GET", "/admin/audit?after=x", server.owner, null))
                .get("param").asText());
        assertEquals(1, server.ok(200, "GET", "/admin/audit?limit=1", null).get("data").size());
    }

    private static long lastSeq() {
        long seq = 0;
        JsonNode page;
        do {
            page = server.ok(200, "GET", "/admin/audit?after=" + seq + "&limit=1000", null);
            seq = page.get("next_after").asLong();
        } while (page.get("data").size() == 1000);
        return seq;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }

    static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.get("data").forEach(item -> out.add(item.get("id").asText()));
        return out;
    }
}
