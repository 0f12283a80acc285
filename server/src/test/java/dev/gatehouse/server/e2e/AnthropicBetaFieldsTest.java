package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What current Anthropic clients send, on {@code /v1/messages?beta=true} with their
 * {@code anthropic-beta} header (the request below has the shape Claude Code 2.1 sends, cut
 * short): as written to an Anthropic deployment; translated for any other, with what only
 * steers Anthropic's platform left out and named in {@code x-gatehouse-dropped}, thinking as
 * {@code reasoning_effort}, and the answer's reasoning as thinking blocks; refused, in
 * Anthropic's error format naming the field, only where leaving it out would change what the
 * answer means. Field names follow https://platform.claude.com/docs/en/api/messages/create.
 */
class AnthropicBetaFieldsTest {

    private static final String BETA = "claude-code-20250219,interleaved-thinking-2025-05-14,"
            + "context-management-2025-06-27,effort-2025-11-24";
    /** Claude Code's first turn on a model it does not know: adaptive thinking at effort high. */
    private static final String CLAUDE_CODE = """
            {"model":"%s","max_tokens":32000,"stream":%s,
             "system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2.1"},
                       {"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}}],
             "messages":[{"role":"user","content":[{"type":"text","text":"<system-reminder>ok</system-reminder>"},
                 {"type":"text","text":"Read note.txt","cache_control":{"type":"ephemeral"}}]}],
             "tools":[{"name":"Read","description":"Reads a file","input_schema":{
                   "$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
                   "properties":{"file_path":{"type":"string"}},"required":["file_path"],"additionalProperties":false}},
                 {"name":"DeferredToolPlaceholder","description":"Deferred","defer_loading":true,
                  "input_schema":{"type":"object","properties":{}}}],
             "metadata":{"user_id":"{\\"device_id\\":\\"d1\\",\\"session_id\\":\\"s1\\"}"},
             "thinking":{"type":"adaptive","display":"omitted"},"output_config":{"effort":"high"},
             "context_management":{"edits":[{"type":"clear_thinking_20251015","keep":"all"}]}}""";

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
                .header("anthropic-beta", BETA)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> dropped(HttpResponse<String> response) {
        return Arrays.asList(response.headers().firstValue("x-gatehouse-dropped").orElse("").split(", "));
    }

    private static int upstreamRequests() {
        return gateway.openai.requests().size() + gateway.anthropic.requests().size()
                + gateway.gemini.requests().size() + gateway.xai.requests().size();
    }

    /** The event names of an SSE body, in order. */
    private static List<String> eventNames(String sse) {
        List<String> names = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("event: ")) {
                names.add(line.substring("event: ".length()));
            }
        }
        return names;
    }

    /** The data of each event of an SSE body, in order. */
    private static List<JsonNode> eventData(String sse) {
        List<JsonNode> data = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: ")) {
                data.add(Json.parseUpstream(line.substring("data: ".length()), "test"));
            }
        }
        return data;
    }

    /** Asserts an Anthropic-format 400 naming {@code field}, and that nothing reached an upstream. */
    private static void refused(String body, String field) throws Exception {
        int before = upstreamRequests();
        HttpResponse<String> response = post("/v1/messages?beta=true", body);
        assertEquals(400, response.statusCode(), response.body());
        JsonNode error = Json.parseUpstream(response.body(), "test");
        assertEquals("error", error.path("type").asText(), response.body());
        assertEquals("invalid_request_error", error.path("error").path("type").asText(), response.body());
        assertTrue(error.path("error").path("message").asText().contains(field), response.body());
        assertEquals(before, upstreamRequests(), "nothing reaches an upstream");
    }

    @Test
    void claudeCodesRequestOnATranslatedModel() throws Exception {
        gateway.openai.streamText(List.of("The secret ", "word"), new FakeUsage(30, 4));
        HttpResponse<String> response = post("/v1/messages?beta=true", CLAUDE_CODE.formatted("gpt", true));
        assertEquals(200, response.statusCode(), response.body());
        gateway.openai.assertNoViolations();
        assertEquals(List.of("anthropic-beta", "context_management", "system[1].cache_control",
                "messages[0].content[1].cache_control", "tools[1].defer_loading", "thinking.display"), dropped(response));
        List<String> names = eventNames(response.body());
        assertEquals("message_start", names.getFirst());
        assertEquals("message_stop", names.getLast());
        // The output guardrails hold a short answer's text back to its end, so it arrives in one piece.
        assertTrue(response.body().contains("\"text\":\"The secret word\""), response.body());

        JsonNode sent = gateway.openai.requests().getLast().json();
        assertEquals("high", sent.path("reasoning_effort").asText());
        assertEquals("{\"device_id\":\"d1\",\"session_id\":\"s1\"}", sent.path("user").asText());
        assertEquals("Read", sent.path("tools").get(0).path("function").path("name").asText());
        assertEquals(2, sent.path("tools").size());
        String text = sent.toString();
        for (String platformOnly : List.of("cache_control", "context_management", "defer_loading", "thinking",
                "output_config", "metadata")) {
            assertFalse(text.contains(platformOnly), platformOnly + " reached the upstream: " + text);
        }
    }

    /** The issue's own case: the built-in mock model, which Claude Code used to be refused on. */
    @Test
    void claudeCodesRequestOnTheMockModel() throws Exception {
        HttpResponse<String> response = post("/v1/messages?beta=true", CLAUDE_CODE.formatted("mock", true));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(dropped(response).contains("context_management"), response.headers().map().toString());
        assertEquals("message_stop", eventNames(response.body()).getLast());
    }

    @Test
    void claudeCodesRequestAsWrittenOnAnAnthropicModel() throws Exception {
        gateway.anthropic.replyText("PELICAN", new FakeUsage(30, 2));
        HttpResponse<String> response = post("/v1/messages?beta=true", CLAUDE_CODE.formatted("claude", false));
        assertEquals(200, response.statusCode(), response.body());
        gateway.anthropic.assertNoViolations();
        assertTrue(response.headers().firstValue("x-gatehouse-dropped").isEmpty(), "nothing is dropped as written");
        RecordedRequest sent = gateway.anthropic.requests().getLast();
        assertEquals("/v1/messages", sent.pathOnly());
        assertEquals(BETA, sent.header("anthropic-beta").orElseThrow());
        JsonNode body = sent.json();
        JsonNode asWritten = Json.parseUpstream(CLAUDE_CODE.formatted("claude", false), "test");
        for (String field : List.of("system", "messages", "tools", "metadata", "thinking", "output_config",
                "context_management", "max_tokens")) {
            assertEquals(asWritten.get(field), body.get(field), field);
        }
        assertEquals("claude-sonnet-4-5", body.path("model").asText());
        assertEquals("PELICAN", Json.parseUpstream(response.body(), "test").path("content").get(0).path("text").asText());
    }

    @Test
    void aThinkingBudgetBecomesAnEffortAndTheReasoningComesBackAsAThinkingBlock() throws Exception {
        gateway.openai.enqueue(Reply.Full.json(200, """
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o",
                 "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Paris.",
                   "reasoning_content":"France's capital is Paris."}}],
                 "usage":{"prompt_tokens":10,"completion_tokens":8,"total_tokens":18}}"""));
        HttpResponse<String> response = post("/v1/messages", """
                {"model":"gpt","max_tokens":32000,"thinking":{"type":"enabled","budget_tokens":31999,"display":"omitted"},
                 "messages":[{"role":"user","content":"Capital of France?"}]}""");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("high", gateway.openai.requests().getLast().json().path("reasoning_effort").asText());
        JsonNode content = Json.parseUpstream(response.body(), "test").path("content");
        assertEquals("thinking", content.get(0).path("type").asText());
        assertEquals("France's capital is Paris.", content.get(0).path("thinking").asText());
        // No provider but Anthropic signs its reasoning: the field is there, as clients expect, and empty.
        assertEquals("", content.get(0).path("signature").asText("missing"));
        assertEquals("text", content.get(1).path("type").asText());
        assertEquals("Paris.", content.get(1).path("text").asText());
    }

    @Test
    void streamedReasoningComesAsThinkingDeltasBeforeTheText() throws Exception {
        List<Reply.Frame> frames = new ArrayList<>();
        for (String delta : List.of("{\"role\":\"assistant\",\"reasoning_content\":\"Fr\"}",
                "{\"reasoning_content\":\"ance.\"}", "{\"content\":\"Paris.\"}")) {
            frames.add(Reply.Frame.of("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                    + "\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":null}]}\n\n"));
        }
        frames.add(Reply.Frame.of("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                + "\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"));
        frames.add(Reply.Frame.of("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                + "\"model\":\"gpt-4o\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":6,"
                + "\"total_tokens\":15}}\n\ndata: [DONE]\n\n"));
        gateway.openai.enqueue(new Reply.Stream(200, Map.of("content-type", "text/event-stream"), frames, false));
        HttpResponse<String> response = post("/v1/messages?beta=true", """
                {"model":"gpt","max_tokens":1000,"stream":true,"thinking":{"type":"adaptive"},
                 "output_config":{"effort":"low"},"messages":[{"role":"user","content":"Capital of France?"}]}""");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("low", gateway.openai.requests().getLast().json().path("reasoning_effort").asText());
        List<String> deltas = new ArrayList<>();
        List<String> blocks = new ArrayList<>();
        for (JsonNode event : eventData(response.body())) {
            if (event.path("type").asText().equals("content_block_start")) {
                blocks.add(event.path("content_block").path("type").asText());
            }
            if (event.path("type").asText().equals("content_block_delta")) {
                deltas.add(event.path("delta").path("type").asText());
            }
        }
        assertEquals(List.of("thinking", "text"), blocks);
        assertEquals(List.of("thinking_delta", "thinking_delta", "text_delta"), deltas);
        assertTrue(response.body().contains("\"thinking\":\"ance.\""), response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"web_search_20250305", "code_execution_20250825", "bash_20250124"})
    void serverAndAnthropicDefinedToolsAreRefusedOnATranslatedModel(String type) throws Exception {
        refused("""
                {"model":"gpt","max_tokens":50,"messages":[{"role":"user","content":"Hi"}],
                 "tools":[{"type":"%s","name":"t"}]}""".formatted(type), "tools[0].type");
    }

    @Test
    void aPdfIsRefusedOnATranslatedModel() throws Exception {
        refused("""
                {"model":"gpt","max_tokens":50,"messages":[{"role":"user","content":[
                  {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0x"}},
                  {"type":"text","text":"Summarise"}]}]}""", "messages[0].content[0].source");
    }

    @Test
    void aContainerUploadIsRefusedOnATranslatedModel() throws Exception {
        refused("""
                {"model":"gpt","max_tokens":50,"messages":[{"role":"user","content":[
                  {"type":"container_upload","file_id":"file_1"}]}]}""", "messages[0].content[0]");
    }

    @Test
    void mcpServersAreRefusedOnATranslatedModel() throws Exception {
        refused("""
                {"model":"gpt","max_tokens":50,"messages":[{"role":"user","content":"Hi"}],
                 "mcp_servers":[{"type":"url","url":"https://mcp.example.com/sse","name":"x"}]}""", "mcp_servers");
    }

    @Test
    void aTextDocumentReachesATranslatedModelAsText() throws Exception {
        gateway.openai.replyText("Blue.", new FakeUsage(20, 1));
        HttpResponse<String> response = post("/v1/messages", """
                {"model":"gpt","max_tokens":50,"messages":[{"role":"user","content":[
                  {"type":"document","title":"Sky","source":{"type":"text","media_type":"text/plain","data":"The sky is blue."},
                   "citations":{"enabled":true}},{"type":"text","text":"Colour?"}]}]}""");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(List.of("anthropic-beta", "messages[0].content[0].citations"), dropped(response));
        JsonNode content = gateway.openai.requests().getLast().json().path("messages").get(0).path("content");
        assertEquals("Document: Sky\nThe sky is blue.", content.get(0).path("text").asText());
    }

    @Test
    void countTokensTakesTheBetaFields() throws Exception {
        HttpResponse<String> response = post("/v1/messages/count_tokens?beta=true", """
                {"model":"gpt","messages":[{"role":"user","content":"hello world"}],
                 "system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}],
                 "thinking":{"type":"adaptive"},"context_management":{"edits":[]}}""");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(Json.parseUpstream(response.body(), "test").path("input_tokens").asInt() > 0, response.body());
    }

    /** One field at a time: as written to Anthropic, dropped and named on a translated model. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"service_tier\":\"standard_only\"                                           | service_tier",
        "\"container\":\"container_1\"                                                | container",
        "\"inference_geo\":\"us\"                                                     | inference_geo",
        "\"cache_control\":{\"type\":\"ephemeral\"}                                   | cache_control",
        "\"context_management\":{\"edits\":[]}                                         | context_management",
        "\"output_config\":{\"effort\":\"low\"}                                       | output_config.effort",
        "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048,\"display\":\"omitted\"} | thinking.display"})
    void eachPlatformFieldGoesAsWrittenOrIsDroppedAndNamed(String field, String path) throws Exception {
        String body = """
                {"model":"%s","max_tokens":4096,%s,"messages":[{"role":"user","content":"Hi"}]}""";
        gateway.anthropic.replyText("Hello.", new FakeUsage(5, 1));
        HttpResponse<String> asWritten = post("/v1/messages?beta=true", body.formatted("claude", field));
        assertEquals(200, asWritten.statusCode(), asWritten.body());
        gateway.anthropic.assertNoViolations();
        JsonNode sent = gateway.anthropic.requests().getLast().json();
        JsonNode written = Json.parseUpstream(body.formatted("claude", field), "test");
        String name = field.substring(1, field.indexOf('"', 1));
        assertEquals(written.get(name), sent.get(name), name);

        gateway.openai.replyText("Hello.", new FakeUsage(5, 1));
        HttpResponse<String> translated = post("/v1/messages?beta=true", body.formatted("gpt", field));
        assertEquals(200, translated.statusCode(), translated.body());
        gateway.openai.assertNoViolations();
        assertEquals(List.of("anthropic-beta", path), dropped(translated));
        assertFalse(gateway.openai.requests().getLast().json().has(name), name + " reached the upstream");
    }

    /** Claude Code's second turn: its tool call, and the tool's result as a string with a cache mark. */
    @Test
    void claudeCodesSecondTurnCarriesTheToolRoundTrip() throws Exception {
        gateway.openai.replyText("The secret word is PELICAN.", new FakeUsage(40, 7));
        HttpResponse<String> response = post("/v1/messages?beta=true", """
                {"model":"gpt","max_tokens":32000,"thinking":{"type":"adaptive","display":"omitted"},
                 "output_config":{"effort":"high"},"messages":[
                  {"role":"user","content":[{"type":"text","text":"Read note.txt"}]},
                  {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"Read",
                     "input":{"file_path":"/abs/note.txt"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1",
                     "content":"1\\tThe secret word is PELICAN.\\n","cache_control":{"type":"ephemeral"}}]}],
                 "tools":[{"name":"Read","input_schema":{"type":"object","properties":{"file_path":{"type":"string"}}}}]}""");
        assertEquals(200, response.statusCode(), response.body());
        gateway.openai.assertNoViolations();
        assertEquals(List.of("anthropic-beta", "messages[2].content[0].cache_control", "thinking.display"),
                dropped(response));
        JsonNode messages = gateway.openai.requests().getLast().json().path("messages");
        assertEquals("toolu_1", messages.get(1).path("tool_calls").get(0).path("id").asText());
        assertEquals("{\"file_path\":\"/abs/note.txt\"}",
                messages.get(1).path("tool_calls").get(0).path("function").path("arguments").asText());
        assertEquals("tool", messages.get(2).path("role").asText());
        assertEquals("1\tThe secret word is PELICAN.\n", messages.get(2).path("content").asText());
        assertTrue(response.body().contains("PELICAN"), response.body());
    }
}
