package dev.gatehouse.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Usage;

/**
 * The {@code usage} of OpenAI's Response object as the canonical usage: input and output tokens,
 * the cached part of the input, the reasoning part of the output
 * (https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage).
 */
final class ResponsesUsage {

    private ResponsesUsage() {}

    /** The usage, or null when the Response carries none. */
    static Usage of(JsonNode usage) {
        if (usage == null || !usage.isObject() || !usage.path("input_tokens").canConvertToInt()) {
            return null;
        }
        return new Usage(usage.path("input_tokens").intValue(), usage.path("output_tokens").asInt(0),
                optional(usage.path("input_tokens_details").get("cached_tokens")), null,
                optional(usage.path("output_tokens_details").get("reasoning_tokens")));
    }

    private static Integer optional(JsonNode value) {
        return value != null && value.canConvertToInt() ? value.intValue() : null;
    }
}
