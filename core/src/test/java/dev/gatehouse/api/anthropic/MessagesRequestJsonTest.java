package dev.gatehouse.api.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ReasoningSignature;
import dev.gatehouse.api.ResponseFormat;
import dev.gatehouse.api.ToolChoice;
import dev.gatehouse.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Anthropic request bodies → canonical requests. The payloads follow
 * https://platform.claude.com/docs/en/api/messages/create and the tool-use pages
 * (https://platform.claude.com/docs/en/agents-and-tools/tool-use/implement-tool-use).
 */
class MessagesRequestJsonTest {

    private static JsonNode json(String text) {
        return Json.parseUpstream(text, "test");
    }

    private static ChatRequest read(String text) {
        return MessagesRequestJson.read(json(text));
    }

    private static GatewayException.BadRequest refused(String text) {
        return assertThrows(GatewayException.BadRequest.class, () -> read(text));
    }

    /** The documentation's full example: system, an image, thinking, a tool call, its result, every setting. */
    @Test
    void aFullConversation() {
        ChatRequest request = read("""
                {"model":"claude-sonnet-4-5","max_tokens":1024,
                 "system":"You are terse.",
                 "messages":[
                  {"role":"user","content":[
                     {"type":"text","text":"What is in this image and what's the weather in Paris?"},
                     {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBOR"}}]},
                  {"role":"assistant","content":[
                     {"type":"thinking","thinking":"Need the weather.","signature":"EqoB"},
                     {"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Paris"}}]},
                  {"role":"user","content":[
                     {"type":"tool_result","tool_use_id":"toolu_01","content":"18C","is_error":false},
                     {"type":"text","text":"And tomorrow?","cache_control":{"type":"ephemeral"}}]}],
                 "tools":[{"name":"get_weather","description":"Weather","input_schema":{"type":"object",
                     "properties":{"city":{"type":"string"}},"required":["city"]}}],
                 "tool_choice":{"type":"auto","disable_parallel_tool_use":true},
                 "stop_sequences":["\\n\\nHuman:"],"temperature":0.7,"top_p":0.9,"top_k":40,
                 "metadata":{"user_id":"u-1"},
                 "thinking":{"type":"enabled","budget_tokens":512},
                 "stream":false}""");
        assertEquals("claude-sonnet-4-5", request.model());
        assertEquals(1024, request.maxTokens());
        List<Message> messages = request.messages();
        assertEquals(new Message.System("You are terse.", null), messages.get(0));
        Message.User user = assertInstanceOf(Message.User.class, messages.get(1));
        assertEquals(new ContentPart.Image("data:image/png;base64,iVBOR", null), user.content().get(1));
        Message.Assistant assistant = assertInstanceOf(Message.Assistant.class, messages.get(2));
        assertNull(assistant.content());
        assertEquals("Need the weather.", assistant.reasoningContent());
        assertEquals("toolu_01", assistant.toolCalls().getFirst().id());
        assertEquals("{\"city\":\"Paris\"}", assistant.toolCalls().getFirst().arguments());
        assertEquals(new Message.Tool("toolu_01", "18C"), messages.get(3));
        assertEquals(Message.User.of("And tomorrow?"), messages.get(4));
        assertEquals(5, messages.size());
        assertEquals("get_weather", request.tools().getFirst().name());
        assertInstanceOf(ToolChoice.Auto.class, request.toolChoice());
        assertEquals(Boolean.FALSE, request.parallelToolCalls());
        assertEquals(List.of("\n\nHuman:"), request.stop());
        assertEquals(0.7, request.temperature());
        assertEquals(0.9, request.topP());
        assertEquals(40, request.extensions().get("top_k").asInt());
        assertEquals("low", request.extensions().get("reasoning_effort").asText());
        assertNull(request.extensions().get("thinking"), "Anthropic's own thinking setting is translated, not passed");
        assertEquals("u-1", request.user());
        assertFalse(request.stream());
    }

    @Test
    void aStreamAlwaysAsksForUsage() {
        ChatRequest request = read("""
                {"model":"m","max_tokens":5,"stream":true,"messages":[{"role":"user","content":"Hi"}]}""");
        assertTrue(request.stream());
        assertTrue(request.includeUsage());
    }

    @Test
    void systemBlocksAndSystemMessages() {
        ChatRequest request = read("""
                {"model":"m","max_tokens":5,
                 "system":[{"type":"text","text":"One."},{"type":"text","text":"Two.","cache_control":{"type":"ephemeral"}}],
                 "messages":[{"role":"user","content":"Hi"},{"role":"system","content":"Three."}]}""");
        assertEquals(List.of(new Message.System("One.", null), new Message.System("Two.", null), Message.User.of("Hi"),
                new Message.System("Three.", null)), request.messages());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"any\"}                   | Required",
        "{\"type\":\"none\"}                  | None",
        "{\"type\":\"tool\",\"name\":\"t\"}   | Function"})
    void toolChoices(String choice, String kind) {
        ChatRequest request = read("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"Hi"}],
                 "tools":[{"name":"t","input_schema":{"type":"object"}}],"tool_choice":%s}""".formatted(choice));
        assertEquals(kind, request.toolChoice().getClass().getSimpleName());
    }

    @Test
    void structuredOutputIsAJsonSchemaFormat() {
        ChatRequest request = read("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"Hi"}],
                 "output_config":{"format":{"type":"json_schema","schema":{"type":"object"}}}}""");
        ResponseFormat.JsonSchema format = assertInstanceOf(ResponseFormat.JsonSchema.class, request.responseFormat());
        assertEquals("object", format.schema().path("type").asText());
    }

    @Test
    void toolResultTextBlocksAreJoined() {
        ChatRequest request = read("""
                {"model":"m","max_tokens":5,"messages":[
                  {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1",
                     "content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}]}]}""");
        assertEquals(new Message.Tool("t1", "a\nb"), request.messages().get(1));
    }

    @Test
    void anEmptyFinalAssistantMessageIsLeftOut() {
        ChatRequest request = read("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":[]}]}""");
        assertEquals(List.of(Message.User.of("Hi")), request.messages());
    }

    @Test
    void countTokensReadsTheConversationOnly() {
        ChatRequest request = MessagesRequestJson.readCountTokens(json("""
                {"model":"m","messages":[{"role":"user","content":"Hi"}],
                 "tools":[{"name":"t","input_schema":{"type":"object"}}]}"""));
        assertNull(request.maxTokens());
        assertEquals(1, request.tools().size());
        GatewayException.BadRequest e = assertThrows(GatewayException.BadRequest.class,
                () -> MessagesRequestJson.readCountTokens(json("""
                        {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"Hi"}]}""")));
        assertEquals("max_tokens", e.param());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // Missing and mistyped required fields.
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}                       | max_tokens",
        "{\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}                        | model",
        "{\"model\":\"m\",\"max_tokens\":5}                                                              | messages",
        "{\"model\":\"m\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}       | max_tokens",
        "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}                                              | messages",
        // Roles, blocks and sources Anthropic refuses.
        "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"tool\",\"content\":\"Hi\"}]}       | messages[0].role",
        "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[]}]}           | messages[0].content",
        "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"video\"}]}]} | messages[0].content[0].type",
        "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/bmp\",\"data\":\"x\"}}]}]} | messages[0].content[0].source.media_type",
        "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"tool_result\",\"tool_use_id\":\"t\"}]}]} | messages[0].content[1]",
        "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\",\"name\":\"x\"}]} | messages[0].name",
        // Settings out of Anthropic's ranges, and fields it does not have.
        "{\"model\":\"m\",\"max_tokens\":5,\"temperature\":1.5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | temperature",
        "{\"model\":\"m\",\"max_tokens\":5,\"seed\":1,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | seed",
        "{\"model\":\"m\",\"max_tokens\":5,\"metadata\":{\"org\":\"x\"},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | metadata.org",
        "{\"model\":\"m\",\"max_tokens\":5,\"tool_choice\":{\"type\":\"some\"},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | tool_choice.type",
        "{\"model\":\"m\",\"max_tokens\":5,\"thinking\":{\"type\":\"enabled\"},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | thinking.budget_tokens",
        // What Anthropic has and the canonical request can not carry.
        "{\"model\":\"m\",\"max_tokens\":5,\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}],\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | tools[0].type",
        "{\"model\":\"m\",\"max_tokens\":5,\"mcp_servers\":[{\"type\":\"url\",\"url\":\"https://mcp.example.com\",\"name\":\"x\"}],\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | mcp_servers",
        "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"container_upload\",\"file_id\":\"f\"}]}]} | messages[0].content[0]",
        "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\",\"source\":{\"type\":\"base64\",\"media_type\":\"application/pdf\",\"data\":\"JVBE\"}}]}]} | messages[0].content[0].source",
        "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\",\"source\":{\"type\":\"url\",\"url\":\"https://example.com/a.pdf\"}}]}]} | messages[0].content[0].source",
        "{\"model\":\"m\",\"max_tokens\":5,\"output_format\":{\"type\":\"json_schema\",\"schema\":{}},\"output_config\":{\"format\":{\"type\":\"json_schema\",\"schema\":{}}},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | output_format",
        // Dropped fields are still checked for their shape.
        "{\"model\":\"m\",\"max_tokens\":5,\"context_management\":\"on\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | context_management",
        "{\"model\":\"m\",\"max_tokens\":5,\"output_config\":{\"effort\":\"extreme\"},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | output_config.effort",
        "{\"model\":\"m\",\"max_tokens\":5,\"thinking\":{\"type\":\"adaptive\",\"display\":\"all\"},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | thinking.display",
        "{\"model\":\"m\",\"max_tokens\":5,\"service_tier\":1,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | service_tier"})
    void badInputIsRefusedNamingTheField(String body, String field) {
        assertEquals(field, refused(body).param());
    }

    private static TranslatedMessages translate(String text) {
        return MessagesRequestJson.translate(json(text));
    }

    private static String effort(TranslatedMessages translated) {
        JsonNode effort = translated.request().extensions().get("reasoning_effort");
        return effort == null ? null : effort.asText();
    }

    /**
     * What Claude Code sends on a translated model: every field that only steers Anthropic's
     * platform is left out and named, top-level fields first; the conversation is intact.
     */
    @Test
    void platformFieldsAreDroppedAndNamed() {
        TranslatedMessages translated = translate("""
                {"model":"m","max_tokens":32000,"stream":true,
                 "system":[{"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}}],
                 "messages":[{"role":"user","content":[
                    {"type":"text","text":"Hi","cache_control":{"type":"ephemeral","ttl":"1h"}}]}],
                 "tools":[{"name":"Read","input_schema":{"type":"object"},"cache_control":{"type":"ephemeral"},
                    "defer_loading":false,"input_examples":[{"file_path":"/a"}],"eager_input_streaming":true}],
                 "metadata":{"user_id":"user_abc_session_1"},
                 "context_management":{"edits":[{"type":"clear_thinking_20251015","keep":"all"}]},
                 "cache_control":{"type":"ephemeral"},"container":"container_1","service_tier":"standard_only",
                 "inference_geo":"us","speed":"fast",
                 "thinking":{"type":"adaptive","display":"summarized"},"output_config":{"effort":"medium"}}""");
        assertEquals(List.of("context_management", "cache_control", "container", "service_tier", "inference_geo",
                "speed", "system[0].cache_control", "messages[0].content[0].cache_control", "tools[0].cache_control",
                "tools[0].defer_loading", "tools[0].input_examples", "tools[0].eager_input_streaming",
                "thinking.display"), translated.dropped());
        ChatRequest request = translated.request();
        assertEquals(List.of(new Message.System("You are Claude Code.", null), Message.User.of("Hi")),
                request.messages());
        assertEquals("Read", request.tools().getFirst().name());
        assertEquals("user_abc_session_1", request.user());
        assertEquals("medium", effort(translated));
        assertEquals(List.of("reasoning_effort"), List.copyOf(request.extensions().keySet()),
                "nothing of Anthropic's platform reaches the canonical request");
    }

    /** The thinking settings and their canonical effort (the bands are in docs/agents.md). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}                           | low",
        "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":4096}                           | medium",
        "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":16384}                          | high",
        "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":31999}                          | high",
        "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":31999},\"output_config\":{\"effort\":\"low\"} | low",
        "\"thinking\":{\"type\":\"adaptive\"}                                                  | high",
        "\"thinking\":{\"type\":\"adaptive\"},\"output_config\":{\"effort\":\"low\"}          | low",
        "\"thinking\":{\"type\":\"adaptive\"},\"output_config\":{\"effort\":\"max\"}          | high",
        "\"thinking\":{\"type\":\"adaptive\"},\"output_config\":{\"effort\":\"xhigh\"}        | high",
        "\"thinking\":{\"type\":\"between_tools\"}                                             | minimal",
        "\"thinking\":{\"type\":\"disabled\"}                                                  | null",
        "\"temperature\":1                                                                      | null"})
    void thinkingBecomesAReasoningEffort(String settings, String expected) {
        TranslatedMessages translated = translate("""
                {"model":"m","max_tokens":64000,%s,"messages":[{"role":"user","content":"Hi"}]}""".formatted(settings));
        assertEquals(expected, effort(translated));
        assertEquals(List.of(), translated.dropped());
    }

    /** Effort without thinking shapes only the length of Claude's text: no other provider has that. */
    @Test
    void effortWithoutThinkingIsDroppedAndNamed() {
        for (String thinking : List.of("", "\"thinking\":{\"type\":\"disabled\"},")) {
            TranslatedMessages translated = translate("""
                    {"model":"m","max_tokens":5,%s"output_config":{"effort":"low"},
                     "messages":[{"role":"user","content":"Hi"}]}""".formatted(thinking));
            assertNull(effort(translated));
            assertEquals(List.of("output_config.effort"), translated.dropped());
        }
    }

    @Test
    void theOlderOutputFormatIsAJsonSchemaFormatToo() {
        ChatRequest request = read("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"Hi"}],
                 "output_format":{"type":"json_schema","schema":{"type":"object"}}}""");
        ResponseFormat.JsonSchema format = assertInstanceOf(ResponseFormat.JsonSchema.class, request.responseFormat());
        assertEquals("object", format.schema().path("type").asText());
    }

    /** Text documents and search results become text; their citation settings are dropped and named. */
    @Test
    void textDocumentsAndSearchResultsBecomeText() {
        TranslatedMessages translated = translate("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":[
                  {"type":"document","source":{"type":"text","media_type":"text/plain","data":"The sky is blue."},
                   "title":"Sky","context":"A note","citations":{"enabled":true}},
                  {"type":"document","source":{"type":"content","content":[{"type":"text","text":"Part one."}]}},
                  {"type":"search_result","source":"https://example.com/g","title":"Grass",
                   "content":[{"type":"text","text":"Grass is green."}],"citations":{"enabled":true}},
                  {"type":"text","text":"Colours?"}]}]}""");
        Message.User user = assertInstanceOf(Message.User.class, translated.request().messages().getFirst());
        assertEquals(List.of(new ContentPart.Text("Document: Sky\nA note\nThe sky is blue."),
                new ContentPart.Text("Part one."),
                new ContentPart.Text("Search result: Grass (https://example.com/g)\nGrass is green."),
                new ContentPart.Text("Colours?")), user.content());
        assertEquals(List.of("messages[0].content[0].citations", "messages[0].content[2].citations"),
                translated.dropped());
    }

    /**
     * A tool result's images (Claude Code's Read tool on a picture) can not be in a canonical tool
     * message: they open the user message after the tool messages. An error flag is named as dropped.
     */
    @Test
    void toolResultImagesFollowTheToolMessages() {
        TranslatedMessages translated = translate("""
                {"model":"m","max_tokens":5,"messages":[
                  {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Read","input":{}},
                     {"type":"tool_use","id":"t2","name":"Read","input":{}}]},
                  {"role":"user","content":[
                     {"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"a picture"},
                        {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBOR"}}]},
                     {"type":"tool_result","tool_use_id":"t2","content":"no such file","is_error":true},
                     {"type":"text","text":"Describe it."}]}]}""");
        List<Message> messages = translated.request().messages();
        assertEquals(new Message.Tool("t1", "a picture"), messages.get(1));
        assertEquals(new Message.Tool("t2", "no such file"), messages.get(2));
        assertEquals(new Message.User(List.of(new ContentPart.Image("data:image/png;base64,iVBOR", null),
                new ContentPart.Text("Describe it.")), null), messages.get(3));
        assertEquals(4, messages.size());
        assertEquals(List.of("messages[1].content[1].is_error"), translated.dropped());
    }

    /**
     * The assistant's thinking and redacted_thinking blocks become its reasoning text and
     * signature, from which an adapter that speaks Claude rebuilds the very blocks Claude issued.
     */
    @Test
    void thinkingBlocksBecomeTheReasoningSignature() {
        TranslatedMessages translated = translate("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"Hi"},
                  {"role":"assistant","content":[{"type":"thinking","thinking":"Hmm.","signature":"EqoB"},
                     {"type":"redacted_thinking","data":"EmwK"},{"type":"thinking","thinking":" Right.","signature":"Ezz"},
                     {"type":"text","text":"Hello."}]},
                  {"role":"user","content":"Again"}]}""");
        Message.Assistant assistant = assertInstanceOf(Message.Assistant.class, translated.request().messages().get(1));
        assertEquals("Hmm. Right.", assistant.reasoningContent());
        assertEquals("Hello.", assistant.content());
        assertEquals(List.of(new ReasoningSignature.Thinking("Hmm.", "EqoB"), new ReasoningSignature.Redacted("EmwK"),
                new ReasoningSignature.Thinking(" Right.", "Ezz")),
                ReasoningSignature.decode(assistant.reasoningContent(), assistant.reasoningSignature()));
        assertEquals(List.of(), translated.dropped());
    }

    /** A turn of only redacted thinking and a tool call keeps the redacted block. */
    @Test
    void redactedThinkingAloneIsKept() {
        TranslatedMessages translated = translate("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"Hi"},
                  {"role":"assistant","content":[{"type":"redacted_thinking","data":"EmwK"},
                     {"type":"tool_use","id":"toolu_1","name":"f","input":{}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"ok"}]}]}""");
        Message.Assistant assistant = assertInstanceOf(Message.Assistant.class, translated.request().messages().get(1));
        assertNull(assistant.reasoningContent());
        assertEquals(List.of(new ReasoningSignature.Redacted("EmwK")),
                ReasoningSignature.decode(assistant.reasoningContent(), assistant.reasoningSignature()));
    }

    /** Thinking Gatehouse wrote for a provider that does not sign (empty signatures) is reasoning text alone. */
    @Test
    void unsignedThinkingHasNoSignature() {
        TranslatedMessages translated = translate("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"Hi"},
                  {"role":"assistant","content":[{"type":"thinking","thinking":"Hmm.","signature":""},
                     {"type":"text","text":"Hello."}]},
                  {"role":"user","content":"Again"}]}""");
        Message.Assistant assistant = assertInstanceOf(Message.Assistant.class, translated.request().messages().get(1));
        assertEquals("Hmm.", assistant.reasoningContent());
        assertNull(assistant.reasoningSignature());
    }

    @Test
    void aRedactedBlockNeedsItsData() {
        GatewayException.BadRequest refused = refused("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"Hi"},
                  {"role":"assistant","content":[{"type":"redacted_thinking"},{"type":"text","text":"x"}]},
                  {"role":"user","content":"Again"}]}""");
        assertEquals("messages[1].content[0].data", refused.param());
    }

    /**
     * A model whose deployments say it does not reason: Claude Code's thinking (and effort) are
     * checked, then left out and named whole, and no reasoning effort is asked for.
     */
    @Test
    void thinkingForAModelThatDoesNotReasonIsDroppedAndNamed() {
        TranslatedMessages translated = MessagesRequestJson.translate(json("""
                {"model":"m","max_tokens":32000,"messages":[{"role":"user","content":"Hi"}],
                 "thinking":{"type":"adaptive","display":"summarized"},"output_config":{"effort":"high"}}"""), false);
        assertNull(effort(translated));
        assertEquals(List.of("thinking", "output_config.effort"), translated.dropped());
        TranslatedMessages disabled = MessagesRequestJson.translate(json("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"Hi"}],
                 "thinking":{"type":"disabled"}}"""), false);
        assertEquals(List.of(), disabled.dropped(), "thinking that asks for nothing loses nothing");
        TranslatedMessages counted = MessagesRequestJson.translateCountTokens(json("""
                {"model":"m","messages":[{"role":"user","content":"Hi"}],
                 "thinking":{"type":"enabled","budget_tokens":31999}}"""), false);
        assertNull(effort(counted));
        assertEquals(List.of("thinking"), counted.dropped());
        assertEquals("thinking.budget_tokens", assertThrows(GatewayException.BadRequest.class,
                () -> MessagesRequestJson.translate(json("""
                        {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"Hi"}],
                         "thinking":{"type":"enabled","budget_tokens":0}}"""), false)).param(),
                "a dropped field is still checked");
    }

    @Test
    void countTokensTakesThePlatformFieldsToo() {
        TranslatedMessages translated = MessagesRequestJson.translateCountTokens(json("""
                {"model":"m","messages":[{"role":"user","content":"Hi"}],"context_management":{"edits":[]},
                 "thinking":{"type":"adaptive"},"mcp_servers":[]}"""));
        assertEquals(List.of("context_management"), translated.dropped());
        assertEquals("high", effort(translated));
    }

    /** Fields of the newest beta reference (anthropic-java 3.14's beta client), each dropped and named. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"fallbacks\":[{\"model\":\"claude-opus-4-6\"}]                                  | fallbacks",
        "\"fallback_credit_token\":\"fct_1\"                                                 | fallback_credit_token",
        "\"diagnostics\":{\"previous_response_id\":\"msg_1\"}                              | diagnostics",
        "\"compaction\":{}                                                                   | compaction",
        "\"billing_policy\":\"standard\"                                                     | billing_policy",
        "\"thinking\":{\"type\":\"adaptive\",\"block_binding\":{}}                          | thinking.block_binding",
        "\"thinking\":{\"type\":\"adaptive\"},\"output_config\":{\"task_budget\":{\"total\":1000}} | output_config.task_budget"})
    void newerPlatformFieldsAreDroppedAndNamed(String field, String path) {
        assertEquals(List.of(path), translate("""
                {"model":"m","max_tokens":5,%s,"messages":[{"role":"user","content":"Hi"}]}""".formatted(field))
                .dropped());
    }

    @Test
    void toolsetNamesAreDroppedAndNamed() {
        TranslatedMessages translated = translate("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"Hi"},
                  {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{},"toolset_name":"s"}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"ok","toolset_name":"s"}]}]}""");
        assertEquals(List.of("messages[1].content[0].toolset_name", "messages[2].content[0].toolset_name"),
                translated.dropped());
    }

    @Test
    void aThreadIsRefusedRatherThanLeftOutOnAGuess() {
        assertEquals("thread", refused("""
                {"model":"m","max_tokens":5,"thread":{"id":"t"},"messages":[{"role":"user","content":"Hi"}]}""").param());
    }
}
