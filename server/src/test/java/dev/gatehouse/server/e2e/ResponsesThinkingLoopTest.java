package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.ScriptableFake.FakeToolCall;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.anthropic.FakeAnthropic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Codex-style tool loop through {@code POST /v1/responses} on Claude behind the Anthropic
 * adapter, with reasoning on: turn 1 answers with signed thinking, a redacted block and a tool
 * call; turn 2 brings the reasoning item back (its {@code encrypted_content}, as Codex sends it
 * with {@code store: false}, or through {@code previous_response_id}), and the fake, which checks
 * the signatures it issued as Anthropic does, gets the thinking blocks back before the tool call,
 * with thinking still on.
 */
class ResponsesThinkingLoopTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> THINKING = List.of("The user wants weather. ", "Call the tool.");
    private static final String TOOLS = "'tools':[{'type':'function','name':'get_weather','strict':false,"
            + "'parameters':{'type':'object','properties':{'city':{'type':'string'}}}}]";

    private final FakeAnthropic anthropic = new FakeAnthropic();
    private TestStores.Started gateway;

    @BeforeEach
    void start() {
        // Claude Sonnet 4.5 thinks with a budget: reasoning.effort low is thinking enabled, 1024 tokens.
        Deployment claude = Deployment.builder("claude", "anthropic").upstreamModel("claude-sonnet-4-5")
                .baseUrl(anthropic.baseUrl()).apiKey(Secret.of(anthropic.apiKey())).timeout(Duration.ofSeconds(5))
                .build();
        gateway = TestStores.start(new GatehouseConfig(new ServerSettings("127.0.0.1", 0, 1 << 20, 100, 16 * 1024,
                Duration.ofSeconds(2)), List.of(claude), Set.of("127.0.0.1")).withRouting(TestStores.ONE_ATTEMPT));
    }

    @AfterEach
    void stop() {
        gateway.close();
        anthropic.close();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/responses"))
                .header("content-type", "application/json").header("authorization", "Bearer " + gateway.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String text) {
        return Json.parseUpstream(text, "test");
    }

    /** Turn 1 as Codex asks it: store false, reasoning with a summary, encrypted reasoning included. */
    private static String firstTurn(boolean store, boolean stream) {
        return ("{'model':'claude','input':'Weather in Paris?','store':" + store + ",'stream':" + stream + ","
                + "'reasoning':{'effort':'low','summary':'auto'},'include':['reasoning.encrypted_content'],"
                + TOOLS + "}").replace('\'', '"');
    }

    /** The Response of a turn: the body, or the last event of a stream. */
    private static JsonNode response(HttpResponse<String> answered) {
        assertEquals(200, answered.statusCode(), answered.body());
        if (!answered.body().startsWith("event:") && !answered.body().startsWith("data:")) {
            return json(answered.body());
        }
        JsonNode last = null;
        for (String line : answered.body().split("\n")) {
            if (line.startsWith("data: ")) {
                last = json(line.substring(6));
            }
        }
        assertEquals("response.completed", last.path("type").asText(), answered.body());
        return last.path("response");
    }

    /** Checks turn 1's output: a reasoning item with the thinking as its summary and Gatehouse's encrypted content. */
    private static void assertSignedReasoning(JsonNode response) {
        JsonNode reasoning = response.path("output").get(0);
        assertEquals("reasoning", reasoning.path("type").asText(), response.toString());
        assertEquals(String.join("", THINKING), reasoning.path("summary").get(0).path("text").asText());
        assertTrue(reasoning.path("encrypted_content").asText().startsWith("gatehouse-reasoning-v1."),
                reasoning.toString());
        assertEquals("function_call", response.path("output").get(1).path("type").asText());
    }

    /** Checks what Claude got on turn 2: thinking on, the turn's thinking blocks first, as issued. */
    private void assertThinkingCameBack() {
        anthropic.assertNoViolations();
        JsonNode sent = anthropic.lastRequest().json();
        assertEquals("enabled", sent.path("thinking").path("type").asText(), "thinking stays on: " + sent);
        JsonNode turn = sent.path("messages").get(1);
        assertEquals("assistant", turn.path("role").asText());
        JsonNode content = turn.path("content");
        assertEquals("thinking", content.get(0).path("type").asText(), turn.toString());
        assertEquals(THINKING.get(0), content.get(0).path("thinking").asText());
        assertTrue(content.get(0).path("signature").asText().startsWith("sig_fake_"), turn.toString());
        assertEquals(THINKING.get(1), content.get(1).path("thinking").asText());
        assertEquals("redacted_thinking", content.get(2).path("type").asText());
        assertEquals("tool_use", content.get(3).path("type").asText());
        assertEquals("tool_result", sent.path("messages").get(2).path("content").get(0).path("type").asText());
    }

    /** Turn 2 as Codex sends it with store false: the whole history, the output items as they came, the result. */
    private HttpResponse<String> secondTurnWithHistory(JsonNode first) throws Exception {
        ObjectNode body = (ObjectNode) json(firstTurn(false, false));
        ArrayNode input = body.putArray("input");
        input.addObject().put("type", "message").put("role", "user").put("content", "Weather in Paris?");
        for (JsonNode item : first.path("output")) {
            ObjectNode sent = (ObjectNode) item.deepCopy();
            if (sent.path("type").asText().equals("reasoning")) {
                sent.remove("id"); // Codex sends reasoning items back without their ids.
            }
            input.add(sent);
        }
        input.addObject().put("type", "function_call_output")
                .put("call_id", first.path("output").get(1).path("call_id").asText()).put("output", "18C, sunny");
        return post(body.toString());
    }

    @Test
    void codexSendingTheReasoningItemBackKeepsClaudesThinkingAcrossTheToolLoop() throws Exception {
        anthropic.replyThinkingThenToolCalls(THINKING, true,
                List.of(new FakeToolCall("get_weather", "{\"city\":\"Paris\"}")), new FakeUsage(20, 40));
        JsonNode first = response(post(firstTurn(false, false)));
        assertSignedReasoning(first);

        anthropic.replyText("It is 18C and sunny in Paris.", new FakeUsage(60, 10));
        HttpResponse<String> second = secondTurnWithHistory(first);
        assertEquals(200, second.statusCode(), second.body());
        assertFalse(second.headers().firstValue("x-gatehouse-dropped").orElse("").contains("encrypted_content"),
                "Gatehouse's own encrypted reasoning reached the upstream");
        assertThinkingCameBack();
    }

    @Test
    void aStreamedFirstTurnGivesTheSameEncryptedReasoning() throws Exception {
        anthropic.streamThinkingThenToolCalls(THINKING, true,
                List.of(new FakeToolCall("get_weather", "{\"city\":\"Paris\"}")), new FakeUsage(20, 40));
        JsonNode first = response(post(firstTurn(false, true)));
        assertSignedReasoning(first);

        anthropic.replyText("It is 18C and sunny in Paris.", new FakeUsage(60, 10));
        assertEquals(200, secondTurnWithHistory(first).statusCode());
        assertThinkingCameBack();
    }

    @Test
    void previousResponseIdCarriesTheSignatureFromTheStore() throws Exception {
        anthropic.replyThinkingThenToolCalls(THINKING, true,
                List.of(new FakeToolCall("get_weather", "{\"city\":\"Paris\"}")), new FakeUsage(20, 40));
        JsonNode first = response(post(firstTurn(true, false)));
        assertSignedReasoning(first);

        anthropic.replyText("It is 18C and sunny in Paris.", new FakeUsage(60, 10));
        HttpResponse<String> second = post(("{'model':'claude','previous_response_id':'" + first.path("id").asText()
                + "','reasoning':{'effort':'low'}," + TOOLS + ",'input':[{'type':'function_call_output','call_id':'"
                + first.path("output").get(1).path("call_id").asText() + "','output':'18C, sunny'}]}")
                .replace('\'', '"'));
        assertEquals(200, second.statusCode(), second.body());
        assertThinkingCameBack();
    }

    @Test
    void withoutTheEncryptedReasoningTheLoopGoesOnWithoutThinking() throws Exception {
        anthropic.replyThinkingThenToolCalls(THINKING, false,
                List.of(new FakeToolCall("get_weather", "{\"city\":\"Paris\"}")), new FakeUsage(20, 40));
        JsonNode first = response(post(firstTurn(false, false).replace("\"reasoning.encrypted_content\"", "")
                .replace("\"include\":[]", "\"include\":[\"message.input_image.image_url\"]")));
        assertFalse(first.path("output").get(0).has("encrypted_content"), "not asked for, not written");

        anthropic.replyText("It is 18C and sunny in Paris.", new FakeUsage(60, 10));
        assertEquals(200, secondTurnWithHistory(first).statusCode());
        anthropic.assertNoViolations();
        assertFalse(anthropic.lastRequest().json().has("thinking"),
                "a tool call without its signed thinking continues without thinking, as Claude requires");
    }
}
