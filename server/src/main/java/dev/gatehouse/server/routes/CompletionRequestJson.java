package dev.gatehouse.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.wire.ChatRequestJson;
import dev.gatehouse.api.wire.Fields;
import dev.gatehouse.json.Json;
import java.util.List;
import java.util.Set;

/**
 * Reads a request to OpenAI's legacy Completions API (platform.openai.com/docs/api-reference/completions/create)
 * as the chat request Gatehouse sends for it: the prompt becomes one user message, {@code max_tokens}
 * defaults to 16 as OpenAI's does, and the fields Chat Completions shares under the same names
 * ({@code temperature}, {@code top_p}, {@code n}, {@code stream}, {@code stream_options}, {@code stop},
 * {@code presence_penalty}, {@code frequency_penalty}, {@code logit_bias}, {@code seed}, {@code user}) are
 * read by chat's own reader, so they are checked, and refused by the deployments that can not take them,
 * exactly as in a chat request.
 *
 * <p>What a chat model can not do faithfully is refused by name: {@code echo}, {@code logprobs},
 * {@code suffix} (insertion), {@code best_of} above {@code n}, token-array prompts, and more than one
 * prompt in a list (each would be its own completion, which one request here does not fan out).
 * Unknown fields are refused too: the API is frozen, so one is a mistake, not a newer parameter.
 */
final class CompletionRequestJson {

    /** OpenAI's default {@code max_tokens} for a completion. */
    static final int DEFAULT_MAX_TOKENS = 16;

    /** The fields chat reads under the same name and meaning. */
    private static final List<String> SHARED = List.of("model", "max_tokens", "temperature", "top_p", "n", "stream",
            "stream_options", "stop", "presence_penalty", "frequency_penalty", "logit_bias", "seed", "user");
    /** Every documented field; any other is refused. */
    private static final Set<String> KNOWN = Set.of("model", "prompt", "suffix", "max_tokens", "temperature", "top_p",
            "n", "stream", "stream_options", "logprobs", "echo", "stop", "presence_penalty", "frequency_penalty",
            "best_of", "logit_bias", "seed", "user");

    private CompletionRequestJson() {}

    static ChatRequest read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new GatewayException.BadRequest("The request body must be a JSON object.", null);
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!KNOWN.contains(name)) {
                throw new GatewayException.BadRequest("Unknown parameter: '" + name + "'. The Completions API does"
                        + " not take it; remove it.", name, "unknown_parameter", null);
            }
        });
        String prompt = prompt(body.get("prompt"));
        ObjectNode chat = Json.object();
        for (String name : SHARED) {
            if (body.has(name)) {
                chat.set(name, body.get(name));
            }
        }
        if (!Fields.present(body.get("max_tokens"))) {
            chat.put("max_tokens", DEFAULT_MAX_TOKENS);
        }
        chat.putArray("messages").addObject().put("role", "user").put("content", prompt);
        ChatRequest request = ChatRequestJson.read(chat);
        refuseUntranslatable(body, request.n() == null ? 1 : request.n());
        return request;
    }

    /** The one prompt: a string, or a list holding one string. */
    private static String prompt(JsonNode prompt) {
        if (!Fields.present(prompt)) {
            // OpenAI's default prompt is its end-of-text token, which means nothing to a chat model.
            throw new GatewayException.BadRequest("Missing required parameter: 'prompt'.", "prompt");
        }
        JsonNode text = prompt;
        if (prompt.isArray()) {
            if (!prompt.isEmpty() && prompt.get(0).isNumber() || !prompt.isEmpty() && prompt.get(0).isArray()) {
                throw new GatewayException.BadRequest("'prompt' as token ids is not supported: Gatehouse sends the"
                        + " prompt to a chat model, which reads text. Send the prompt as a string.", "prompt");
            }
            if (prompt.size() != 1) {
                throw new GatewayException.BadRequest("'prompt' must be one string (or a list of one): Gatehouse"
                        + " answers one prompt per request. Send each prompt as its own request.", "prompt");
            }
            text = prompt.get(0);
        }
        if (!text.isTextual()) {
            throw Fields.invalid("prompt", "a string", text);
        }
        if (text.asText().isEmpty()) {
            throw new GatewayException.BadRequest("'prompt' must not be empty.", "prompt");
        }
        return text.asText();
    }

    /** The fields a chat model can not answer as the Completions API means them, each refused by name when used. */
    private static void refuseUntranslatable(JsonNode body, int n) {
        Boolean echo = Fields.optionalBoolean(body, "echo", "echo");
        if (Boolean.TRUE.equals(echo)) {
            throw untranslatable("echo", "a chat model's answer does not repeat the prompt");
        }
        Integer logprobs = Fields.optionalInt(body, "logprobs", "logprobs", 0, 5);
        if (logprobs != null) {
            throw untranslatable("logprobs", "token log probabilities are not carried through chat");
        }
        String suffix = Fields.optionalText(body, "suffix", "suffix");
        if (suffix != null && !suffix.isEmpty()) {
            throw untranslatable("suffix", "a chat model does not insert text before a suffix");
        }
        Integer bestOf = Fields.optionalInt(body, "best_of", "best_of", 1, 20);
        if (bestOf != null && bestOf > n) {
            throw untranslatable("best_of", "choosing the best of several completions needs their log probabilities");
        }
    }

    private static GatewayException.BadRequest untranslatable(String field, String why) {
        return new GatewayException.BadRequest("'" + field + "' is not supported: Gatehouse answers completions"
                + " through chat models, and " + why + ". Remove it.", field);
    }
}
