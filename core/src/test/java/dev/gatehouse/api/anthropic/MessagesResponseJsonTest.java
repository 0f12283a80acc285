package dev.gatehouse.api.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ReasoningSignature;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Canonical responses → Anthropic's Message object, in the shape the documentation's response
 * example has (https://platform.claude.com/docs/en/api/messages/create).
 */
class MessagesResponseJsonTest {

    private static ChatResponse response(Message.Assistant message, FinishReason reason, Usage usage) {
        return new ChatResponse("chatcmpl-1", 0, "my-model", List.of(new ChatResponse.Choice(0, message, reason)),
                usage, null);
    }

    @Test
    void thinkingTextAndToolUseBlocks() {
        Message.Assistant message = new Message.Assistant("Let me check.",
                List.of(new ToolCall("toolu_01", "get_weather", "{\"city\":\"Paris\"}")), null, "Thinking...", null);
        JsonNode json = MessagesResponseJson.write(response(message, FinishReason.TOOL_CALLS,
                new Usage(849, 47, 100, 20, null)));
        assertEquals(Json.parseUpstream("""
                {"id":"chatcmpl-1","type":"message","role":"assistant","model":"my-model",
                 "content":[{"type":"thinking","thinking":"Thinking...","signature":""},
                            {"type":"text","text":"Let me check."},
                            {"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Paris"}}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":729,"cache_creation_input_tokens":20,"cache_read_input_tokens":100,
                          "output_tokens":47}}""", "test"), json);
    }

    @ParameterizedTest
    @CsvSource({"stop,end_turn", "length,max_tokens", "tool_calls,tool_use", "content_filter,refusal",
        "something_new,end_turn"})
    void stopReasons(String finish, String stop) {
        JsonNode json = MessagesResponseJson.write(response(Message.Assistant.of("x"), FinishReason.of(finish), null));
        assertEquals(stop, json.path("stop_reason").asText());
    }

    @Test
    void aRefusalIsText() {
        JsonNode json = MessagesResponseJson.write(response(new Message.Assistant(null, List.of(), "I can't.", null, null),
                FinishReason.CONTENT_FILTER, Usage.of(1, 1)));
        assertEquals("I can't.", json.path("content").get(0).path("text").asText());
    }

    @Test
    void toolArgumentsThatAreNotAnObjectAreTheUpstreamsFault() {
        Message.Assistant message = new Message.Assistant(null, List.of(new ToolCall("t", "f", "[1")), null, null, null);
        assertInstanceOf(GatewayException.UpstreamServerError.class, assertThrows(GatewayException.class,
                () -> MessagesResponseJson.write(response(message, FinishReason.TOOL_CALLS, null))));
    }

    /** Signed reasoning is written as the blocks Claude issued: each thinking block with its signature, redacted ones with their data. */
    @Test
    void signedReasoningIsTheBlocksItRecords() {
        String signature = ReasoningSignature.encode(List.of(new ReasoningSignature.Thinking("First.", "EqoB"),
                new ReasoningSignature.Redacted("EmwK"), new ReasoningSignature.Thinking(" Then.", "Ezz")));
        Message.Assistant message = new Message.Assistant(null,
                List.of(new ToolCall("toolu_01", "f", "{}")), null, "First. Then.", null, signature);
        JsonNode json = MessagesResponseJson.write(response(message, FinishReason.TOOL_CALLS, null));
        assertEquals(Json.parseUpstream("""
                [{"type":"thinking","thinking":"First.","signature":"EqoB"},
                 {"type":"redacted_thinking","data":"EmwK"},
                 {"type":"thinking","thinking":" Then.","signature":"Ezz"},
                 {"type":"tool_use","id":"toolu_01","name":"f","input":{}}]""", "test"), json.get("content"));
    }

    /** Read back, the written blocks give the same reasoning and signature: the round trip a tool loop makes. */
    @Test
    void writtenBlocksReadBackUnchanged() {
        String signature = ReasoningSignature.encode(List.of(new ReasoningSignature.Thinking("A", "s1"),
                new ReasoningSignature.Redacted("r1")));
        Message.Assistant answer = new Message.Assistant("Done.", List.of(), null, "A", null, signature);
        JsonNode written = MessagesResponseJson.write(response(answer, FinishReason.STOP, null));
        var body = Json.object().put("model", "m").put("max_tokens", 5);
        body.putArray("messages").add(Json.object().put("role", "user").put("content", "Hi"))
                .add(Json.object().put("role", "assistant").set("content", written.get("content")));
        ((com.fasterxml.jackson.databind.node.ArrayNode) body.get("messages"))
                .add(Json.object().put("role", "user").put("content", "More"));
        Message.Assistant back = assertInstanceOf(Message.Assistant.class,
                MessagesRequestJson.read(body).messages().get(1));
        assertEquals(answer, back);
    }

    @Test
    void aSignatureThatDoesNotMatchItsReasoningIsTheUpstreamsFault() {
        Message.Assistant message = new Message.Assistant("x", List.of(), null, "longer text", null,
                ReasoningSignature.encode(List.of(new ReasoningSignature.Thinking("short", "s"))));
        assertThrows(GatewayException.UpstreamServerError.class,
                () -> MessagesResponseJson.write(response(message, FinishReason.STOP, null)));
    }
}
