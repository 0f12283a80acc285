package dev.gatehouse.server.guardrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The texts of a request body (or an answer) that guardrails check: every string in it, wherever
 * it is (a secret can hide in a tool's arguments or a metadata value as well as in a message),
 * except those that only say what the request is made of — its model, roles, types, ids, enum
 * settings — and inline binary data (a {@code data:} URL, a base64 source), whose randomness would
 * look like a secret and which holds no text. Each text has a path a person can read in an error
 * ({@code messages[2].content[0].text}), never the text itself.
 */
public final class RequestTexts {

    /**
     * Fields whose strings are names, kinds, ids or settings of the request's structure, on every
     * API the gateway serves (OpenAI's Chat Completions and Responses, Anthropic's Messages,
     * embeddings): never free text.
     */
    static final Set<String> STRUCTURAL = Set.of("model", "role", "type", "id", "object", "tool_call_id",
            "call_id", "tool_use_id", "name", "status", "format", "encoding_format", "detail", "media_type",
            "finish_reason", "stop_reason", "service_tier", "reasoning_effort", "effort", "voice", "tool_choice",
            "truncation", "previous_response_id", "prompt_cache_key", "safety_identifier", "user", "cache_control",
            "response_format", "modalities", "signature", "encrypted_content", "file_id", "image_url_detail");

    /** Fields holding inline binary data as base64 (Anthropic's image and document sources). */
    private static final Set<String> BINARY = Set.of("data", "b64_json", "image_base64", "file_data");

    /** One text and where it is. */
    public record Text(String path, String text) {
        /** Never the text: a path and its length are what errors and logs may show. */
        @Override
        public String toString() {
            return path + " (" + text.length() + " characters)";
        }
    }

    private RequestTexts() {}

    /** Every checked text of {@code body}, in document order. */
    public static List<Text> of(JsonNode body) {
        List<Text> texts = new ArrayList<>();
        walk(body, "", null, (path, node) -> {
            texts.add(new Text(path, node.textValue()));
            return null;
        });
        return texts;
    }

    /**
     * Replaces the texts {@code replacements} names by path, in place; a path that is not a checked
     * text of {@code body} is refused (a replacement must never reach a structural field).
     *
     * @throws IllegalArgumentException naming the first unknown path
     */
    public static void replace(JsonNode body, Map<String, String> replacements) {
        Set<String> known = new java.util.HashSet<>();
        walk(body, "", null, (path, node) -> {
            known.add(path);
            return replacements.get(path);
        });
        for (String path : replacements.keySet()) {
            if (!known.contains(path)) {
                throw new IllegalArgumentException("no checked text at " + path);
            }
        }
    }

    /** Replaces every checked text of {@code body} with what {@code change} makes of it, in place. */
    public static void replaceAll(JsonNode body, UnaryOperator<String> change) {
        walk(body, "", null, (path, node) -> change.apply(node.textValue()));
    }

    /** What to do with one text: a replacement, or null to leave it. */
    @FunctionalInterface
    private interface Visit {
        String at(String path, JsonNode text);
    }

    private static void walk(JsonNode node, String path, String field, Visit visit) {
        if (node instanceof ObjectNode object) {
            for (var entry : object.properties()) {
                String name = entry.getKey();
                JsonNode value = entry.getValue();
                String at = path.isEmpty() ? name : path + "." + name;
                if (value.isTextual()) {
                    String replaced = checked(name, value) ? visit.at(at, value) : null;
                    if (replaced != null) {
                        entry.setValue(TextNode.valueOf(replaced));
                    }
                } else if (!STRUCTURAL.contains(name)) {
                    walk(value, at, name, visit);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                String at = path + "[" + i + "]";
                if (value.isTextual()) {
                    String replaced = checked(field, value) ? visit.at(at, value) : null;
                    if (replaced != null) {
                        array.set(i, TextNode.valueOf(replaced));
                    }
                } else {
                    walk(value, at, field, visit);
                }
            }
        }
    }

    /** Whether a string under {@code field} is text to check. */
    private static boolean checked(String field, JsonNode value) {
        if (field != null && (STRUCTURAL.contains(field) || BINARY.contains(field))) {
            return false;
        }
        String text = value.textValue();
        return !text.isEmpty() && !text.regionMatches(true, 0, "data:", 0, 5);
    }
}
