package dev.gatehouse.server.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.auth.Issued;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.auth.TeamDraft;
import dev.gatehouse.server.auth.VirtualKey;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.TestStores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET} and {@code DELETE /v1/responses/{id}} and {@code GET /v1/responses/{id}/input_items}
 * on the real server: the owner's keys read what their team stored, another team's key gets a 404
 * on each route, errors are OpenAI's.
 */
class StoredResponseRoutesTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Gatehouse gatehouse;
    private String teamA;
    private String keyA;
    private String otherKeyA;
    private String keyB;
    private String keyWithoutResponses;
    private Issued<VirtualKey> loneKey;

    @BeforeEach
    void start() {
        ControlPlane control = TestStores.h2ControlPlane();
        teamA = control.keys().createTeam(new TeamDraft("a", List.of("*"), Limits.NONE, Json.object()), Actor.CLI).id();
        String teamB = control.keys().createTeam(new TeamDraft("b", List.of("*"), Limits.NONE, Json.object()),
                Actor.CLI).id();
        keyA = key(control, teamA, Set.of()).secret();
        otherKeyA = key(control, teamA, Set.of()).secret();
        keyB = key(control, teamB, Set.of()).secret();
        keyWithoutResponses = key(control, teamA, Set.of(Endpoint.CHAT)).secret();
        loneKey = key(control, null, Set.of());
        gatehouse = Gatehouse.start(config(), control);
    }

    static GatehouseConfig config() {
        return new GatehouseConfig(new ServerSettings("127.0.0.1", 0, 1 << 20, 100, 16 * 1024, Duration.ofSeconds(2)),
                List.of(Deployment.builder("mock", "mock").build()), Set.of());
    }

    private static Issued<VirtualKey> key(ControlPlane control, String team, Set<Endpoint> endpoints) {
        return control.keys().createKey(new KeyDraft("k", team, List.of("*"), endpoints, List.of(), null, Limits.NONE,
                Json.object()), Actor.CLI);
    }

    @AfterEach
    void close() {
        gatehouse.close();
    }

    private StoredResponse store(String id, String owner) {
        return gatehouse.responses().orElseThrow()
                .save(ResponseStoreContract.response(id, owner, Instant.now()));
    }

    static HttpResponse<String> send(int port, String method, String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header("authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String key) throws Exception {
        return send(gatehouse.port(), method, path, key);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.parseUpstream(response.body(), "test");
    }

    static void assertNotFound(HttpResponse<String> response) {
        assertEquals(404, response.statusCode(), response.body());
        JsonNode error = Json.parseUpstream(response.body(), "test").path("error");
        assertEquals("not_found", error.path("code").asText(), response.body());
        assertTrue(error.path("message").asText().contains("not found"), response.body());
    }

    @Test
    void theTeamsKeysReadTheStoredResponse() throws Exception {
        store("resp_team", teamA);
        for (String key : List.of(keyA, otherKeyA)) {
            HttpResponse<String> got = send("GET", "/v1/responses/resp_team", key);
            assertEquals(200, got.statusCode(), got.body());
            assertEquals("resp_team", json(got).path("id").asText());
            assertEquals("response", json(got).path("object").asText());
            assertEquals("msg_out", json(got).path("output").get(0).path("id").asText());
        }
        HttpResponse<String> alias = send("GET", "/responses/resp_team", keyA);
        assertEquals(200, alias.statusCode(), "without /v1 as the other OpenAI routes: " + alias.body());
        HttpResponse<String> items = send("GET", "/v1/responses/resp_team/input_items?order=asc&limit=1", keyA);
        assertEquals(200, items.statusCode(), items.body());
        JsonNode page = json(items);
        assertEquals("list", page.path("object").asText());
        assertEquals("message", page.path("data").get(0).path("type").asText());
        assertTrue(page.path("first_id").asText().startsWith("msg_"), page.toString());
        assertEquals(page.path("first_id"), page.path("last_id"));
        assertTrue(page.path("has_more").asBoolean());
        JsonNode rest = json(send("GET", "/v1/responses/resp_team/input_items?order=asc&after="
                + page.path("last_id").asText(), keyA));
        assertEquals("fco_given", rest.path("data").get(0).path("id").asText(), rest.toString());
        assertEquals(false, rest.path("has_more").asBoolean());
    }

    @Test
    void anotherTeamsKeyGetsA404OnEveryRoute() throws Exception {
        store("resp_private", teamA);
        assertNotFound(send("GET", "/v1/responses/resp_private", keyB));
        assertNotFound(send("GET", "/v1/responses/resp_private/input_items", keyB));
        assertNotFound(send("DELETE", "/v1/responses/resp_private", keyB));
        assertNotFound(send("GET", "/v1/responses/resp_private", loneKey.secret()));
        assertEquals(200, send("GET", "/v1/responses/resp_private", keyA).statusCode(), "still there");
        String foreign = send("GET", "/v1/responses/resp_private", keyB).body();
        String unknown = send("GET", "/v1/responses/resp_nothing", keyB).body();
        assertEquals(Json.parseUpstream(unknown, "t").path("error").path("code"),
                Json.parseUpstream(foreign, "t").path("error").path("code"), "a foreign id looks like an unknown one");
    }

    @Test
    void aKeyWithoutATeamOwnsItsOwn() throws Exception {
        store("resp_lone", loneKey.key().id());
        assertEquals(200, send("GET", "/v1/responses/resp_lone", loneKey.secret()).statusCode());
        assertNotFound(send("GET", "/v1/responses/resp_lone", keyA));
    }

    @Test
    void deleteAnswersOpenAisDeletedObjectOnce() throws Exception {
        store("resp_gone", teamA);
        HttpResponse<String> deleted = send("DELETE", "/v1/responses/resp_gone", otherKeyA);
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals("resp_gone", json(deleted).path("id").asText());
        assertEquals("response.deleted", json(deleted).path("object").asText());
        assertTrue(json(deleted).path("deleted").asBoolean());
        assertNotFound(send("GET", "/v1/responses/resp_gone", keyA));
        assertNotFound(send("GET", "/v1/responses/resp_gone/input_items", keyA));
        assertNotFound(send("DELETE", "/v1/responses/resp_gone", keyA));
    }

    @Test
    void errorsAreOpenAis() throws Exception {
        store("resp_e", teamA);
        assertEquals(401, send("GET", "/v1/responses/resp_e", null).statusCode());
        assertEquals(401, send("DELETE", "/v1/responses/resp_e", "sk-gh-not-a-key").statusCode());
        HttpResponse<String> denied = send("GET", "/v1/responses/resp_e", keyWithoutResponses);
        assertEquals(403, denied.statusCode(), denied.body());
        assertEquals("endpoint_not_allowed", json(denied).path("error").path("code").asText());
        assertEquals(403, send("DELETE", "/v1/responses/resp_e", keyWithoutResponses).statusCode());
        assertEquals(200, send("GET", "/v1/responses/resp_e", keyA).statusCode(), "a refused delete deleted nothing");
        for (String query : List.of("limit=0", "limit=abc", "order=up", "after=msg_unknown", "include=x")) {
            HttpResponse<String> bad = send("GET", "/v1/responses/resp_e/input_items?" + query, keyA);
            assertEquals(400, bad.statusCode(), query + ": " + bad.body());
            assertEquals(query.substring(0, query.indexOf('=')), json(bad).path("error").path("param").asText());
        }
        HttpResponse<String> odd = send("GET", "/v1/responses/resp%00x", keyA);
        assertNotFound(odd);
        assertTrue(!odd.body().contains("resp\u0000"), "an impossible id is not repeated back");
        assertNotFound(send("GET", "/v1/responses/" + "r".repeat(300), keyA));
    }

    @Test
    void withoutAMasterKeyNothingIsKeptAndEveryIdIsA404ThatSaysWhy() throws Exception {
        StoreSettings h2 = TestStores.h2();
        ControlPlane control = ControlPlane.open(h2, Optional.empty(), Duration.ofMillis(50));
        String key = key(control, null, Set.of()).secret();
        try (Gatehouse bare = Gatehouse.start(config(), control)) {
            assertTrue(bare.responses().isEmpty());
            HttpResponse<String> response = send(bare.port(), "GET", "/v1/responses/resp_x", key);
            assertNotFound(response);
            assertTrue(response.body().contains("master key"), response.body());
        }
    }
}
