package dev.gatehouse.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;

/**
 * Gemini's {@code usageMetadata} as OpenAI usage.
 *
 * <ul>
 *   <li>prompt = {@code promptTokenCount} (which already includes cached tokens) +
 *       {@code toolUsePromptTokenCount} (zero unless server-side tools ran);
 *   <li>completion = {@code candidatesTokenCount} + {@code thoughtsTokenCount}: Gemini counts
 *       thinking apart from the answer and bills both as output, while OpenAI's completion count
 *       includes reasoning, so the sum is the comparable number;
 *   <li>cached = {@code cachedContentTokenCount}; reasoning = {@code thoughtsTokenCount}.
 * </ul>
 * The total then equals Gemini's {@code totalTokenCount}.
 */
final class GeminiUsage {

    private GeminiUsage() {}

    /** The usage, or null when {@code usageMetadata} is absent. */
    static Usage of(JsonNode usageMetadata) {
        if (usageMetadata == null || !usageMetadata.isObject()) {
            return null;
        }
        Integer thoughts = Json.intOrNull(usageMetadata, "thoughtsTokenCount");
        int prompt = count(usageMetadata, "promptTokenCount") + count(usageMetadata, "toolUsePromptTokenCount");
        int completion = count(usageMetadata, "candidatesTokenCount") + (thoughts == null ? 0 : thoughts);
        return new Usage(prompt, completion, Json.intOrNull(usageMetadata, "cachedContentTokenCount"), null, thoughts);
    }

    private static int count(JsonNode usageMetadata, String field) {
        Integer value = Json.intOrNull(usageMetadata, field);
        return value == null ? 0 : value;
    }
}
