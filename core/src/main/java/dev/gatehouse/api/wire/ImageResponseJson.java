package dev.gatehouse.api.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ImageResponse;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI's images response ({@code {"created","data":[{"b64_json"|"url","revised_prompt"}],
 * "background","output_format","quality","size","usage"}}), both ways. Token usage is written
 * only where the provider counted tokens (GPT Image), in OpenAI's image usage shape.
 */
public final class ImageResponseJson {

    private ImageResponseJson() {}

    public static ObjectNode write(ImageResponse response) {
        ObjectNode body = Json.object().put("created", response.created());
        ArrayNode data = body.putArray("data");
        for (ImageResponse.Image image : response.data()) {
            ObjectNode item = data.addObject();
            putIf(item, "b64_json", image.b64Json());
            putIf(item, "url", image.url());
            putIf(item, "revised_prompt", image.revisedPrompt());
        }
        putIf(body, "background", response.background());
        putIf(body, "output_format", response.outputFormat());
        putIf(body, "quality", response.quality());
        putIf(body, "size", response.size());
        ImageResponse.ImageUsage usage = response.usage();
        if (usage.inputTokens() != null && usage.outputTokens() != null) {
            int total = usage.totalTokens() != null ? usage.totalTokens() : usage.inputTokens() + usage.outputTokens();
            body.putObject("usage").put("input_tokens", usage.inputTokens()).put("output_tokens", usage.outputTokens())
                    .put("total_tokens", total);
        }
        return body;
    }

    /**
     * Reads an OpenAI-format upstream's answer. {@code askedSize} and {@code askedQuality} stand
     * in for the size and quality when the upstream does not report them.
     */
    public static ImageResponse read(JsonNode node, String provider, String askedSize, String askedQuality) {
        JsonNode data = node == null ? null : node.get("data");
        if (data == null || !data.isArray()) {
            throw new GatewayException.UpstreamServerError(provider + " returned images without data", 0,
                    node == null ? null : Json.text(node));
        }
        List<ImageResponse.Image> images = new ArrayList<>(data.size());
        for (JsonNode item : data) {
            String b64 = stripDataUrl(Json.textOrNull(item, "b64_json"));
            String url = Json.textOrNull(item, "url");
            if (b64 == null && url == null) {
                throw new GatewayException.UpstreamServerError(provider + " returned an image with neither data nor "
                        + "a URL", 0, null);
            }
            images.add(new ImageResponse.Image(b64, url, Json.textOrNull(item, "revised_prompt")));
        }
        String size = Json.textOrNull(node, "size");
        String quality = Json.textOrNull(node, "quality");
        JsonNode usage = node.get("usage");
        ImageResponse.ImageUsage counted = new ImageResponse.ImageUsage(images.size(),
                size != null ? size : askedSize, quality != null ? quality : askedQuality,
                Json.intOrNull(usage, "input_tokens"), Json.intOrNull(usage, "output_tokens"),
                Json.intOrNull(usage, "total_tokens"));
        return new ImageResponse(node.path("created").asLong(0), images, Json.textOrNull(node, "background"),
                Json.textOrNull(node, "output_format"), quality, size, counted);
    }

    /** Some OpenAI-like upstreams send {@code b64_json} as a data URL; OpenAI's format is the bare base64. */
    static String stripDataUrl(String b64) {
        if (b64 != null && b64.startsWith("data:")) {
            int comma = b64.indexOf(',');
            return comma < 0 ? b64 : b64.substring(comma + 1);
        }
        return b64;
    }

    private static void putIf(ObjectNode body, String name, String value) {
        if (value != null) {
            body.put(name, value);
        }
    }
}
