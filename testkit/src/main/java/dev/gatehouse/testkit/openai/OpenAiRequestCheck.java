package dev.gatehouse.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What OpenAI's Chat Completions endpoint refuses, checked the way the API does: unknown
 * fields, missing or mistyped required ones, roles, content part shapes, and the tool-call
 * pairing rules (every tool message answers a call of the assistant message before it; every
 * call is answered). Field list: the API reference of {@code POST /v1/chat/completions}.
 */
final class OpenAiRequestCheck {

    private static final Set<String> OPENAI_FIELDS = Set.of("model", "messages", "audio", "frequency_penalty",
            "function_call", "functions", "logit_bias", "logprobs", "max_completion_tokens", "max_tokens", "metadata",
            "modalities", "n", "parallel_tool_calls", "prediction", "presence_penalty", "prompt_cache_key",
            "reasoning_effort", "response_format", "safety_identifier", "seed", "service_tier", "stop", "store",
            "stream", "stream_options", "temperature", "tool_choice", "tools", "top_logprobs", "top_p", "user",
            "verbosity", "web_search_options");
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

    private OpenAiRequestCheck() {}

    /** Why the real API would refuse this body, or empty. */
    static Optional<String> check(JsonNode body, Dialect dialect) {
        if (body == null || !body.isObject()) {
            return Optional.of("the body is not a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            String name = field.getKey();
            if (dialect.refusedParams().contains(name)) {
                return Optional.of("'" + name + "' is not supported by " + dialect.name());
            }
            if (!OPENAI_FIELDS.contains(name) && !dialect.extraParams().contains(name)) {
                return Optional.of("Unrecognized request argument supplied: " + name);
            }
        }
        if (!body.path("model").isTextual() || body.path("model").asText().isEmpty()) {
            return Optional.of("'model' is required and must be a string");
        }
        if (body.has("stream_options") && !body.path("stream").asBoolean(false)) {
            return Optional.of("'stream_options' is only allowed when 'stream' is true");
        }
        if (body.has("temperature") && !inRange(body.get("temperature"), 0, 2)) {
            return Optional.of("'temperature' must be a number from 0 to 2");
        }
        return checkTools(body).or(() -> checkResponseFormat(body)).or(() -> checkMessages(body.get("messages")));
    }

    private static Optional<String> checkTools(JsonNode body) {
        JsonNode tools = body.get("tools");
        if (tools == null) {
            return body.has("tool_choice") ? Optional.of("'tool_choice' is only allowed when 'tools' are given")
                    : Optional.empty();
        }
        if (!tools.isArray() || tools.isEmpty()) {
            return Optional.of("'tools' must be a non-empty array");
        }
        for (JsonNode tool : tools) {
            if (!"function".equals(tool.path("type").asText()) || !tool.path("function").isObject()) {
                return Optional.of("each tool needs type 'function' and a 'function' object: " + tool);
            }
            if (!NAME.matcher(tool.path("function").path("name").asText("")).matches()) {
                return Optional.of("tool function names must match " + NAME.pattern());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> checkResponseFormat(JsonNode body) {
        JsonNode format = body.get("response_format");
        if (format == null) {
            return Optional.empty();
        }
        String type = format.path("type").asText("");
        if (type.equals("json_schema")) {
            JsonNode schema = format.path("json_schema");
            if (!NAME.matcher(schema.path("name").asText("")).matches()) {
                return Optional.of("response_format.json_schema.name must match " + NAME.pattern());
            }
            return Optional.empty();
        }
        return type.equals("text") || type.equals("json_object") ? Optional.empty()
                : Optional.of("response_format.type must be text, json_object or json_schema");
    }

    private static Optional<String> checkMessages(JsonNode messages) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            return Optional.of("'messages' must be a non-empty array");
        }
        Set<String> unanswered = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String role = m.path("role").asText("");
            String at = "messages[" + i + "]";
            if (!role.equals("tool") && !unanswered.isEmpty()) {
                return Optional.of("An assistant message with 'tool_calls' must be followed by tool messages "
                        + "responding to each 'tool_call_id'; missing " + unanswered + " before " + at);
            }
            switch (role) {
                case "system", "developer" -> {
                    if (!isTextContent(m.get("content"))) {
                        return Optional.of(at + ".content must be a string or text parts");
                    }
                }
                case "user" -> {
                    Optional<String> problem = checkUserContent(m.get("content"), at);
                    if (problem.isPresent()) {
                        return problem;
                    }
                }
                case "assistant" -> {
                    JsonNode calls = m.get("tool_calls");
                    if ((m.get("content") == null || m.get("content").isNull()) && calls == null) {
                        return Optional.of(at + " needs content or tool_calls");
                    }
                    if (calls != null) {
                        for (JsonNode call : calls) {
                            if (!call.path("id").isTextual() || !call.path("function").path("arguments").isTextual()) {
                                return Optional.of(at + ".tool_calls entries need an id and string arguments");
                            }
                            unanswered.add(call.path("id").asText());
                        }
                    }
                }
                case "tool" -> {
                    String id = m.path("tool_call_id").asText(null);
                    if (id == null || !unanswered.remove(id)) {
                        return Optional.of("messages with role 'tool' must be a response to a preceding message "
                                + "with 'tool_calls' (" + at + ", tool_call_id " + id + ")");
                    }
                    if (!isTextContent(m.get("content"))) {
                        return Optional.of(at + ".content must be a string or text parts");
                    }
                }
                default -> {
                    return Optional.of(at + ".role '" + role + "' is not one of system, developer, user, "
                            + "assistant, tool");
                }
            }
        }
        return unanswered.isEmpty() ? Optional.empty()
                : Optional.of("tool calls " + unanswered + " were never answered");
    }

    private static Optional<String> checkUserContent(JsonNode content, String at) {
        if (content != null && content.isTextual()) {
            return Optional.empty();
        }
        if (content == null || !content.isArray() || content.isEmpty()) {
            return Optional.of(at + ".content must be a string or a non-empty array of parts");
        }
        for (JsonNode part : content) {
            switch (part.path("type").asText("")) {
                case "text" -> {
                    if (!part.path("text").isTextual()) {
                        return Optional.of(at + " has a text part without text");
                    }
                }
                case "image_url" -> {
                    String url = part.path("image_url").path("url").asText("");
                    if (!url.startsWith("https://") && !url.startsWith("http://") && !url.startsWith("data:image/")) {
                        return Optional.of(at + " has an image_url that is neither a URL nor an image data URL");
                    }
                }
                default -> {
                    return Optional.of(at + " has a content part of unknown type " + part.path("type"));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isTextContent(JsonNode content) {
        if (content == null) {
            return false;
        }
        if (content.isTextual()) {
            return true;
        }
        if (!content.isArray()) {
            return false;
        }
        for (JsonNode part : content) {
            if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static boolean inRange(JsonNode value, double min, double max) {
        return value.isNumber() && value.asDouble() >= min && value.asDouble() <= max;
    }
}
