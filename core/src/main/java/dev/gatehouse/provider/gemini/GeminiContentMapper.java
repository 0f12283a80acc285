package dev.gatehouse.provider.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.DataUrl;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.json.Json;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OpenAI {@code messages} → Gemini {@code systemInstruction} and {@code contents}.
 *
 * <ul>
 *   <li>system and developer messages, wherever they stand, become the parts of
 *       {@code systemInstruction}, in order;
 *   <li>user messages → role {@code user}; assistant messages → role {@code model}; tool
 *       messages → a {@code functionResponse} part in a {@code user} turn; consecutive turns of
 *       one role are merged into one (Gemini wants parallel function responses in one turn);
 *   <li>images: a base64 data URL → {@code inlineData}; an {@code https} URL →
 *       {@code fileData.fileUri}, which Gemini fetches itself; any other URL is refused;
 *   <li>assistant tool calls → {@code functionCall} parts, arguments parsed into the
 *       {@code args} object; a thought signature carried in the call id goes back as the part's
 *       {@code thoughtSignature};
 *   <li>a tool result → {@code functionResponse} named after the earlier call with its id, the
 *       results of parallel calls in the order of the calls (Gemini pairs them by position); a
 *       result that is a JSON object is the response as it is, anything else is wrapped as
 *       {@code {"output": <the JSON value, or the text>}} (Gemini's documented key for output);
 *   <li>an assistant message's {@code reasoning_content} is not sent back: Gemini takes back
 *       only signed thoughts, which OpenAI's format does not carry.
 * </ul>
 */
final class GeminiContentMapper {

    /** The mapped conversation; {@code systemInstruction} is null when there was no system text. */
    record Mapped(ObjectNode systemInstruction, ArrayNode contents) {}

    /** A tool call seen in an assistant message: its function, and its position among that message's calls. */
    private record KnownCall(String name, int position) {}

    /** A function response part and the position of the call it answers. */
    private record Answer(int position, ObjectNode part) {}

    private static final ObjectReader STRICT_JSON =
            Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Map<String, String> IMAGE_TYPES = Map.of(".png", "image/png", ".jpg", "image/jpeg",
            ".jpeg", "image/jpeg", ".webp", "image/webp", ".heic", "image/heic", ".heif", "image/heif");

    private GeminiContentMapper() {}

    static Mapped toContents(List<Message> messages, ParamPolicy policy) {
        ArrayNode system = Json.array();
        ArrayNode contents = Json.array();
        Map<String, KnownCall> calls = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            String at = "messages[" + i + "]";
            switch (messages.get(i)) {
                case Message.System m -> addSystem(system, m.content(), m.name(), at, policy);
                case Message.Developer m -> addSystem(system, m.content(), m.name(), at, policy);
                case Message.User m -> {
                    noName(m.name(), at, policy);
                    append(contents, "user", userParts(m, at, policy));
                }
                case Message.Assistant m -> {
                    noName(m.name(), at, policy);
                    append(contents, "model", modelParts(m, at, calls));
                }
                case Message.Tool m -> {
                    int end = i;
                    while (end < messages.size() && messages.get(end) instanceof Message.Tool) {
                        end++;
                    }
                    append(contents, "user", functionResponses(messages.subList(i, end), i, calls));
                    i = end - 1;
                }
            }
        }
        if (contents.isEmpty()) {
            throw new GatewayException.BadRequest(
                    "Gemini needs at least one user or assistant message besides system instructions", "messages");
        }
        ObjectNode instruction = system.isEmpty() ? null : Json.object().set("parts", system);
        return new Mapped(instruction, contents);
    }

    private static void addSystem(ArrayNode system, String text, String name, String at, ParamPolicy policy) {
        noName(name, at, policy);
        if (!text.isEmpty()) {
            system.addObject().put("text", text);
        }
    }

    private static void noName(String name, String at, ParamPolicy policy) {
        if (name != null) {
            policy.unsupported(at + ".name", "Gemini messages have no participant name");
        }
    }

    /** Adds parts as a turn of {@code role}, merged into the previous turn when it has the same role. */
    private static void append(ArrayNode contents, String role, ArrayNode parts) {
        if (parts.isEmpty()) {
            return;
        }
        JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ((ArrayNode) last.get("parts")).addAll(parts);
        } else {
            contents.addObject().put("role", role).set("parts", parts);
        }
    }

    private static ArrayNode userParts(Message.User message, String at, ParamPolicy policy) {
        ArrayNode parts = Json.array();
        for (int j = 0; j < message.content().size(); j++) {
            String partAt = at + ".content[" + j + "]";
            switch (message.content().get(j)) {
                case ContentPart.Text text -> {
                    if (!text.text().isEmpty()) {
                        parts.addObject().put("text", text.text());
                    }
                }
                case ContentPart.Image image -> parts.add(imagePart(image, partAt + ".image_url", policy));
            }
        }
        return parts;
    }

    private static ObjectNode imagePart(ContentPart.Image image, String at, ParamPolicy policy) {
        if (image.detail() != null && !image.detail().equals("auto")) {
            policy.unsupported(at + ".detail", "the Gemini API has no per-image detail level");
        }
        DataUrl inline = image.dataUrl().orElse(null);
        if (inline != null) {
            return Json.object().set("inlineData",
                    Json.object().put("mimeType", inline.mediaType()).put("data", inline.base64Data()));
        }
        URI uri = parseUri(image.url(), at);
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new GatewayException.BadRequest("Gemini takes images as base64 data URLs or public https URLs; "
                    + "this one is neither", at);
        }
        ObjectNode fileData = Json.object().put("fileUri", image.url());
        String path = uri.getPath() == null ? "" : uri.getPath().toLowerCase(Locale.ROOT);
        IMAGE_TYPES.forEach((suffix, type) -> {
            if (path.endsWith(suffix)) {
                fileData.put("mimeType", type);
            }
        });
        return Json.object().set("fileData", fileData);
    }

    private static URI parseUri(String url, String at) {
        try {
            return new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new GatewayException.BadRequest("the image URL is not a valid URL", at);
        }
    }

    private static ArrayNode modelParts(Message.Assistant message, String at, Map<String, KnownCall> calls) {
        ArrayNode parts = Json.array();
        if (message.content() != null && !message.content().isEmpty()) {
            parts.addObject().put("text", message.content());
        }
        if (message.refusal() != null && !message.refusal().isEmpty()) {
            parts.addObject().put("text", message.refusal());
        }
        for (int k = 0; k < message.toolCalls().size(); k++) {
            ToolCall call = message.toolCalls().get(k);
            String argsAt = at + ".tool_calls[" + k + "].function.arguments";
            ObjectNode part = parts.addObject();
            part.set("functionCall", Json.object().put("name", call.name()).set("args", arguments(call, argsAt)));
            GeminiToolCallIds.thoughtSignature(call.id()).ifPresent(sig -> part.put("thoughtSignature", sig));
            calls.put(call.id(), new KnownCall(call.name(), k));
        }
        return parts;
    }

    /** A tool call's arguments text as the JSON object Gemini wants; blank means no arguments. */
    private static JsonNode arguments(ToolCall call, String at) {
        if (call.arguments().isBlank()) {
            return Json.object();
        }
        JsonNode args;
        try {
            args = STRICT_JSON.readTree(call.arguments());
        } catch (JsonProcessingException e) {
            throw new GatewayException.BadRequest("the arguments of tool call '" + call.id() + "' are not valid JSON", at);
        }
        if (args == null || !args.isObject()) {
            throw new GatewayException.BadRequest(
                    "the arguments of tool call '" + call.id() + "' must be a JSON object for Gemini", at);
        }
        return args;
    }

    /**
     * The results of one run of consecutive tool messages, in the order of the calls they answer:
     * Gemini pairs responses with calls by name and position, not by id.
     */
    private static ArrayNode functionResponses(List<Message> run, int first, Map<String, KnownCall> calls) {
        List<Answer> answers = new ArrayList<>();
        for (int k = 0; k < run.size(); k++) {
            Message.Tool message = (Message.Tool) run.get(k);
            KnownCall call = calls.get(message.toolCallId());
            if (call == null) {
                throw new GatewayException.BadRequest("no earlier assistant message has a tool call with id '"
                        + message.toolCallId() + "', so Gemini can not be told which function answered",
                        "messages[" + (first + k) + "].tool_call_id");
            }
            ObjectNode response = Json.object().put("name", call.name())
                    .set("response", responseObject(message.content()));
            answers.add(new Answer(call.position(), Json.object().set("functionResponse", response)));
        }
        answers.sort(Comparator.comparingInt(Answer::position));
        ArrayNode parts = Json.array();
        answers.forEach(answer -> parts.add(answer.part()));
        return parts;
    }

    /** A JSON object result as it is; any other JSON value, or plain text, as {@code {"output": …}}. */
    private static JsonNode responseObject(String content) {
        JsonNode value;
        try {
            value = STRICT_JSON.readTree(content);
        } catch (JsonProcessingException notJson) {
            value = null;
        }
        if (value != null && value.isObject()) {
            return value;
        }
        ObjectNode wrapped = Json.object();
        if (value == null || value.isMissingNode()) {
            wrapped.put("output", content);
        } else {
            wrapped.set("output", value);
        }
        return wrapped;
    }
}
