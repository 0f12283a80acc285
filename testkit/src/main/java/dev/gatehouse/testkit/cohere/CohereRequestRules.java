package dev.gatehouse.testkit.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * What Cohere's {@code POST /v2/chat} refuses, from the request schema in Cohere's
 * {@code cohere-openapi.yaml} (cohere-ai/cohere-developer-experience): required {@code model},
 * {@code messages} and {@code stream}; the four roles and their fields; tools of type
 * {@code function} with {@code name} and {@code parameters}; {@code tool_choice} REQUIRED or NONE;
 * {@code temperature} 0–1, {@code p} 0.01–0.99, {@code k} 0–500, at most 5 stop sequences;
 * {@code response_format} text or json_object. Fields Gatehouse never sends are refused too,
 * so that a mapping that sends something unexpected fails a test.
 */
final class CohereRequestRules {

    private static final Set<String> FIELDS = Set.of("model", "messages", "stream", "tools", "strict_tools",
            "response_format", "max_tokens", "stop_sequences", "temperature", "seed", "frequency_penalty",
            "presence_penalty", "k", "p", "tool_choice", "thinking");

    private CohereRequestRules() {}

    static Optional<String> check(JsonNode body) {
        if (body == null || !body.isObject()) {
            return Optional.of("invalid request: the body must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                return Optional.of("invalid request: unknown field '" + name + "'");
            }
        }
        if (!body.path("model").isTextual() || body.path("model").asText().isBlank()) {
            return Optional.of("invalid request: model must be a non-empty string");
        }
        if (!body.path("stream").isBoolean()) {
            return Optional.of("invalid request: stream must be a boolean");
        }
        Set<String> tools = new HashSet<>();
        for (JsonNode tool : body.path("tools")) {
            JsonNode function = tool.path("function");
            if (!"function".equals(tool.path("type").asText()) || !function.path("name").isTextual()
                    || !function.path("parameters").isObject()) {
                return Optional.of("invalid request: each tool needs type function, a function name and parameters");
            }
            tools.add(function.path("name").asText());
        }
        Optional<String> messages = messages(body.path("messages"));
        if (messages.isPresent()) {
            return messages;
        }
        JsonNode choice = body.get("tool_choice");
        if (choice != null && !(choice.asText().equals("REQUIRED") || choice.asText().equals("NONE"))) {
            return Optional.of("invalid request: tool_choice must be REQUIRED or NONE");
        }
        if (choice != null && tools.isEmpty()) {
            return Optional.of("invalid request: tool_choice requires tools");
        }
        if (outside(body.get("temperature"), 0, 1)) {
            return Optional.of("invalid request: temperature must be between 0 and 1");
        }
        if (outside(body.get("p"), 0.01, 0.99)) {
            return Optional.of("invalid request: p must be between 0.01 and 0.99");
        }
        if (outside(body.get("k"), 0, 500)) {
            return Optional.of("invalid request: k must be between 0 and 500");
        }
        if (body.has("thinking")) {
            // https://docs.cohere.com/reference/chat: thinking.type enabled or disabled, token_budget a positive integer.
            JsonNode thinking = body.get("thinking");
            String type = thinking.path("type").asText();
            if (!type.equals("enabled") && !type.equals("disabled")) {
                return Optional.of("invalid request: thinking.type must be 'enabled' or 'disabled'");
            }
            if (thinking.has("token_budget") && (!thinking.get("token_budget").isIntegralNumber()
                    || thinking.get("token_budget").asInt() < 1)) {
                return Optional.of("invalid request: thinking.token_budget must be a positive integer");
            }
        }
        if (body.path("stop_sequences").size() > 5) {
            return Optional.of("invalid request: at most 5 stop_sequences");
        }
        JsonNode format = body.get("response_format");
        if (format != null) {
            String type = format.path("type").asText("");
            if (!type.equals("text") && !type.equals("json_object")) {
                return Optional.of("invalid request: response_format.type must be text or json_object");
            }
            if (!tools.isEmpty()) {
                return Optional.of("invalid request: response_format is not supported with tools");
            }
        }
        return Optional.empty();
    }

    /** What {@code POST /v2/rerank} refuses: model, query and documents (strings) are required. */
    static Optional<String> checkRerank(JsonNode body) {
        if (body == null || !body.isObject()) {
            return Optional.of("invalid request: the body must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of("model", "query", "documents", "top_n", "max_tokens_per_doc").contains(name)) {
                return Optional.of("invalid request: unknown field '" + name + "'");
            }
        }
        if (!body.path("model").isTextual() || !body.path("query").isTextual()) {
            return Optional.of("invalid request: model and query are required strings");
        }
        JsonNode documents = body.path("documents");
        if (!documents.isArray() || documents.isEmpty()) {
            return Optional.of("invalid request: documents must be a non-empty list");
        }
        for (JsonNode document : documents) {
            if (!document.isTextual()) {
                return Optional.of("invalid request: documents must be strings");
            }
        }
        if (body.has("top_n") && (!body.path("top_n").isIntegralNumber() || body.path("top_n").asInt() < 1)) {
            return Optional.of("invalid request: top_n must be at least 1");
        }
        return Optional.empty();
    }

    /**
     * What {@code POST /v2/embed} refuses (https://docs.cohere.com/reference/embed): unknown fields,
     * no {@code model}, {@code texts} empty, not strings or more than {@value #MAX_EMBED_TEXTS};
     * a missing or unknown {@code input_type} (required by v3+ models); {@code embedding_types}
     * other than the documented kinds; {@code output_dimension} other than 256/512/1024/1536 or on a
     * model before v4; {@code truncate} other than NONE, START or END.
     */
    static Optional<String> checkEmbed(JsonNode body) {
        if (body == null || !body.isObject()) {
            return Optional.of("invalid request: the body must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of("model", "texts", "input_type", "embedding_types", "output_dimension", "truncate",
                    "max_tokens").contains(name)) {
                return Optional.of("invalid request: unknown field '" + name + "'");
            }
        }
        if (!body.path("model").isTextual()) {
            return Optional.of("invalid request: model is a required string");
        }
        JsonNode texts = body.path("texts");
        if (!texts.isArray() || texts.isEmpty()) {
            return Optional.of("invalid request: texts must be a non-empty list");
        }
        if (texts.size() > MAX_EMBED_TEXTS) {
            return Optional.of("invalid request: texts cannot be more than " + MAX_EMBED_TEXTS + " elements");
        }
        for (JsonNode text : texts) {
            if (!text.isTextual()) {
                return Optional.of("invalid request: texts must be strings");
            }
        }
        if (!Set.of("search_document", "search_query", "classification", "clustering", "image")
                .contains(body.path("input_type").asText(""))) {
            return Optional.of("invalid request: input_type is required for embed models v3 and higher");
        }
        JsonNode types = body.path("embedding_types");
        if (!body.has("embedding_types") || !types.isArray() || types.isEmpty()) {
            return Optional.of("invalid request: embedding_types is required for embed models v3 and higher");
        }
        for (JsonNode type : types) {
            if (!Set.of("float", "int8", "uint8", "binary", "ubinary", "base64").contains(type.asText(""))) {
                return Optional.of("invalid request: unknown embedding type " + type);
            }
        }
        if (body.has("output_dimension")) {
            if (!body.path("model").asText().startsWith("embed-v4")) {
                return Optional.of("invalid request: output_dimension is only supported by embed-v4.0 and newer");
            }
            if (!Set.of(256, 512, 1024, 1536).contains(body.path("output_dimension").asInt(-1))
                    || !body.path("output_dimension").isIntegralNumber()) {
                return Optional.of("invalid request: output_dimension must be one of 256, 512, 1024, 1536");
            }
        }
        if (body.has("truncate") && !Set.of("NONE", "START", "END").contains(body.path("truncate").asText(""))) {
            return Optional.of("invalid request: truncate must be one of NONE, START, END");
        }
        return Optional.empty();
    }

    /** "Maximum number of texts per call is 96." */
    static final int MAX_EMBED_TEXTS = 96;

    private static Optional<String> messages(JsonNode messages) {
        if (!messages.isArray() || messages.isEmpty()) {
            return Optional.of("invalid request: messages must be a non-empty list");
        }
        Set<String> calls = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText("");
            switch (role) {
                case "system" -> {
                    if (!message.path("content").isTextual()) {
                        return Optional.of("invalid request: messages[" + i + "].content must be a string");
                    }
                }
                case "user" -> {
                    JsonNode content = message.path("content");
                    if (!content.isTextual() && !content.isArray()) {
                        return Optional.of("invalid request: messages[" + i + "].content is required");
                    }
                    for (JsonNode block : content.isArray() ? content : java.util.List.<JsonNode>of()) {
                        String type = block.path("type").asText("");
                        boolean ok = type.equals("text") ? block.path("text").isTextual()
                                : type.equals("image_url") && block.path("image_url").path("url").isTextual();
                        if (!ok) {
                            return Optional.of("invalid request: messages[" + i + "] has a malformed content block");
                        }
                    }
                }
                case "assistant" -> {
                    if (!message.has("content") && !message.has("tool_calls")) {
                        return Optional.of("invalid request: messages[" + i + "] needs content or tool_calls");
                    }
                    for (JsonNode call : message.path("tool_calls")) {
                        if (!call.path("id").isTextual() || !"function".equals(call.path("type").asText())
                                || !call.path("function").path("name").isTextual()
                                || !call.path("function").path("arguments").isTextual()) {
                            return Optional.of("invalid request: messages[" + i + "] has a malformed tool call");
                        }
                        calls.add(call.path("id").asText());
                    }
                }
                case "tool" -> {
                    if (!calls.contains(message.path("tool_call_id").asText(""))) {
                        return Optional.of("invalid request: messages[" + i + "].tool_call_id answers no tool call");
                    }
                    if (!message.path("content").isTextual() && !message.path("content").isArray()) {
                        return Optional.of("invalid request: messages[" + i + "].content is required");
                    }
                }
                default -> {
                    return Optional.of("invalid request: messages[" + i + "].role must be system, user, assistant"
                            + " or tool");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean outside(JsonNode value, double min, double max) {
        return value != null && (!value.isNumber() || value.asDouble() < min || value.asDouble() > max);
    }
}
