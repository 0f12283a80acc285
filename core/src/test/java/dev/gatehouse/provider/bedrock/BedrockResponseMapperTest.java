package dev.gatehouse.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Converse responses → OpenAI, from the response syntax of
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html and the
 * stop reasons of API_runtime_MessageStopEvent.html.
 */
class BedrockResponseMapperTest {

    @Test
    void mapsTextToolUseReasoningAndUsage() {
        ChatResponse response = BedrockResponseMapper.toChatResponse(Json.parseUpstream("""
                {"output":{"message":{"role":"assistant","content":[
                    {"reasoningContent":{"reasoningText":{"text":"The user wants weather.","signature":"sig"}}},
                    {"text":"Checking."},
                    {"toolUse":{"toolUseId":"tooluse_1","name":"get_weather","input":{"city":"Paris"}}}]}},
                 "stopReason":"tool_use",
                 "usage":{"inputTokens":30,"outputTokens":12,"totalTokens":42,"cacheReadInputTokens":100,"cacheWriteInputTokens":5},
                 "metrics":{"latencyMs":812}}
                """, "test"), "chatcmpl-req1", "claude", 1700000000L);
        assertEquals("chatcmpl-req1", response.id());
        assertEquals("claude", response.model());
        ChatResponse.Choice choice = response.choices().getFirst();
        assertEquals("Checking.", choice.message().content());
        assertEquals("The user wants weather.", choice.message().reasoningContent());
        assertEquals(List.of(new ToolCall("tooluse_1", "get_weather", "{\"city\":\"Paris\"}")), choice.message().toolCalls());
        assertEquals(FinishReason.TOOL_CALLS, choice.finishReason());
        assertEquals(new Usage(135, 12, 100, 5, null), response.usage());
    }

    @Test
    void onlyToolCallsMeansNoContent() {
        ChatResponse response = BedrockResponseMapper.toChatResponse(Json.parseUpstream("""
                {"output":{"message":{"role":"assistant","content":[
                    {"toolUse":{"toolUseId":"t","name":"f","input":{}}}]}},"stopReason":"tool_use"}
                """, "test"), "id", "m", 0);
        assertNull(response.choices().getFirst().message().content());
        assertNull(response.usage());
    }

    @Test
    void stopReasons() {
        assertEquals(FinishReason.STOP, BedrockResponseMapper.finishReason("end_turn"));
        assertEquals(FinishReason.STOP, BedrockResponseMapper.finishReason("stop_sequence"));
        assertEquals(FinishReason.LENGTH, BedrockResponseMapper.finishReason("max_tokens"));
        assertEquals(FinishReason.LENGTH, BedrockResponseMapper.finishReason("model_context_window_exceeded"));
        assertEquals(FinishReason.TOOL_CALLS, BedrockResponseMapper.finishReason("tool_use"));
        assertEquals(FinishReason.CONTENT_FILTER, BedrockResponseMapper.finishReason("guardrail_intervened"));
        assertEquals(FinishReason.CONTENT_FILTER, BedrockResponseMapper.finishReason("content_filtered"));
        assertEquals(FinishReason.of("malformed_tool_use"), BedrockResponseMapper.finishReason("malformed_tool_use"));
    }
}
