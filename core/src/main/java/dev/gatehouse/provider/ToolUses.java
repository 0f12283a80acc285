package dev.gatehouse.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * OpenAI's tool calls as the tool-use blocks of upstreams that take a call's input as a JSON
 * object rather than as text (Anthropic, Bedrock): what every such mapper checks the same way.
 */
public final class ToolUses {

    /** Adds one tool-use block: the call and its input. */
    @FunctionalInterface
    public interface Block {
        void add(ToolCall call, JsonNode input);
    }

    private ToolUses() {}

    /**
     * Each tool call of the assistant message at {@code index}, with its input. An id already used
     * in the conversation ({@code toolIds}: id → message index, which this fills) or arguments that
     * are not a JSON object are a 400 naming the call.
     */
    public static void each(List<ToolCall> calls, int index, Map<String, Integer> toolIds, Block block) {
        for (int k = 0; k < calls.size(); k++) {
            ToolCall call = calls.get(k);
            String param = "messages[" + index + "].tool_calls[" + k + "]";
            if (toolIds.putIfAbsent(call.id(), index) != null) {
                throw UnsupportedParams.invalid(param + ".id", "tool call id '" + call.id() + "' is used twice");
            }
            block.add(call, input(call.arguments(), param + ".function.arguments"));
        }
    }

    /** A tool call's arguments, a JSON text in OpenAI's API, as the JSON object the upstream's input is. */
    public static JsonNode input(String arguments, String param) {
        if (arguments.isBlank()) {
            return Json.object();
        }
        try {
            JsonNode input = Json.mapper().readTree(arguments);
            if (input != null && input.isObject()) {
                return input;
            }
        } catch (IOException notJson) {
            // Reported below, with the parameter named.
        }
        throw UnsupportedParams.invalid(param, "tool call arguments must be a JSON object");
    }
}
