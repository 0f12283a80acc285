package dev.gatehouse.server.cache;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One way of writing a request, so that requests asking the same thing hash the same: object
 * members in sorted order, no whitespace, a member whose value is null left out (the APIs read
 * it as absent), every number by its value ({@code 1}, {@code 1.0} and {@code 1e0} alike), and
 * the top-level fields of {@link #IGNORED} left out. Nothing else is changed: different text,
 * a different order of messages or tools, is a different request. docs/cache.md, "What makes the key".
 */
final class CanonicalJson {

    /**
     * Top-level fields that do not change the answer, with why. Only fields whose effect is
     * documented to be beside the answer are here; anything else might change it, and a wrong
     * hit is worse than a miss.
     */
    static final Map<String, String> IGNORED = Map.of(
            "model", "in the key on its own, as the public model the route resolved",
            "stream", "how the answer is delivered, not what it says; a hit is replayed either way",
            "stream_options", "what a stream carries besides the answer (usage chunk)",
            "user", "the end user's id, for the provider's abuse monitoring",
            "safety_identifier", "the end user's id under OpenAI's newer name",
            "metadata", "labels for the caller's own bookkeeping (OpenAI) or the end user's id (Anthropic)",
            "prompt_cache_key", "a hint where OpenAI's prompt cache looks, not part of the prompt",
            "cache", "LiteLLM's per-request cache controls: how to use this cache, not what to ask");

    private CanonicalJson() {}

    /** Writes {@code request} canonically to {@code out}. */
    static void write(JsonNode request, OutputStream out) {
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
            write(request, json, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(JsonNode node, JsonGenerator json, boolean top) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>();
                node.fieldNames().forEachRemaining(names::add);
                names.sort(null);
                json.writeStartObject();
                for (String name : names) {
                    JsonNode value = node.get(name);
                    if (value.isNull() || (top && IGNORED.containsKey(name))) {
                        continue;
                    }
                    json.writeFieldName(name);
                    write(value, json, false);
                }
                json.writeEndObject();
            }
            case ARRAY -> {
                json.writeStartArray();
                for (JsonNode item : node) {
                    write(item, json, false);
                }
                json.writeEndArray();
            }
            // By value: 0.70 and 0.7 ask for the same temperature. Scientific form throughout, so one value has one text.
            case NUMBER -> json.writeNumber(node.decimalValue().stripTrailingZeros().toString());
            case STRING -> json.writeString(node.textValue());
            case BOOLEAN -> json.writeBoolean(node.booleanValue());
            case NULL -> json.writeNull();
            default -> throw new IllegalArgumentException("not JSON from a request: " + node.getNodeType());
        }
    }
}
