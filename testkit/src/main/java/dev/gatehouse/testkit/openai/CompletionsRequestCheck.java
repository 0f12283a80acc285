package dev.gatehouse.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What OpenAI's legacy Completions endpoint refuses, checked the way the API does: unknown fields,
 * a missing model or prompt, values out of their documented ranges, {@code stream_options} without
 * {@code stream}, more than four stop sequences, {@code best_of} below {@code n}. Field list and
 * ranges: the API reference of {@code POST /v1/completions}
 * (https://platform.openai.com/docs/api-reference/completions/create).
 */
final class CompletionsRequestCheck {

    private static final Set<String> FIELDS = Set.of("model", "prompt", "suffix", "max_tokens", "temperature",
            "top_p", "n", "stream", "stream_options", "logprobs", "echo", "stop", "presence_penalty",
            "frequency_penalty", "best_of", "logit_bias", "seed", "user");

    private CompletionsRequestCheck() {}

    /** Why the real API would refuse this body, or empty. */
    static Optional<String> check(JsonNode body) {
        if (body == null || !body.isObject()) {
            return Optional.of("the body is not a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                return Optional.of("Unrecognized request argument supplied: " + field.getKey());
            }
        }
        if (!body.path("model").isTextual() || body.path("model").asText().isEmpty()) {
            return Optional.of("'model' is required and must be a string");
        }
        if (!prompt(body.get("prompt"))) {
            return Optional.of("'prompt' must be a string, an array of strings, or token arrays");
        }
        boolean stream = body.path("stream").asBoolean(false);
        if (body.has("stream") && !body.get("stream").isBoolean()) {
            return Optional.of("'stream' must be a boolean");
        }
        if (body.has("stream_options") && (!stream || !body.get("stream_options").isObject())) {
            return Optional.of("'stream_options' is only allowed when 'stream' is true");
        }
        return ranges(body);
    }

    private static Optional<String> ranges(JsonNode body) {
        if (!inRange(body, "temperature", 0, 2) || !inRange(body, "top_p", 0, 1)
                || !inRange(body, "presence_penalty", -2, 2) || !inRange(body, "frequency_penalty", -2, 2)) {
            return Optional.of("a sampling parameter is out of its documented range");
        }
        if (!integer(body, "max_tokens", 0, Integer.MAX_VALUE) || !integer(body, "n", 1, 128)
                || !integer(body, "logprobs", 0, 5) || !integer(body, "best_of", 0, 20)
                || !integer(body, "seed", Long.MIN_VALUE, Long.MAX_VALUE)) {
            return Optional.of("an integer parameter is not an integer in its documented range");
        }
        if (body.has("best_of") && body.get("best_of").asInt() < body.path("n").asInt(1)) {
            return Optional.of("'best_of' must be at least 'n'");
        }
        JsonNode stop = body.get("stop");
        if (stop != null && !stop.isNull() && !stop.isTextual()
                && !(stop.isArray() && stop.size() <= 4 && allText(stop))) {
            return Optional.of("'stop' must be a string or an array of up to 4 strings");
        }
        for (String text : new String[] {"suffix", "user"}) {
            if (body.has(text) && !body.get(text).isTextual() && !body.get(text).isNull()) {
                return Optional.of("'" + text + "' must be a string");
            }
        }
        if (body.has("echo") && !body.get("echo").isBoolean()) {
            return Optional.of("'echo' must be a boolean");
        }
        if (body.has("logit_bias") && !body.get("logit_bias").isObject()) {
            return Optional.of("'logit_bias' must be an object");
        }
        return Optional.empty();
    }

    private static boolean prompt(JsonNode prompt) {
        if (prompt == null) {
            return false;
        }
        if (prompt.isTextual()) {
            return true;
        }
        if (!prompt.isArray() || prompt.isEmpty()) {
            return false;
        }
        for (JsonNode item : prompt) {
            if (!item.isTextual() && !item.isInt() && !item.isArray()) {
                return false;
            }
        }
        return true;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static boolean inRange(JsonNode body, String name, double min, double max) {
        JsonNode value = body.get(name);
        return value == null || value.isNull() || value.isNumber() && value.asDouble() >= min && value.asDouble() <= max;
    }

    private static boolean integer(JsonNode body, String name, long min, long max) {
        JsonNode value = body.get(name);
        return value == null || value.isNull()
                || value.isIntegralNumber() && value.asLong() >= min && value.asLong() <= max;
    }
}
