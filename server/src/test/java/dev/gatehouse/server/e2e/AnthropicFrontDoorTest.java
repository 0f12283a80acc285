package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.spend.Tokenizer;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.ScriptableFake.FakeToolCall;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /v1/messages} on the wire, as curl or Claude Code sees it: the exact event sequence of
 * a stream (https://platform.claude.com/docs/en/build-with-claude/streaming), and bad input
 * answered in Anthropic's error format (https://platform.claude.com/docs/en/api/errors) with
 * the field named and nothing sent upstream.
 */
class AnthropicFrontDoorTest {

    private static RunningGateway gateway;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        gateway = new RunningGateway();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.gatehouse.port() + path))
                .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                .header("x-api-key", gateway.apiKey).header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int upstreamRequests() {
        return gateway.openai.requests().size() + gateway.anthropic.requests().size()
                + gateway.gemini.requests().size() + gateway.xai.requests().size();
    }

    /** Asserts an Anthropic-format error with this status and type; returns its message. */
    private static String error(HttpResponse<String> response, int status, String type) {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = Json.parseUpstream(response.body(), "test");
        assertEquals("error", body.path("type").asText(), response.body());
        assertEquals(type, body.path("error").path("type").asText(), response.body());
        assertEquals(response.headers().firstValue("request-id").orElseThrow(), body.path("request_id").asText());
        return body.path("error").path("message").asText();
    }

    /** The text the {@code text_delta}s of an SSE body add up to. */
    private static String text(String sse) {
        StringBuilder text = new StringBuilder();
        for (String event : sse.split("\n\n")) {
            if (event.startsWith("event: content_block_delta\n")) {
                text.append(Json.parseUpstream(event.split("\n")[1].substring("data: ".length()), "test")
                        .path("delta").path("text").asText());
            }
        }
        return text.toString();
    }

    /** The event names of an SSE body, and checks that each data line's type matches its event name. */
    private static List<String> eventNames(String sse) {
        List<String> names = new ArrayList<>();
        for (String event : sse.split("\n\n")) {
            if (event.isBlank()) {
                continue;
            }
            String[] lines = event.split("\n");
            assertTrue(lines[0].startsWith("event: ") && lines[1].startsWith("data: "), event);
            String name = lines[0].substring("event: ".length());
            assertEquals(name, Json.parseUpstream(lines[1].substring("data: ".length()), "test").path("type").asText());
            names.add(name);
        }
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude", "gpt", "gemini"})
    void aTextStreamHasAnthropicsEventSequence(String model) throws Exception {
        ((ScriptableFake) gateway.fake(model)).streamText(List.of("Hel", "lo"), new FakeUsage(7, 2));
        HttpResponse<String> response = post("/v1/messages", """
                {"model":"%s","max_tokens":50,"stream":true,"messages":[{"role":"user","content":"Hi"}]}"""
                .formatted(model));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("text/event-stream", response.headers().firstValue("content-type").orElseThrow());
        List<String> names = eventNames(response.body());
        assertTrue(names.contains("ping"), names.toString());
        // Pings may come anywhere (an Anthropic upstream's own stream passes as it came). How many
        // deltas carry the text is the output guardrails' window's to say (docs/guardrails.md, "Streams").
        List<String> sequence = new ArrayList<>();
        names.stream().filter(name -> !name.equals("ping"))
                .filter(name -> !(name.equals("content_block_delta") && "content_block_delta".equals(sequence.isEmpty()
                        ? null : sequence.getLast())))
                .forEach(sequence::add);
        assertEquals(List.of("message_start", "content_block_start", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop"), sequence);
        assertEquals("Hello", text(response.body()), response.body());
        assertTrue(response.body().contains("\"stop_reason\":\"end_turn\""), response.body());
        assertTrue(response.body().contains("\"input_tokens\":7"), response.body());
        assertTrue(response.body().contains("\"output_tokens\":2"), response.body());
    }

    @Test
    void aToolStreamHasOneBlockPerCall() throws Exception {
        gateway.openai.streamToolCalls(List.of(new FakeToolCall("a", "{\"x\":1}"), new FakeToolCall("b", "{}")),
                new FakeUsage(7, 2));
        HttpResponse<String> response = post("/v1/messages", """
                {"model":"gpt","max_tokens":50,"stream":true,"messages":[{"role":"user","content":"Go"}],
                 "tools":[{"name":"a","input_schema":{"type":"object"}},{"name":"b","input_schema":{"type":"object"}}]}""");
        List<String> names = eventNames(response.body());
        assertEquals("message_start", names.getFirst());
        assertEquals(List.of("message_delta", "message_stop"), names.subList(names.size() - 2, names.size()));
        assertEquals(2, names.stream().filter("content_block_start"::equals).count());
        assertEquals(2, names.stream().filter("content_block_stop"::equals).count());
        assertTrue(response.body().contains("\"type\":\"input_json_delta\""), response.body());
        assertTrue(response.body().contains("\"stop_reason\":\"tool_use\""), response.body());
    }

    @Test
    void aFailureInsideAStreamIsAnErrorEvent() throws Exception {
        gateway.anthropic.streamTextThenError(List.of("Hel"));
        HttpResponse<String> response = post("/v1/messages", """
                {"model":"claude","max_tokens":50,"stream":true,"messages":[{"role":"user","content":"Hi"}]}""");
        assertEquals(200, response.statusCode());
        List<String> names = eventNames(response.body());
        assertEquals("error", names.getLast());
        assertFalse(names.contains("message_stop"));
        assertTrue(response.body().contains("\"type\":\"overloaded_error\""), response.body());
    }

    @Test
    void missingMaxTokens() throws Exception {
        int before = upstreamRequests();
        String message = error(post("/v1/messages", """
                {"model":"gpt","messages":[{"role":"user","content":"Hi"}]}"""), 400, "invalid_request_error");
        assertTrue(message.contains("max_tokens"), message);
        assertEquals(before, upstreamRequests(), "nothing reaches an upstream");
    }

    @Test
    void badRole() throws Exception {
        int before = upstreamRequests();
        String message = error(post("/v1/messages", """
                {"model":"gpt","max_tokens":5,"messages":[{"role":"tool","content":"Hi"}]}"""), 400,
                "invalid_request_error");
        assertTrue(message.contains("messages[0].role"), message);
        assertEquals(before, upstreamRequests(), "nothing reaches an upstream");
    }

    @Test
    void malformedJson() throws Exception {
        String message = error(post("/v1/messages", "{\"model\":\"gpt\",\"max_tokens\":"), 400, "invalid_request_error");
        assertTrue(message.contains("JSON"), message);
    }

    @Test
    void unknownModel() throws Exception {
        String message = error(post("/v1/messages", """
                {"model":"nope","max_tokens":5,"messages":[{"role":"user","content":"Hi"}]}"""), 404, "not_found_error");
        assertTrue(message.contains("nope"), message);
    }

    @Test
    void unknownFieldsAreRefusedAsAnthropicRefusesThem() throws Exception {
        String message = error(post("/v1/messages", """
                {"model":"gpt","max_tokens":5,"messages":[{"role":"user","content":"Hi"}],"frequency_penalty":1}"""),
                400, "invalid_request_error");
        assertTrue(message.contains("frequency_penalty"), message);
    }

    @Test
    void mcpServersAreRefusedEvenForAnthropicUpstreams() throws Exception {
        int before = upstreamRequests();
        String message = error(post("/v1/messages", """
                {"model":"claude","max_tokens":5,"messages":[{"role":"user","content":"Hi"}],
                 "mcp_servers":[{"type":"url","url":"https://mcp.example.com/sse","name":"x"}]}"""),
                400, "invalid_request_error");
        assertTrue(message.contains("mcp_servers"), message);
        assertEquals(before, upstreamRequests(), "nothing reaches an upstream");
    }

    @Test
    void aCallerCanNotChooseTheUpstream() throws Exception {
        int before = upstreamRequests();
        String message = error(post("/v1/messages", """
                {"model":"gpt","max_tokens":5,"messages":[{"role":"user","content":"Hi"}],"api_base":"http://evil"}"""),
                400, "invalid_request_error");
        assertTrue(message.contains("api_base"), message);
        assertEquals(before, upstreamRequests(), "nothing reaches an upstream");
    }

    @Test
    void unsupportedBlocksAreNamed() throws Exception {
        String message = error(post("/v1/messages", """
                {"model":"gpt","max_tokens":5,"messages":[{"role":"user","content":[
                  {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBE"}}]}]}"""),
                400, "invalid_request_error");
        assertTrue(message.contains("messages[0].content[0]"), message);
    }

    @Test
    void wrongMethodIsAnAnthropicError() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.gatehouse.port() + "/v1/messages")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        error(response, 405, "invalid_request_error");
    }

    @Test
    void estimatedCountsSaySo() throws Exception {
        HttpResponse<String> response = post("/v1/messages/count_tokens", """
                {"model":"gemini","messages":[{"role":"user","content":"hello world hello world hello world"}]}""");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("estimated", response.headers().firstValue("x-gatehouse-token-count").orElseThrow());
        JsonNode body = Json.parseUpstream(response.body(), "test");
        assertTrue(body.path("gatehouse_estimate").asBoolean());
        // Counted with o200k, the estimator limits count with too (characters / 4 would say 9 + 4).
        assertEquals(Tokenizer.count("hello world hello world hello world") + 4, body.path("input_tokens").asInt());
    }

    @Test
    void countTokensRefusesGenerationSettings() throws Exception {
        String message = error(post("/v1/messages/count_tokens", """
                {"model":"claude","max_tokens":5,"messages":[{"role":"user","content":"Hi"}]}"""),
                400, "invalid_request_error");
        assertTrue(message.contains("max_tokens"), message);
    }
}
