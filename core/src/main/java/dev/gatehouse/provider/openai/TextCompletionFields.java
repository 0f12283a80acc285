package dev.gatehouse.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ResponseFormat;
import dev.gatehouse.provider.CheckedChat;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.UnsupportedParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A chat request against what OpenAI's legacy Completions API takes
 * (https://platform.openai.com/docs/api-reference/completions/create), before anything is sent.
 *
 * <p>Refused with a 400 whatever {@code drop_params} says, because leaving them out would change
 * the answer the caller relies on: tools, a JSON response format (the API has neither), and what
 * the prompt can not hold ({@link TextCompletionPrompt}: images, tool calls and results). Left
 * out and named when the deployment drops parameters, otherwise refused with a 400 naming them:
 * {@code tool_choice} and {@code parallel_tool_calls} without tools, participant names, and every
 * further field except the three the Completions API documents under chat's names and meanings
 * ({@link #PASSED}). Chat's {@code logprobs} is a switch where the Completions API takes a count, and
 * its answer's shape differs, so it is among the fields left out or refused.
 */
final class TextCompletionFields {

    /** Further chat fields the Completions API takes under the same name and meaning. */
    static final Set<String> PASSED = Set.of("presence_penalty", "frequency_penalty", "logit_bias");

    private TextCompletionFields() {}

    static CheckedChat check(ChatRequest request, Deployment deployment) {
        UnsupportedParams unsupported = new UnsupportedParams(TextCompletionProvider.NAME, deployment.dropParams());
        if (!request.tools().isEmpty()) {
            throw refused("tools", "has no tools; send requests with tools to a chat model");
        }
        // Images and tool messages are refused here, before the gateway fetches any image to inline it.
        TextCompletionPrompt.of(request.messages());
        switch (request.responseFormat()) {
            case null -> { }
            case ResponseFormat.Text text -> { }
            case ResponseFormat.JsonObject json -> throw refused("response_format", "has no JSON mode");
            case ResponseFormat.JsonSchema schema -> throw refused("response_format", "has no structured output");
        }
        ChatRequest.Builder kept = request.toBuilder();
        List<String> dropped = new ArrayList<>(0);
        if (request.toolChoice() != null) {
            unsupported.reject("tool_choice", "The Completions API has no tools");
            kept.toolChoice(null);
            dropped.add("tool_choice");
        }
        if (request.parallelToolCalls() != null) {
            unsupported.reject("parallel_tool_calls", "The Completions API has no tools");
            kept.parallelToolCalls(null);
            dropped.add("parallel_tool_calls");
        }
        if (request.messages().stream().anyMatch(OpenAiRequestMapper::hasName)) {
            unsupported.reject("messages[].name", "The Completions API's prompt has no participant names");
            kept.messages(request.messages().stream().map(OpenAiRequestMapper::withoutName).toList());
            dropped.add("messages[].name");
        }
        Map<String, JsonNode> extensions = new LinkedHashMap<>();
        request.extensions().forEach((name, value) -> {
            if (PASSED.contains(name)) {
                extensions.put(name, value);
                return;
            }
            unsupported.reject(name, "'" + name + "' is not a parameter of the Completions API");
            dropped.add(name);
        });
        kept.extensions(extensions);
        return dropped.isEmpty() ? CheckedChat.unchanged(request) : new CheckedChat(kept.build(), dropped);
    }

    private static GatewayException.BadRequest refused(String param, String why) {
        return new GatewayException.BadRequest("'" + param + "' is not supported: OpenAI's Completions API " + why
                + ".", param, "unsupported_parameter", null);
    }
}
