package dev.gatehouse.api.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;

/** OpenAI's {@code usage} object, both ways. */
public final class UsageJson {

    private UsageJson() {}

    /**
     * Reads usage as OpenAI and its compatible family report it. DeepSeek reports cache hits as
     * {@code prompt_cache_hit_tokens} instead of {@code prompt_tokens_details.cached_tokens}.
     * Null when the node is absent or null.
     */
    public static Usage read(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        Integer cached = Json.intOrNull(usage.get("prompt_tokens_details"), "cached_tokens");
        if (cached == null) {
            cached = Json.intOrNull(usage, "prompt_cache_hit_tokens");
        }
        return new Usage(usage.path("prompt_tokens").asInt(0), usage.path("completion_tokens").asInt(0), cached, null,
                Json.intOrNull(usage.get("completion_tokens_details"), "reasoning_tokens"));
    }

    public static ObjectNode write(Usage usage) {
        ObjectNode node = Json.object()
                .put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens())
                .put("total_tokens", usage.totalTokens());
        if (usage.cachedTokens() != null) {
            node.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedTokens());
        }
        if (usage.reasoningTokens() != null) {
            node.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        }
        return node;
    }
}
