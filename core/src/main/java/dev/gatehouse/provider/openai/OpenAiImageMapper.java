package dev.gatehouse.provider.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ImageFile;
import dev.gatehouse.api.ImageRequest;
import dev.gatehouse.api.wire.ImageRequestJson;
import dev.gatehouse.http.Multipart;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.ImageSizes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ImageRequest → the body each image dialect of the compatible family takes. Parameters a
 * dialect does not take are dropped when the deployment drops parameters, and otherwise refused
 * with a 400 that names them; sizes are mapped where the dialect documents another way.
 */
final class OpenAiImageMapper {

    /** GPT Image's sizes (platform.openai.com/docs/api-reference/images/create#images-create-size). */
    static final Set<String> GPT_IMAGE_SIZES = Set.of("1024x1024", "1536x1024", "1024x1536", "auto");
    /** Together's most images per request (docs.together.ai/reference/post-images-generations). */
    static final int TOGETHER_MAX_N = 4;
    /** The aspect ratios Together's Kontext and Schnell models take (docs.together.ai/docs/images-overview). */
    static final List<String> TOGETHER_RATIOS = List.of("1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "21:9",
            "9:21");

    /**
     * The aspect ratios of xAI's Grok Imagine models, which size their output by ratio; the older
     * grok-2-image takes no size at all (docs.x.ai/docs/guides/image-generations).
     */
    static final List<String> XAI_RATIOS = List.of("1:1", "3:4", "4:3", "9:16", "16:9", "2:3", "3:2", "1:2", "2:1");

    private OpenAiImageMapper() {}

    static ObjectNode generation(ImageRequest request, Deployment deployment, ImageDialect dialect, String provider) {
        return switch (dialect) {
            case OPENAI -> openAi(request, deployment, provider);
            case XAI -> xai(request, deployment, provider);
            case TOGETHER -> together(request, deployment, provider);
            case AZURE -> azure(request, deployment, provider);
        };
    }

    /** Azure takes OpenAI's body; its own limits are checked first ({@link AzureImageRules}). */
    private static ObjectNode azure(ImageRequest request, Deployment deployment, String provider) {
        AzureImageRules.checkGeneration(request, provider);
        return openAi(request, deployment, provider);
    }

    static boolean isGptImage(String model) {
        return model.startsWith("gpt-image") || model.startsWith("chatgpt-image");
    }

    private static ObjectNode openAi(ImageRequest request, Deployment deployment, String provider) {
        ObjectNode body = ImageRequestJson.writeGeneration(request);
        if (isGptImage(request.model())) {
            gptImageRules(request, deployment, body, provider);
        }
        return body;
    }

    /** GPT Image always answers in base64 and takes neither response_format nor style. */
    private static void gptImageRules(ImageRequest request, Deployment deployment, ObjectNode body, String provider) {
        if ("url".equals(request.responseFormat())) {
            throw new GatewayException.BadRequest("'response_format' url is not available: GPT Image returns base64 "
                    + "images only; ask for b64_json or leave response_format out.", "response_format");
        }
        body.remove("response_format");
        if (request.size() != null && !GPT_IMAGE_SIZES.contains(request.size())) {
            throw new GatewayException.BadRequest("Invalid value for 'size': '" + request.size() + "'; GPT Image takes "
                    + String.join(", ", new java.util.TreeSet<>(GPT_IMAGE_SIZES)) + ".", "size");
        }
        unsupported(body, deployment, provider + " GPT Image", "style");
    }

    private static ObjectNode xai(ImageRequest request, Deployment deployment, String provider) {
        ObjectNode body = ImageRequestJson.writeGeneration(request);
        if (request.size() != null && request.model().startsWith("grok-imagine")) {
            body.remove("size");
            ImageSizes.Size size = ImageSizes.parse(request.size());
            body.put("aspect_ratio", size == null ? "auto" : ImageSizes.aspectRatio(size, XAI_RATIOS, provider));
        }
        unsupported(body, deployment, provider, "size", "quality", "style", "background", "output_format",
                "output_compression", "moderation");
        return body;
    }

    private static ObjectNode together(ImageRequest request, Deployment deployment, String provider) {
        if (request.count() > TOGETHER_MAX_N) {
            throw new GatewayException.BadRequest("Invalid value for 'n': " + request.count() + "; " + provider
                    + " generates at most " + TOGETHER_MAX_N + " images per request.", "n");
        }
        ObjectNode body = ImageRequestJson.writeGeneration(request);
        body.remove("size");
        ImageSizes.Size size = ImageSizes.parse(request.size());
        if (size != null) {
            String model = request.model().toLowerCase(java.util.Locale.ROOT);
            if (model.contains("kontext") || model.contains("schnell")) {
                body.put("aspect_ratio", ImageSizes.aspectRatio(size, TOGETHER_RATIOS, provider));
            } else {
                body.put("width", size.width()).put("height", size.height());
            }
        }
        // Together names base64 output "base64" (not OpenAI's "b64_json"); Gatehouse asks for base64 unless the
        // caller wants URLs, so that the answer does not depend on a CDN link staying valid.
        body.put("response_format", "url".equals(request.responseFormat()) ? "url" : "base64");
        if ("webp".equals(request.outputFormat())) {
            throw new GatewayException.BadRequest("Invalid value for 'output_format': webp; " + provider
                    + " returns jpeg or png.", "output_format");
        }
        unsupported(body, deployment, provider, "quality", "style", "background", "output_compression", "moderation",
                "user");
        return body;
    }

    /** An edit as OpenAI's multipart form: {@code image[]} for each image, the mask, then the fields. */
    static Multipart edit(ImageRequest request, Deployment deployment, String provider, ImageDialect dialect) {
        if (dialect == ImageDialect.AZURE) {
            AzureImageRules.checkEdit(request, provider);
        }
        if (!isGptImage(request.model()) && request.images().size() > 1) {
            throw new GatewayException.BadRequest("Only GPT Image models edit several images at once; this request "
                    + "has " + request.images().size() + ".", "image");
        }
        ObjectNode fields = ImageRequestJson.writeGeneration(request);
        if (isGptImage(request.model())) {
            gptImageRules(request, deployment, fields, provider);
        }
        Multipart form = new Multipart();
        String imageField = request.images().size() > 1 ? "image[]" : "image";
        for (ImageFile image : request.images()) {
            form.file(imageField, image.filename(), image.contentType(), image.bytes());
        }
        if (request.mask() != null) {
            form.file("mask", request.mask().filename(), request.mask().contentType(), request.mask().bytes());
        }
        if (request.inputFidelity() != null) {
            fields.put("input_fidelity", request.inputFidelity());
        }
        Map<String, String> text = new LinkedHashMap<>();
        fields.properties().forEach(e -> text.put(e.getKey(), e.getValue().asText()));
        text.forEach(form::field);
        return form;
    }

    private static void unsupported(ObjectNode body, Deployment deployment, String provider, String... params) {
        for (String param : params) {
            if (body.has(param)) {
                if (!deployment.dropParams()) {
                    throw new GatewayException.BadRequest("'" + param + "' is not supported by " + provider
                            + " image generation; remove it, or set drop_params on the deployment to have Gatehouse "
                            + "drop it.", param);
                }
                body.remove(param);
            }
        }
    }
}
