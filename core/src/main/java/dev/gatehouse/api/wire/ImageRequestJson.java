package dev.gatehouse.api.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ImageFile;
import dev.gatehouse.api.ImageRequest;
import dev.gatehouse.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * OpenAI's image requests: the JSON body of {@code POST /v1/images/generations} and the form
 * fields of {@code POST /v1/images/edits}, each checked against OpenAI's API reference
 * (platform.openai.com/docs/api-reference/images/create and /createEdit). Values outside
 * OpenAI's lists, and fields it does not define, are refused by name; what a particular
 * provider can not do is refused or mapped by that provider.
 */
public final class ImageRequestJson {

    /** OpenAI's longest prompt (GPT Image: 32,000 characters). */
    public static final int MAX_PROMPT_CHARS = 32_000;
    /** OpenAI's largest {@code n}. */
    public static final int MAX_N = 10;

    private static final Set<String> GENERATION_FIELDS = Set.of("model", "prompt", "n", "size", "quality",
            "response_format", "output_format", "output_compression", "background", "moderation", "style", "user");
    private static final Set<String> EDIT_FIELDS = Set.of("model", "prompt", "n", "size", "quality",
            "response_format", "output_format", "output_compression", "background", "input_fidelity", "user");
    private static final Pattern SIZE = Pattern.compile("auto|[1-9][0-9]{1,4}x[1-9][0-9]{1,4}");

    private ImageRequestJson() {}

    /** A generation request's JSON body. */
    public static ImageRequest readGeneration(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new GatewayException.BadRequest("The request body must be a JSON object.", null);
        }
        onlyKnown(body, GENERATION_FIELDS, "image generations");
        return read(body, List.of(), null);
    }

    /**
     * An edit request's form fields (text, as a multipart form carries them) and files. The
     * images are required; the mask is optional.
     */
    public static ImageRequest readEdit(Map<String, String> fields, List<ImageFile> images, ImageFile mask) {
        ObjectNode body = Json.object();
        fields.forEach((name, value) -> body.set(name, formValue(name, value)));
        onlyKnown(body, EDIT_FIELDS, "image edits");
        if (images.isEmpty()) {
            throw Fields.missing("image");
        }
        return read(body, images, mask);
    }

    /** Numbers arrive as text in a form: they are read as numbers where OpenAI expects numbers. */
    private static JsonNode formValue(String name, String value) {
        if ((name.equals("n") || name.equals("output_compression")) && value.matches("-?[0-9]{1,9}")) {
            return Json.mapper().getNodeFactory().numberNode(Integer.parseInt(value));
        }
        return Json.mapper().getNodeFactory().textNode(value);
    }

    private static void onlyKnown(JsonNode body, Set<String> known, String endpoint) {
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!known.contains(field.getKey())) {
                throw new GatewayException.BadRequest("Unrecognized request argument supplied: '" + field.getKey()
                        + "'. " + endpoint + " take " + String.join(", ", new java.util.TreeSet<>(known)) + ".",
                        field.getKey());
            }
        }
    }

    private static ImageRequest read(JsonNode body, List<ImageFile> images, ImageFile mask) {
        String model = Fields.requiredText(body, "model", "model");
        String prompt = Fields.requiredText(body, "prompt", "prompt");
        if (prompt.isBlank()) {
            throw new GatewayException.BadRequest("'prompt' is empty; describe the image.", "prompt");
        }
        if (prompt.length() > MAX_PROMPT_CHARS) {
            throw new GatewayException.BadRequest("'prompt' is " + prompt.length() + " characters long; at most "
                    + MAX_PROMPT_CHARS + " are accepted.", "prompt");
        }
        Integer n = Fields.optionalInt(body, "n", "n", 1, MAX_N);
        String size = Fields.optionalText(body, "size", "size");
        if (size != null && !SIZE.matcher(size).matches()) {
            throw new GatewayException.BadRequest("Invalid value for 'size': '" + size
                    + "'; expected WIDTHxHEIGHT (such as 1024x1024) or 'auto'.", "size");
        }
        return new ImageRequest(model, prompt, n, size,
                oneOf(body, "quality", Set.of("low", "medium", "high", "auto", "standard", "hd")),
                oneOf(body, "response_format", Set.of("url", "b64_json")),
                oneOf(body, "output_format", Set.of("png", "jpeg", "webp")),
                Fields.optionalInt(body, "output_compression", "output_compression", 0, 100),
                oneOf(body, "background", Set.of("transparent", "opaque", "auto")),
                oneOf(body, "moderation", Set.of("low", "auto")),
                oneOf(body, "style", Set.of("vivid", "natural")),
                oneOf(body, "input_fidelity", Set.of("high", "low")),
                Fields.optionalText(body, "user", "user"), images, mask);
    }

    private static String oneOf(JsonNode body, String name, Set<String> allowed) {
        String value = Fields.optionalText(body, name, name);
        if (value != null && !allowed.contains(value)) {
            throw new GatewayException.BadRequest("Invalid value for '" + name + "': '" + value + "'; expected one of "
                    + String.join(", ", new java.util.TreeSet<>(allowed)) + ".", name);
        }
        return value;
    }

    /**
     * The JSON body of a generation for an OpenAI-format upstream: every field the caller gave,
     * under OpenAI's names.
     */
    public static ObjectNode writeGeneration(ImageRequest request) {
        ObjectNode body = Json.object().put("model", request.model()).put("prompt", request.prompt());
        if (request.n() != null) {
            body.put("n", request.n());
        }
        putIf(body, "size", request.size());
        putIf(body, "quality", request.quality());
        putIf(body, "response_format", request.responseFormat());
        putIf(body, "output_format", request.outputFormat());
        if (request.outputCompression() != null) {
            body.put("output_compression", request.outputCompression());
        }
        putIf(body, "background", request.background());
        putIf(body, "moderation", request.moderation());
        putIf(body, "style", request.style());
        putIf(body, "user", request.user());
        return body;
    }

    private static void putIf(ObjectNode body, String name, String value) {
        if (value != null) {
            body.put(name, value);
        }
    }
}
