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
        assertEquals(512, request.extensions().get("thinking").path("budget_tokens").asInt());
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
        "{\"model\":\"m\",\"max_tokens\":5,\"mcp_servers\":[],\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | mcp_servers",
        "{\"model\":\"m\",\"max_tokens\":5,\"output_config\":{\"effort\":\"low\"},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | output_config.effort",
        "{\"model\":\"m\",\"max_tokens\":5,\"service_tier\":\"standard_only\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | service_tier"})
    void badInputIsRefusedNamingTheField(String body, String field) {
        assertEquals(field, refused(body).param());
    }
}
