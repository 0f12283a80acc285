package dev.gatehouse.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Usage;

/**
 * The usage in Anthropic's own answers, for the spend log when a Messages request went to an
 * Anthropic upstream as written: {@code usage} of a message, and in a stream the
 * {@code message_start} usage (input) updated by each {@code message_delta} (output so far,
 * cumulative). https://docs.anthropic.com/en/api/messages-streaming
 */
final class AnthropicUsage {

    private int input;
    private int output;
    private Integer cacheRead;
    private Integer cacheWrite;
    private boolean seen;
    /** The content_block_delta events, read only if the caller leaves before the stream's end. */
    private final StreamedDeltas deltas = new StreamedDeltas("Anthropic", AnthropicUsage::deltaText);

    /** Reads a usage object ({@code {"input_tokens":…, "output_tokens":…, "cache_…"}}); absent fields keep their value. */
    AnthropicUsage add(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return this;
        }
        seen = true;
        if (usage.path("input_tokens").isIntegralNumber()) {
            input = usage.path("input_tokens").asInt();
        }
        if (usage.path("output_tokens").isIntegralNumber()) {
            output = usage.path("output_tokens").asInt();
        }
        if (usage.path("cache_read_input_tokens").isIntegralNumber()) {
            cacheRead = usage.path("cache_read_input_tokens").asInt();
        }
        if (usage.path("cache_creation_input_tokens").isIntegralNumber()) {
            cacheWrite = usage.path("cache_creation_input_tokens").asInt();
        }
        return this;
    }

    /** Keeps a content_block_delta event's data, unparsed: most streams never need it. */
    void delta(String data) {
        deltas.add(data);
    }

    /**
     * The text the kept deltas carried (text, thinking, tool input JSON), for counting what was
     * generated before the caller left: the final usage never comes then.
     */
    String streamedText() {
        return deltas.text();
    }

    private static void deltaText(JsonNode event, StringBuilder text) {
        JsonNode delta = event.path("delta");
        for (String field : new String[] {"text", "thinking", "partial_json"}) {
            if (delta.path(field).isTextual()) {
                text.append(delta.path(field).textValue());
            }
        }
    }

    /** The usage in Gatehouse's terms (prompt tokens include cached ones, as OpenAI counts them), or null. */
    Usage usage() {
        if (!seen) {
            return null;
        }
        int cached = cacheRead == null ? 0 : cacheRead;
        int written = cacheWrite == null ? 0 : cacheWrite;
        return new Usage(input + cached + written, output, cacheRead, cacheWrite, null);
    }
}
