package dev.gatehouse.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicResponseMapperTest {

    private static JsonNode json(String text) {
        return Json.parseUpstream(text, "test");
    }

    @Test
    @DisplayName("a text answer (docs: build-with-claude/working-with-messages)")
    void textAnswer() {
        ChatResponse response = AnthropicResponseMapper.toChatResponse(json("""
                {"id": "msg_01XFDUDYJgAACzvnptvVoYEL", "type": "message", "role": "assistant",
                 "content": [{"type": "text", "text": "Hello!"}],
                 "model": "claude-opus-4-6", "stop_reason": "end_turn", "stop_sequence": null,
                 "usage": {"input_tokens": 12, "output_tokens": 6}}
                """), 1_700_000_000L);
        assertEquals("msg_01XFDUDYJgAACzvnptvVoYEL", response.id());
        assertEquals(1_700_000_000L, response.created());
        assertEquals("claude-opus-4-6", response.model());
        ChatResponse.Choice choice = response.choices().getFirst();
        assertEquals(0, choice.index());
        assertEquals("Hello!", choice.message().content());
        assertTrue(choice.message().toolCalls().isEmpty());
        assertNull(choice.message().reasoningContent());
        assertEquals(FinishReason.STOP, choice.finishReason());
        assertEquals(new Usage(12, 6, null, null, null), response.usage());
    }

    @Test
    @DisplayName("text and a tool_use block (docs: agents-and-tools/tool-use/handle-tool-calls)")
    void toolUse() {
        ChatResponse response = AnthropicResponseMapper.toChatResponse(json("""
                {"id": "msg_01Aq9w938a90dw8q", "model": "claude-opus-5", "stop_reason": "tool_use",
                 "role": "assistant", "type": "message",
                 "content": [
                   {"type": "text", "text": "I'll check the current weather in San Francisco for you."},
                   {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "get_weather",
                    "input": {"location": "San Francisco, CA", "unit": "celsius"}}],
                 "usage": {"input_tokens": 472, "output_tokens": 89}}
                """), 0);
        Message.Assistant message = response.choices().getFirst().message();
        assertEquals("I'll check the current weather in San Francisco for you.", message.content());
        ToolCall call = message.toolCalls().getFirst();
        assertEquals("toolu_01A09q90qw90lq917835lq9", call.id());
        assertEquals("get_weather", call.name());
        assertEquals(json("{\"location\":\"San Francisco, CA\",\"unit\":\"celsius\"}"), json(call.arguments()));
        assertEquals(FinishReason.TOOL_CALLS, response.choices().getFirst().finishReason());
    }

    @Test
    void onlyToolCallsLeaveContentNull() {
        ChatResponse response = AnthropicResponseMapper.toChatResponse(json("""
                {"id": "msg_1", "model": "m", "stop_reason": "tool_use", "content": [
                  {"type": "tool_use", "id": "toolu_1", "name": "get_time", "input": {}},
                  {"type": "tool_use", "id": "toolu_2", "name": "get_weather", "input": {"city": "Oslo"}}],
                 "usage": {"input_tokens": 1, "output_tokens": 2}}
                """), 0);
        Message.Assistant message = response.choices().getFirst().message();
        assertNull(message.content());
        assertEquals("{}", message.toolCalls().get(0).arguments());
        assertEquals("{\"city\":\"Oslo\"}", message.toolCalls().get(1).arguments());
    }

    @Test
    @DisplayName("thinking blocks become reasoning_content (docs: build-with-claude/extended-thinking)")
    void thinkingBecomesReasoningContent() {
        ChatResponse response = AnthropicResponseMapper.toChatResponse(json("""
                {"id": "msg_01", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
                 "content": [
                   {"type": "thinking", "thinking": "1071 = 2 × 462 + 147. ", "signature": "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds..."},
                   {"type": "redacted_thinking", "data": "EmwKAhgBEgy3va3pzix/LafPsn4a"},
                   {"type": "thinking", "thinking": "The remainder is 0, so GCD(1071, 462) = 21.", "signature": "x"},
                   {"type": "text", "text": "The greatest common divisor of 1071 and 462 is **21**."}],
                 "stop_reason": "end_turn", "usage": {"input_tokens": 40, "output_tokens": 120,
                   "output_tokens_details": {"thinking_tokens": 90}}}
                """), 0);
        Message.Assistant message = response.choices().getFirst().message();
        assertEquals("1071 = 2 × 462 + 147. The remainder is 0, so GCD(1071, 462) = 21.", message.reasoningContent());
        assertEquals("The greatest common divisor of 1071 and 462 is **21**.", message.content());
        assertEquals(90, response.usage().reasoningTokens());
        assertEquals(120, response.usage().completionTokens());
    }

    @Test
    void textBlocksAreJoinedInOrder() {
        ChatResponse response = AnthropicResponseMapper.toChatResponse(json("""
                {"id": "msg_2", "model": "m", "stop_reason": "end_turn", "content": [
                  {"type": "text", "text": "According to the document, "},
                  {"type": "text", "text": "the grass is green", "citations": [{"type": "char_location", "cited_text": "The grass is green."}]},
                  {"type": "text", "text": "."}],
                 "usage": {"input_tokens": 1, "output_tokens": 2}}
                """), 0);
        assertEquals("According to the document, the grass is green.", response.choices().getFirst().message().content());
    }

    @DisplayName("stop_reason → finish_reason (docs: build-with-claude/handling-stop-reasons)")
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "end_turn, stop",
        "stop_sequence, stop",
        "max_tokens, length",
        "model_context_window_exceeded, length",
        "pause_turn, length",
        "tool_use, tool_calls",
        "refusal, content_filter",
        "a_future_reason, a_future_reason",
    })
    void stopReasons(String stopReason, String finishReason) {
        assertEquals(new FinishReason(finishReason), AnthropicResponseMapper.finishReason(stopReason));
    }

    @Test
    void aMissingStopReasonStaysNull() {
        assertNull(AnthropicResponseMapper.finishReason(null));
    }

    @Test
    @DisplayName("usage with prompt cache reads and writes (docs: build-with-claude/prompt-caching)")
    void usageWithCacheTokens() {
        Usage usage = AnthropicResponseMapper.usage(json("""
                {"input_tokens": 2048, "cache_read_input_tokens": 1800, "cache_creation_input_tokens": 248,
                 "output_tokens": 503,
                 "cache_creation": {"ephemeral_5m_input_tokens": 148, "ephemeral_1h_input_tokens": 100}}
                """));
        assertEquals(2048 + 1800 + 248, usage.promptTokens());
        assertEquals(1800, usage.cachedTokens());
        assertEquals(248, usage.cacheWriteTokens());
        assertEquals(503, usage.completionTokens());
        assertEquals(4096 + 503, usage.totalTokens());
        assertNull(usage.reasoningTokens());
    }

    @Test
    void aMessageWithoutIdIsAnUpstreamFault() {
        GatewayException error = assertThrows(GatewayException.class,
                () -> AnthropicResponseMapper.toChatResponse(json("{\"type\":\"message\",\"content\":[]}"), 0));
        assertInstanceOf(GatewayException.UpstreamServerError.class, error);
    }
}
