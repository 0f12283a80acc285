package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.ModelInfo;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.ScriptableFake.FakeToolCall;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.FakeProvider;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.anthropic.FakeAnthropic;
import dev.gatehouse.testkit.bedrock.FakeBedrock;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Claude Code's thinking through the Anthropic front door on translated models
 * (docs/agents.md, "The Anthropic front door"): on Claude served through the canonical
 * translation (Anthropic with {@code native_messages: false}, and Bedrock), the thinking blocks of turn 1 carry Claude's
 * signatures, and sent back in turn 2 of a tool loop they reach Claude unchanged (the fake
 * checks every signature and redacted block it issued, as each fake does); on a model whose deployments say it
 * does not reason, thinking is left out and named in {@code x-gatehouse-dropped}. Requests have
 * the shape Claude Code sends (https://platform.claude.com/docs/en/api/messages/create).
 */
class AnthropicThinkingTranslatedTest {

    private static final FakeAnthropic ANTHROPIC = new FakeAnthropic();
    private static final FakeOpenAi OPENAI = new FakeOpenAi();
    private static final FakeBedrock BEDROCK = new FakeBedrock();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Claude Code's first turn: adaptive thinking at effort high, a tool, cache and context settings. */
    private static final String CLAUDE_CODE = """
            {"model":"%s","max_tokens":32000,"stream":%s,
             "system":[{"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}}],
             "messages":[{"role":"user","content":[{"type":"text","text":"Read note.txt"}]}],
             "tools":[{"name":"Read","description":"Reads a file","input_schema":{"type":"object",
                   "properties":{"file_path":{"type":"string"}},"required":["file_path"]}}],
             "metadata":{"user_id":"u1"},
             "thinking":{"type":"adaptive"},"output_config":{"effort":"high"}}""";

    private static Gatehouse gatehouse;
    private static String apiKey;

    @BeforeAll
    static void start() {
        ServerSettings base = ServerSettings.defaults();
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, base.maxBodyBytes(), base.maxMessages(),
                base.maxHeaderBytes(), Duration.ofSeconds(2)).withUpstream(base.upstream());
        TestStores.Started started = TestStores.start(new GatehouseConfig(settings, List.of(
                Deployment.builder("claude-translated", "anthropic").upstreamModel("claude-sonnet-4-5")
                        .baseUrl(ANTHROPIC.baseUrl()).apiKey(Secret.of(ANTHROPIC.apiKey()))
                        .timeout(Duration.ofSeconds(5)).options(Map.of("native_messages", "false")).build(),
                Deployment.builder("claude-bedrock", "bedrock").upstreamModel("anthropic.claude-sonnet-4-5-20250929-v1:0")
                        .baseUrl(BEDROCK.baseUrl()).options(Map.of("region", FakeBedrock.REGION))
                        .credential("aws_access_key_id", Secret.of(FakeBedrock.ACCESS_KEY_ID))
                        .credential("aws_secret_access_key", Secret.of(BEDROCK.apiKey()))
                        // No drop_params: Converse has no end-user field, and Claude Code's metadata.user_id
                        // is left out and named all the same.
                        .timeout(Duration.ofSeconds(5)).build(),
                openAi("plain", new ModelInfo(null, null, true, null, false, null)),
                openAi("unknown", ModelInfo.UNKNOWN),
                // A mixed group: what one deployment can not do, the model can not do.
                openAi("mixed", new ModelInfo(null, null, null, null, true, null)),
                openAi("mixed", new ModelInfo(null, null, null, null, false, null))),
                Set.of("127.0.0.1")).withRouting(TestStores.ONE_ATTEMPT));
        gatehouse = started.gatehouse();
        apiKey = started.apiKey();
    }

    private static Deployment openAi(String model, ModelInfo info) {
        return Deployment.builder(model, "openai").upstreamModel("gpt-4o").baseUrl(OPENAI.baseUrl())
                .apiKey(Secret.of(OPENAI.apiKey())).timeout(Duration.ofSeconds(5)).modelInfo(info).build();
    }

    @AfterAll
    static void stop() {
        gatehouse.close();
        ANTHROPIC.close();
        OPENAI.close();
        BEDROCK.close();
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port() + path))
                .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                .header("x-api-key", apiKey).header("anthropic-version", "2023-06-01")
                .header("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> dropped(HttpResponse<String> response) {
        return Arrays.asList(response.headers().firstValue("x-gatehouse-dropped").orElse("").split(", "));
    }

    /** The content blocks of a streamed answer, rebuilt as a client does from its events. */
    private static ArrayNode reassemble(String sse) {
        ArrayNode content = Json.array();
        for (String line : sse.split("\n")) {
            if (!line.startsWith("data: ")) {
                continue;
            }
            JsonNode event = Json.parseUpstream(line.substring("data: ".length()), "test");
            switch (event.path("type").asText()) {
                case "content_block_start" -> content.add(event.get("content_block").deepCopy());
                case "content_block_delta" -> {
                    ObjectNode block = (ObjectNode) content.get(event.path("index").asInt());
                    JsonNode delta = event.get("delta");
                    switch (delta.path("type").asText()) {
                        case "thinking_delta" -> block.put("thinking", block.path("thinking").asText()
                                + delta.path("thinking").asText());
                        case "signature_delta" -> block.put("signature", block.path("signature").asText()
                                + delta.path("signature").asText());
                        case "input_json_delta" -> block.put("partial", block.path("partial").asText()
                                + delta.path("partial_json").asText());
                        default -> block.put("text", block.path("text").asText() + delta.path("text").asText());
                    }
                }
                default -> { }
            }
        }
        for (JsonNode block : content) {
            if (block.has("partial")) {
                ((ObjectNode) block).set("input", Json.parseUpstream(block.path("partial").asText(), "test"));
                ((ObjectNode) block).remove("partial");
            }
        }
        return content;
    }

    /**
     * A two-turn tool loop on Claude behind the translation, whole and streamed: turn 1's
     * thinking blocks come back with Claude's signatures (and the redacted block with its data);
     * turn 2 sends them back as they came, and Claude receives them unchanged before its tool call.
     */
    @ParameterizedTest
    @CsvSource({"claude-translated,false", "claude-translated,true", "claude-bedrock,false", "claude-bedrock,true"})
    void thinkingSurvivesAToolLoop(String model, boolean stream) throws Exception {
        boolean bedrock = model.equals("claude-bedrock");
        ScriptableFake fake = bedrock ? BEDROCK : ANTHROPIC;
        FakeProvider upstream = bedrock ? BEDROCK : ANTHROPIC;
        List<FakeToolCall> read = List.of(new FakeToolCall("Read", "{\"file_path\":\"note.txt\"}"));
        List<String> thoughts = List.of("I should read the file.", " Then answer.");
        FakeUsage usage = new FakeUsage(40, 12);
        if (bedrock && stream) {
            BEDROCK.streamReasoningThenToolCalls(thoughts, true, read, usage);
        } else if (bedrock) {
            BEDROCK.replyReasoningThenToolCalls(thoughts, true, read, usage);
        } else if (stream) {
            ANTHROPIC.streamThinkingThenToolCalls(thoughts, true, read, usage);
        } else {
            ANTHROPIC.replyThinkingThenToolCalls(thoughts, true, read, usage);
        }
        HttpResponse<String> first = post("/v1/messages?beta=true", CLAUDE_CODE.formatted(model, stream));
        assertEquals(200, first.statusCode(), first.body());
        upstream.assertNoViolations();
        ArrayNode content = stream ? reassemble(first.body())
                : (ArrayNode) Json.parseUpstream(first.body(), "test").get("content");
        assertEquals(List.of("thinking", "thinking", "redacted_thinking", "tool_use"),
                content.valueStream().map(block -> block.path("type").asText()).toList(), content.toString());
        assertEquals("I should read the file.", content.get(0).path("thinking").asText());
        assertTrue(content.get(0).path("signature").asText().startsWith("sig_fake_"), content.toString());
        assertTrue(content.get(1).path("signature").asText().startsWith("sig_fake_"), content.toString());
        assertFalse(content.get(2).path("data").asText().isEmpty(), content.toString());

        // Turn 2, as Claude Code sends it: the assistant's blocks as they came, then the tool's result.
        ObjectNode second = (ObjectNode) Json.parseUpstream(CLAUDE_CODE.formatted(model, stream), "test");
        ArrayNode messages = (ArrayNode) second.get("messages");
        messages.addObject().put("role", "assistant").set("content", content);
        ObjectNode result = messages.addObject().put("role", "user");
        result.putArray("content").addObject().put("type", "tool_result")
                .put("tool_use_id", content.get(3).path("id").asText()).put("content", "The note says hello.");
        if (stream) {
            fake.streamText(List.of("It says ", "hello."), new FakeUsage(60, 8));
        } else {
            fake.replyText("It says hello.", new FakeUsage(60, 8));
        }
        HttpResponse<String> answer = post("/v1/messages?beta=true", second.toString());
        assertEquals(200, answer.statusCode(), answer.body());
        // The fake refuses thinking blocks it did not issue, and (thinking on) a tool result whose turn lost them.
        upstream.assertNoViolations();
        assertFalse(dropped(answer).stream().anyMatch(path -> path.contains("signature") || path.contains("redacted")),
                dropped(answer).toString());
        if (!bedrock) {
            JsonNode sent = ANTHROPIC.requests().getLast().json();
            assertEquals("enabled", sent.path("thinking").path("type").asText(), "thinking stays on across the loop");
            JsonNode assistant = sent.path("messages").get(1).path("content");
            assertEquals(content.get(0).path("signature"), assistant.get(0).path("signature"));
            assertEquals(content.get(1), assistant.get(1));
            assertEquals(content.get(2), assistant.get(2));
            assertEquals("tool_use", assistant.get(3).path("type").asText());
        } else {
            JsonNode sent = BEDROCK.requests().getLast().json();
            JsonNode assistant = sent.path("messages").get(1).path("content");
            assertEquals(content.get(0).path("signature").asText(),
                    assistant.get(0).path("reasoningContent").path("reasoningText").path("signature").asText(),
                    sent.toString());
            assertTrue(assistant.get(2).path("reasoningContent").has("redactedContent"), sent.toString());
        }
    }

    /**
     * Claude Code's {@code metadata.user_id} becomes the canonical end-user id: Anthropic takes it
     * as its own {@code metadata.user_id}; Bedrock's Converse API has no field for it, so on a
     * deployment without {@code drop_params} it is left out and named, and the request goes through.
     */
    @Test
    void claudeCodesEndUserIdIsSentToAnthropicAndNamedAsDroppedOnBedrock() throws Exception {
        BEDROCK.replyText("Hello.", new FakeUsage(20, 2));
        HttpResponse<String> bedrock = post("/v1/messages?beta=true", CLAUDE_CODE.formatted("claude-bedrock", false));
        assertEquals(200, bedrock.statusCode(), bedrock.body());
        BEDROCK.assertNoViolations();
        assertFalse(BEDROCK.requests().getLast().bodyText().contains("\"u1\""), BEDROCK.requests().getLast().bodyText());
        assertTrue(dropped(bedrock).contains("user"), dropped(bedrock).toString());
        assertTrue(bedrock.body().contains("Hello."), bedrock.body());

        ANTHROPIC.replyText("Hello.", new FakeUsage(20, 2));
        HttpResponse<String> anthropic = post("/v1/messages?beta=true",
                CLAUDE_CODE.formatted("claude-translated", false));
        assertEquals(200, anthropic.statusCode(), anthropic.body());
        ANTHROPIC.assertNoViolations();
        assertEquals("u1", ANTHROPIC.requests().getLast().json().at("/metadata/user_id").asText());
        assertFalse(dropped(anthropic).contains("user"), dropped(anthropic).toString());
    }

    /**
     * A model whose deployments say it does not reason: Claude Code's thinking and effort are
     * left out and named, and no reasoning effort reaches the upstream, which would refuse it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"plain", "mixed"})
    void thinkingForAModelThatDoesNotReasonIsDroppedAndNamed(String model) throws Exception {
        OPENAI.streamText(List.of("Hello", "."), new FakeUsage(20, 2));
        HttpResponse<String> response = post("/v1/messages?beta=true", CLAUDE_CODE.formatted(model, true));
        assertEquals(200, response.statusCode(), response.body());
        OPENAI.assertNoViolations();
        assertFalse(OPENAI.requests().getLast().json().has("reasoning_effort"),
                OPENAI.requests().getLast().bodyText());
        List<String> dropped = dropped(response);
        assertTrue(dropped.contains("thinking"), dropped.toString());
        assertTrue(dropped.contains("output_config.effort"), dropped.toString());
        // The output guardrails hold a short answer's text back to its end, so it arrives in one piece.
        assertTrue(response.body().contains("\"text\":\"Hello.\""), response.body());
    }

    /** A model whose deployments say nothing of reasoning gets the effort, as before. */
    @Test
    void aModelNotKnownToReasonOrNotGetsTheEffort() throws Exception {
        OPENAI.replyText("Hello.", new FakeUsage(20, 2));
        HttpResponse<String> response = post("/v1/messages?beta=true", CLAUDE_CODE.formatted("unknown", false));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("high", OPENAI.requests().getLast().json().path("reasoning_effort").asText());
        assertFalse(dropped(response).contains("thinking"), dropped(response).toString());
    }
}
