package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.guardrail.GuardrailPolicies;
import dev.gatehouse.server.guardrail.GuardrailSettings;
import dev.gatehouse.server.guardrail.GuardrailSettings.Action;
import dev.gatehouse.server.testing.Await;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guardrail policies named by keys and teams through the admin API (docs/guardrails.md, "Policies
 * and configuration"): the key's policy, else its team's, else the model's, else the gateway's;
 * an unknown name is refused when it is set; and the spend row says what the guardrails did.
 */
class GuardrailPolicyHttpTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PROMPT = "Please mail ada@example.org the agenda.";

    private final FakeOpenAi openai = new FakeOpenAi();
    private ControlPlane control;
    private Gatehouse gatehouse;
    private String admin;

    @BeforeEach
    void start() {
        GuardrailSettings gateway = GuardrailSettings.DEFAULTS;
        GuardrailSettings strict = new GuardrailSettings(gateway.secrets(),
                new GuardrailSettings.PersonalData(Action.BLOCK, Set.of()), gateway.deny(), 0);
        GuardrailSettings masking = new GuardrailSettings(gateway.secrets(),
                new GuardrailSettings.PersonalData(Action.MASK, Set.of()), gateway.deny(), 0);
        control = TestStores.h2ControlPlane();
        admin = control.adminKeys().create("owner", AdminRole.OWNER, Actor.CLI).secret();
        gatehouse = Gatehouse.start(new GatehouseConfig(
                new ServerSettings("127.0.0.1", 0, 1 << 20, 100, 16 * 1024, Duration.ofSeconds(2)),
                List.of(Deployment.builder("gpt", "openai").upstreamModel("gpt-4o").baseUrl(openai.baseUrl())
                        .apiKey(Secret.of(openai.apiKey())).timeout(Duration.ofSeconds(5)).build()),
                Set.of("127.0.0.1")).withGuardrails(new GuardrailPolicies(gateway, Map.of(),
                        Map.of("strict", strict, "masking", masking))), control);
    }

    @AfterEach
    void close() {
        gatehouse.close();
        openai.close();
    }

    private HttpResponse<String> send(String method, String path, String bearer, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port() + path))
                .header("content-type", "application/json").header("authorization", "Bearer " + bearer)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode admin(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> response = send(method, path, admin, body);
        assertEquals(status, response.statusCode(), method + " " + path + ": " + response.body());
        return Json.parseUpstream(response.body(), "test");
    }

    private HttpResponse<String> chat(String key) throws Exception {
        openai.replyText("Done.", new FakeUsage(5, 2));
        return send("POST", "/v1/chat/completions", key, Json.object().put("model", "gpt").set("messages",
                Json.array().add(Json.object().put("role", "user").put("content", PROMPT))).toString());
    }

    private String flag(HttpResponse<String> response) {
        String requestId = response.headers().firstValue("x-request-id").orElseThrow();
        Await.until(() -> !rows(requestId).isEmpty(), "the spend row is written");
        return rows(requestId).get(0);
    }

    private List<String> rows(String requestId) {
        return control.database().query("SELECT guardrail FROM spend_log WHERE request_id = ?",
                r -> r.getString("guardrail") == null ? "" : r.getString("guardrail"), requestId);
    }

    @Test
    void aKeyWithAStrictPolicyIsBlockedWhereAKeyWithoutOnePasses() throws Exception {
        JsonNode plain = admin("POST", "/admin/keys", "{\"name\":\"plain\",\"models\":[\"*\"]}", 201);
        assertTrue(plain.get("guardrail_policy").isNull(), plain.toString());
        JsonNode strict = admin("POST", "/admin/keys",
                "{\"name\":\"strict\",\"models\":[\"*\"],\"guardrail_policy\":\"strict\"}", 201);
        assertEquals("strict", strict.path("guardrail_policy").asText());

        HttpResponse<String> passed = chat(plain.path("key").asText());
        assertEquals(200, passed.statusCode(), passed.body());
        assertEquals("", flag(passed));

        HttpResponse<String> blocked = chat(strict.path("key").asText());
        assertEquals(400, blocked.statusCode(), blocked.body());
        assertEquals("personal_data_detected",
                Json.parseUpstream(blocked.body(), "test").path("error").path("code").asText());
        assertEquals("blocked", flag(blocked));
        assertEquals(1, openai.requests().size(), "only the plain key's request reached the provider");
    }

    @Test
    void aTeamsPolicyAppliesToItsKeysUnlessTheKeyNamesItsOwn() throws Exception {
        JsonNode team = admin("POST", "/admin/teams",
                "{\"name\":\"support\",\"models\":[\"*\"],\"guardrail_policy\":\"strict\"}", 201);
        assertEquals("strict", team.path("guardrail_policy").asText());
        String teamId = team.path("id").asText();
        JsonNode member = admin("POST", "/admin/keys", "{\"name\":\"member\",\"team_id\":\"" + teamId + "\"}", 201);
        JsonNode own = admin("POST", "/admin/keys", "{\"name\":\"own\",\"team_id\":\"" + teamId
                + "\",\"guardrail_policy\":\"masking\"}", 201);

        HttpResponse<String> blocked = chat(member.path("key").asText());
        assertEquals(400, blocked.statusCode(), blocked.body());
        assertEquals("blocked", flag(blocked));

        HttpResponse<String> masked = chat(own.path("key").asText());
        assertEquals(200, masked.statusCode(), masked.body());
        assertEquals("Please mail [REDACTED:email] the agenda.",
                openai.lastRequest().json().path("messages").get(0).path("content").asText());
        assertEquals("masked", flag(masked));
    }

    @Test
    void anUnknownPolicyIsRefusedNamingItAndNothingIsCreated() throws Exception {
        JsonNode error = admin("POST", "/admin/keys",
                "{\"name\":\"typo\",\"models\":[\"*\"],\"guardrail_policy\":\"strcit\"}", 400).path("error");
        assertTrue(error.path("message").asText().contains("'strcit'")
                && error.path("message").asText().contains("masking, strict"), error.toString());
        assertEquals("guardrail_policy", error.path("param").asText());
        assertEquals(0, admin("GET", "/admin/keys", "", 200).path("data").size());
        admin("POST", "/admin/teams", "{\"name\":\"t\",\"metadata\":{\"guardrail_policy\":\"lax\"}}", 400);
        admin("POST", "/admin/teams", "{\"name\":\"t\",\"guardrail_policy\":7}", 400);
        assertEquals(0, admin("GET", "/admin/teams", "", 200).path("data").size());
        // LiteLLM's key routes keep metadata as it is; a policy named in it is checked the same way.
        admin("POST", "/key/generate", "{\"models\":[\"*\"],\"metadata\":{\"guardrail_policy\":\"lax\"}}", 400);
        assertEquals(0, admin("GET", "/admin/keys", "", 200).path("data").size());
        JsonNode litellm = admin("POST", "/key/generate",
                "{\"models\":[\"*\"],\"metadata\":{\"guardrail_policy\":\"strict\"}}", 200);
        HttpResponse<String> blocked = chat(litellm.path("key").asText());
        assertEquals(400, blocked.statusCode(), blocked.body());
    }

    @Test
    void thePolicyIsReadBackKeptWhenMetadataIsReplacedAndRemovedWithNull() throws Exception {
        JsonNode key = admin("POST", "/admin/keys",
                "{\"name\":\"k\",\"models\":[\"*\"],\"guardrail_policy\":\"strict\"}", 201);
        String path = "/admin/keys/" + key.path("id").asText();
        assertEquals("strict", admin("GET", path, "", 200).path("guardrail_policy").asText());
        JsonNode replaced = admin("PATCH", path, "{\"metadata\":{\"owner\":\"ops\"}}", 200);
        assertEquals("strict", replaced.path("guardrail_policy").asText());
        assertEquals("ops", replaced.path("metadata").path("owner").asText());
        JsonNode removed = admin("PATCH", path, "{\"guardrail_policy\":null}", 200);
        assertTrue(removed.get("guardrail_policy").isNull(), removed.toString());
        assertEquals("ops", removed.path("metadata").path("owner").asText());
    }
}
