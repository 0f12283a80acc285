package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.ModelInfo;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Codex's reasoning settings on {@code POST /v1/responses} for a translated model
 * (docs/agents.md, "The Responses API"): on a model whose deployments say it does not reason,
 * {@code reasoning.effort} and {@code reasoning.summary} are not sent and are named in
 * {@code x-gatehouse-dropped}, and the answer comes through; on a model nothing is known of, the
 * effort is sent as before (https://platform.openai.com/docs/api-reference/responses/create).
 */
class ResponsesReasoningDroppedTest {

    private static final FakeOpenAi OPENAI = new FakeOpenAi();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The shape Codex sends: instructions, an input message, reasoning with a summary, store off. */
    private static final String CODEX = """
            {"model":"%s","instructions":"You are Codex.","stream":%s,"store":false,
             "input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"Say hello"}]}],
             "reasoning":{"effort":"high","summary":"auto"},"include":["reasoning.encrypted_content"]}""";

    private static Gatehouse gatehouse;
    private static String apiKey;

    @BeforeAll
    static void start() {
        ServerSettings base = ServerSettings.defaults();
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, base.maxBodyBytes(), base.maxMessages(),
                base.maxHeaderBytes(), Duration.ofSeconds(2)).withUpstream(base.upstream());
        TestStores.Started started = TestStores.start(new GatehouseConfig(settings, List.of(
                chat("plain", new ModelInfo(null, null, true, null, false, null)),
                chat("unknown", ModelInfo.UNKNOWN)),
                Set.of("127.0.0.1")).withRouting(TestStores.ONE_ATTEMPT));
        gatehouse = started.gatehouse();
        apiKey = started.apiKey();
    }

    /** A chat upstream served through the translation (native_responses off). */
    private static Deployment chat(String model, ModelInfo info) {
        return Deployment.builder(model, "openai").upstreamModel("gpt-4o").baseUrl(OPENAI.baseUrl())
                .apiKey(Secret.of(OPENAI.apiKey())).options(Map.of("native_responses", "false"))
                .timeout(Duration.ofSeconds(5)).modelInfo(info).build();
    }

    @AfterAll
    static void stop() {
        gatehouse.close();
        OPENAI.close();
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port() + "/v1/responses"))
                .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                .header("authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> dropped(HttpResponse<String> response) {
        return Arrays.asList(response.headers().firstValue("x-gatehouse-dropped").orElse("").split(", "));
    }

    @Test
    void aModelThatDoesNotReasonGetsNoEffortAndTheCallerIsTold() throws Exception {
        OPENAI.replyText("Hello.", new FakeUsage(20, 2));
        HttpResponse<String> response = post(CODEX.formatted("plain", false));
        assertEquals(200, response.statusCode(), response.body());
        OPENAI.assertNoViolations();
        JsonNode sent = OPENAI.requests().getLast().json();
        assertFalse(sent.has("reasoning_effort"), sent.toString());
        assertEquals(List.of("reasoning.effort", "reasoning.summary"), dropped(response));
        JsonNode answer = Json.parseUpstream(response.body(), "test");
        assertTrue(answer.at("/reasoning/effort").isNull(), "what was not applied is not echoed: " + answer);
        assertTrue(answer.at("/reasoning/summary").isNull(), answer.toString());
        assertEquals("Hello.", answer.at("/output/0/content/0/text").asText(), answer.toString());
    }

    @Test
    void aStreamOnAModelThatDoesNotReasonIsToldToo() throws Exception {
        OPENAI.streamText(List.of("Hel", "lo."), new FakeUsage(20, 2));
        HttpResponse<String> response = post(CODEX.formatted("plain", true));
        assertEquals(200, response.statusCode(), response.body());
        OPENAI.assertNoViolations();
        assertFalse(OPENAI.requests().getLast().json().has("reasoning_effort"),
                OPENAI.requests().getLast().bodyText());
        assertEquals(List.of("reasoning.effort", "reasoning.summary"), dropped(response));
        assertTrue(response.body().contains("response.completed"), response.body());
    }

    @Test
    void aModelNotKnownToReasonOrNotGetsTheEffort() throws Exception {
        OPENAI.replyText("Hello.", new FakeUsage(20, 2));
        HttpResponse<String> response = post(CODEX.formatted("unknown", false));
        assertEquals(200, response.statusCode(), response.body());
        OPENAI.assertNoViolations();
        assertEquals("high", OPENAI.requests().getLast().json().path("reasoning_effort").asText());
        assertFalse(dropped(response).contains("reasoning.effort"), dropped(response).toString());
        assertEquals("high", Json.parseUpstream(response.body(), "test").at("/reasoning/effort").asText());
    }
}
