package dev.gatehouse.api.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
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
}
