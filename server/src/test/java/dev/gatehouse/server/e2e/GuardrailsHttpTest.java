package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.guardrail.pii.PiiKind;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.audit.AuditEntry;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.guardrail.GuardrailPolicies;
import dev.gatehouse.server.guardrail.GuardrailSettings;
import dev.gatehouse.server.guardrail.GuardrailSettings.Action;
import dev.gatehouse.server.testing.Await;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import dev.gatehouse.testkit.openai.FakeResponses;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The guardrails on the real server: a prompt with a secret is refused in the route's own error
 * format before anything reaches the provider or counts against a limit; a masking policy sends
 * the provider the masked prompt and gives the caller the answer with its placeholders put back
 * and the model's secrets masked; every block and mask is an audit event and a metric, none of
 * which holds the text found.
 */
class GuardrailsHttpTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Key-shaped text made up at run time from a seeded source: never a real key, never in the source. */
    private static final String OPENAI_KEY = "sk-proj-" + random(48, 1);
    private static final String GITHUB_TOKEN = "ghp_" + random(36, 2);

    private final FakeOpenAi openai = new FakeOpenAi();
    private TestStores.Started gatehouse;

    @AfterEach
    void close() {
        if (gatehouse != null) {
            gatehouse.close();
        }
        openai.close();
    }

    private static String random(int length, long seed) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private void start(GuardrailSettings guardrails) {
        start(GuardrailPolicies.of(guardrails));
    }

    private void start(GuardrailPolicies guardrails) {
        gatehouse = TestStores.start(new GatehouseConfig(
                new ServerSettings("127.0.0.1", 0, 1 << 20, 100, 16 * 1024, Duration.ofSeconds(2)),
                List.of(Deployment.builder("gpt", "openai").upstreamModel("gpt-4o").baseUrl(openai.baseUrl())
                                .apiKey(Secret.of(openai.apiKey())).timeout(Duration.ofSeconds(5)).build(),
                        Deployment.builder("gpt-internal", "openai").upstreamModel("gpt-4o").baseUrl(openai.baseUrl())
                                .apiKey(Secret.of(openai.apiKey())).timeout(Duration.ofSeconds(5)).build()),
                Set.of("127.0.0.1")).withGuardrails(guardrails));
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port() + path))
                .header("content-type", "application/json").header("authorization", "Bearer " + gatehouse.apiKey())
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String chat(String content) {
        return Json.object().put("model", "gpt").set("messages", Json.array()
                .add(Json.object().put("role", "system").put("content", "You are terse."))
                .add(Json.object().put("role", "user").put("content", content))).toString();
    }

    private List<AuditEntry> audit(String action) {
        return gatehouse.gatehouse().control().audit().list(0, 1000).stream()
                .filter(e -> e.action().equals(action)).toList();
    }

    @Test
    void byDefaultAPromptWithASecretIsRefusedNamingItsKindAndPlaceNeverItsText() throws Exception {
        start(GuardrailSettings.DEFAULTS);
        HttpResponse<String> response = post("/v1/chat/completions", chat("deploy with OPENAI=" + OPENAI_KEY + " ok"));
        assertEquals(400, response.statusCode(), response.body());
        JsonNode error = Json.parseUpstream(response.body(), "test").path("error");
        assertEquals("secret_detected", error.path("code").asText());
        assertEquals("invalid_request_error", error.path("type").asText());
        assertTrue(error.path("message").asText().contains("openai_api_key at messages[1].content"),
                error.toString());
        assertFalse(response.body().contains(OPENAI_KEY), "the error never shows the secret");
        assertTrue(openai.requests().isEmpty(), "nothing reached the provider");

        Await.until(() -> !audit("guardrail.blocked").isEmpty(), "the block is audited");
        AuditEntry entry = audit("guardrail.blocked").get(0);
        assertTrue(entry.details().contains("openai_api_key") && entry.details().contains("messages[1].content"),
                entry.details());
        assertFalse(entry.details().contains(OPENAI_KEY));
        String metrics = gatehouse.gatehouse().metrics().scrape();
        assertTrue(metrics.contains(
                "gatehouse_guardrail_findings_total{kind=\"openai_api_key\",action=\"block\",stage=\"input\"} 1"),
                metrics);
    }

    @Test
    void theMessagesRouteRefusesInAnthropicsFormat() throws Exception {
        start(GuardrailSettings.DEFAULTS);
        HttpResponse<String> response = post("/v1/messages", Json.object().put("model", "gpt").put("max_tokens", 10)
                .set("messages", Json.array().add(Json.object().put("role", "user")
                        .put("content", "token " + GITHUB_TOKEN))).toString());
        assertEquals(400, response.statusCode(), response.body());
        JsonNode body = Json.parseUpstream(response.body(), "test");
        assertEquals("error", body.path("type").asText());
        assertEquals("invalid_request_error", body.path("error").path("type").asText());
        assertTrue(body.path("error").path("message").asText().contains("github_token at messages[0].content"),
                response.body());
        assertTrue(openai.requests().isEmpty());
    }

    @Test
    void aCleanPromptPassesUnchanged() throws Exception {
        start(GuardrailSettings.DEFAULTS);
        openai.replyText("Hello.", new FakeUsage(5, 2));
        HttpResponse<String> response = post("/v1/chat/completions", chat("What is a UUID like 9f1c2d3e-0000?"));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("What is a UUID like 9f1c2d3e-0000?",
                openai.lastRequest().json().path("messages").get(1).path("content").asText());
        assertTrue(audit("guardrail.blocked").isEmpty() && audit("guardrail.masked").isEmpty());
    }

    @Test
    void maskingSendsTheMaskedPromptAndPutsThePlaceholdersBackInTheAnswer() throws Exception {
        start(new GuardrailSettings(new GuardrailSettings.Secrets(Action.MASK, Set.of()),
                new GuardrailSettings.PersonalData(Action.REVERSIBLE, Set.of(PiiKind.EMAIL)),
                new GuardrailSettings.Deny(List.of(), Map.of(), Action.BLOCK), 0));
        openai.replyText("I wrote to [EMAIL_1]; your token is " + GITHUB_TOKEN, new FakeUsage(20, 10));
        HttpResponse<String> response = post("/v1/chat/completions",
                chat("Mail ada@example.org the key " + OPENAI_KEY + " please"));
        assertEquals(200, response.statusCode(), response.body());

        String sent = openai.lastRequest().json().path("messages").get(1).path("content").asText();
        assertEquals("Mail [EMAIL_1] the key [REDACTED:openai_api_key] please", sent);
        assertFalse(openai.lastRequest().bodyText().contains("ada@example.org"));

        String answer = Json.parseUpstream(response.body(), "test").path("choices").get(0).path("message")
                .path("content").asText();
        assertEquals("I wrote to ada@example.org; your token is [REDACTED:github_token]", answer);

        Await.until(() -> audit("guardrail.masked").size() == 2, "input and output masks are audited");
        String details = audit("guardrail.masked").toString();
        assertFalse(details.contains("ada@example.org") || details.contains(OPENAI_KEY) || details.contains(GITHUB_TOKEN));
        String metrics = gatehouse.gatehouse().metrics().scrape();
        assertTrue(metrics.contains("kind=\"email\",action=\"reversible\",stage=\"input\"} 1"), metrics);
        assertTrue(metrics.contains("kind=\"github_token\",action=\"mask\",stage=\"output\"} 1"), metrics);
    }

    @Test
    void logOnlyCountsAndLetsThePromptThrough() throws Exception {
        start(new GuardrailSettings(new GuardrailSettings.Secrets(Action.LOG, Set.of()),
                new GuardrailSettings.PersonalData(Action.OFF, Set.of()),
                new GuardrailSettings.Deny(List.of(), Map.of(), Action.BLOCK), 0));
        openai.replyText("Noted.", new FakeUsage(5, 2));
        HttpResponse<String> response = post("/v1/chat/completions", chat("key " + OPENAI_KEY));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(openai.lastRequest().bodyText().contains(OPENAI_KEY));
        assertTrue(gatehouse.gatehouse().metrics().scrape()
                .contains("kind=\"openai_api_key\",action=\"log\",stage=\"input\"} 1"));
    }

    @Test
    void denyListsAndPromptSizeRefuseWithTheirOwnCodes() throws Exception {
        start(new GuardrailSettings(new GuardrailSettings.Secrets(Action.BLOCK, Set.of()),
                new GuardrailSettings.PersonalData(Action.OFF, Set.of()),
                new GuardrailSettings.Deny(List.of("project falcon"), Map.of("ticket", "INC-[0-9]{6}"), Action.BLOCK),
                200));
        HttpResponse<String> denied = post("/v1/chat/completions", chat("Status of Project  Falcon?"));
        assertEquals(400, denied.statusCode());
        assertEquals("denied_content", Json.parseUpstream(denied.body(), "t").path("error").path("code").asText());
        HttpResponse<String> pattern = post("/v1/embeddings",
                "{\"model\":\"gpt\",\"input\":[\"fine\",\"see INC-123456\"]}");
        assertEquals(400, pattern.statusCode(), pattern.body());
        assertTrue(pattern.body().contains("denied_pattern:ticket at input[1]"), pattern.body());
        HttpResponse<String> large = post("/v1/chat/completions", chat("x".repeat(300)));
        assertEquals(400, large.statusCode());
        JsonNode error = Json.parseUpstream(large.body(), "t").path("error");
        assertEquals("prompt_too_large", error.path("code").asText());
        assertTrue(error.path("message").asText().contains("at most 200"), error.toString());
        assertTrue(openai.requests().isEmpty());
    }

    @Test
    void aModelWithItsOwnPolicyIsCheckedWithIt() throws Exception {
        start(new GuardrailPolicies(GuardrailSettings.DEFAULTS, Map.of("gpt-internal", new GuardrailSettings(
                new GuardrailSettings.Secrets(Action.LOG, Set.of()), new GuardrailSettings.PersonalData(Action.OFF,
                        Set.of()), new GuardrailSettings.Deny(List.of(), Map.of(), Action.BLOCK), 0))));
        openai.replyText("Noted.", new FakeUsage(5, 2));
        String prompt = chat("key " + OPENAI_KEY);
        assertEquals(200, post("/v1/chat/completions", prompt.replace("\"gpt\"", "\"gpt-internal\"")).statusCode());
        assertEquals(400, post("/v1/chat/completions", prompt).statusCode(), "other models keep the default");
        assertEquals(1, openai.requests().size());
    }

    @Test
    void theResponsesRouteRefusesAndTheMessagesRouteSendsTheMaskedRequest() throws Exception {
        start(new GuardrailSettings(new GuardrailSettings.Secrets(Action.BLOCK, Set.of()),
                new GuardrailSettings.PersonalData(Action.MASK, Set.of()),
                new GuardrailSettings.Deny(List.of(), Map.of(), Action.BLOCK), 0));
        HttpResponse<String> refused = post("/v1/responses", Json.object().put("model", "gpt")
                .put("input", "use " + GITHUB_TOKEN).toString());
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("secret_detected", Json.parseUpstream(refused.body(), "t").path("error").path("code").asText());
        assertTrue(refused.body().contains("github_token at input"), refused.body());
        assertTrue(openai.requests().isEmpty());

        openai.replyText("Done.", new FakeUsage(5, 2));
        HttpResponse<String> masked = post("/v1/messages", Json.object().put("model", "gpt").put("max_tokens", 10)
                .set("messages", Json.array().add(Json.object().put("role", "user")
                        .put("content", "call +44 20 7946 0958 today"))).toString());
        assertEquals(200, masked.statusCode(), masked.body());
        String sent = openai.lastRequest().bodyText();
        assertTrue(sent.contains("call [REDACTED:phone] today"), sent);
        assertFalse(sent.contains("7946"), sent);
    }

    @Test
    void aStoredResponseKeepsTheMaskedAnswerAndThePlaceholders() throws Exception {
        start(new GuardrailSettings(new GuardrailSettings.Secrets(Action.MASK, Set.of()),
                new GuardrailSettings.PersonalData(Action.REVERSIBLE, Set.of(PiiKind.EMAIL)),
                new GuardrailSettings.Deny(List.of(), Map.of(), Action.BLOCK), 0));
        openai.responses().reply(new FakeResponses.Usage(20, 10, 0),
                new FakeResponses.Text("Wrote to [EMAIL_1]; your token is " + GITHUB_TOKEN));
        HttpResponse<String> answered = post("/v1/responses", Json.object().put("model", "gpt")
                .put("input", "Mail ada@example.org please").toString());
        assertEquals(200, answered.statusCode(), answered.body());
        JsonNode response = Json.parseUpstream(answered.body(), "test");
        assertTrue(answered.body().contains("Wrote to ada@example.org; your token is [REDACTED:github_token]"),
                answered.body());

        HttpResponse<String> kept = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port()
                        + "/v1/responses/" + response.path("id").asText()))
                .header("authorization", "Bearer " + gatehouse.apiKey()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, kept.statusCode(), kept.body());
        assertFalse(kept.body().contains(GITHUB_TOKEN), "the secret the model wrote is not stored");
        assertFalse(kept.body().contains("ada@example.org"), "the personal data masked on the way in is not stored");
        assertTrue(kept.body().contains("Wrote to [EMAIL_1]; your token is [REDACTED:github_token]"), kept.body());
    }
}
