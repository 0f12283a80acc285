package dev.gatehouse.provider.bfl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ImageRequest;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.ImageSizes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * ImageRequest → the body of one BFL task ({@code POST /v1/{model}}). Following BFL's API
 * reference (docs.bfl.ai/api-reference): FLUX.1 models (flux-pro-1.1, flux-pro, flux-dev) take
 * {@code width} and {@code height}, 256–1440 in multiples of 32; FLUX.2 models take width and
 * height too (their limits are checked by BFL); Kontext and 1.1 Ultra take an {@code aspect_ratio};
 * {@code output_format} is jpeg or png. Kontext edits send the uploaded images as base64 in
 * {@code input_image}, {@code input_image_2}, … (up to four).
 *
 * <p>OpenAI parameters BFL has no counterpart for (quality, style, background, moderation,
 * output_compression, user) are refused by name unless the deployment drops parameters;
 * {@code response_format: url} is refused, because BFL's result URLs are signed and expire
 * within minutes, so Gatehouse downloads them and answers in base64.
 */
final class BflRequestMapper {

    /** BFL makes one image per task; Gatehouse submits up to this many tasks for one request. */
    static final int MAX_N = 4;
    static final int MAX_INPUT_IMAGES = 4;
    static final int MIN_SIDE = 256;
    static final int MAX_SIDE = 1440;
    /** Kontext's and Ultra's ratios, from 21:9 to 9:21 (docs.bfl.ai, FLUX.1 Kontext and 1.1 Ultra). */
    static final List<String> RATIOS = List.of("21:9", "16:9", "3:2", "4:3", "1:1", "3:4", "2:3", "9:16", "9:21");

    private BflRequestMapper() {}

    static boolean isKontext(String model) {
        return model.toLowerCase(Locale.ROOT).contains("kontext");
    }

    private static boolean takesAspectRatio(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        return m.contains("kontext") || m.contains("ultra");
    }

    private static boolean isFlux1(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        return m.startsWith("flux-pro") || m.startsWith("flux-dev");
    }

    static ObjectNode toBfl(ImageRequest request, Deployment deployment) {
        if (request.count() > MAX_N) {
            throw new GatewayException.BadRequest("Invalid value for 'n': " + request.count() + "; BFL makes one image "
                    + "per task and Gatehouse submits at most " + MAX_N + " tasks for one request.", "n");
        }
        if ("url".equals(request.responseFormat())) {
            throw new GatewayException.BadRequest("'response_format' url is not available for FLUX on BFL: its "
                    + "result URLs are signed and expire within minutes, so Gatehouse returns b64_json.",
                    "response_format");
        }
        ObjectNode body = Json.object().put("prompt", request.prompt());
        size(request, body);
        if (request.outputFormat() != null) {
            if (request.outputFormat().equals("webp")) {
                throw new GatewayException.BadRequest("Invalid value for 'output_format': webp; FLUX on BFL returns "
                        + "jpeg or png.", "output_format");
            }
            body.put("output_format", request.outputFormat());
        }
        List<String> unsupported = new ArrayList<>();
        addIf(unsupported, "quality", request.quality());
        addIf(unsupported, "style", request.style());
        addIf(unsupported, "background", request.background());
        addIf(unsupported, "moderation", request.moderation());
        addIf(unsupported, "output_compression", request.outputCompression());
        addIf(unsupported, "input_fidelity", request.inputFidelity());
        addIf(unsupported, "user", request.user());
        if (!unsupported.isEmpty() && !deployment.dropParams()) {
            throw new GatewayException.BadRequest("'" + unsupported.getFirst() + "' is not supported by FLUX on BFL"
                    + "; remove it, or set drop_params on the deployment to have Gatehouse drop it.",
                    unsupported.getFirst());
        }
        if (request.isEdit()) {
            inputImages(request, body);
        }
        return body;
    }

    private static void size(ImageRequest request, ObjectNode body) {
        ImageSizes.Size size = ImageSizes.parse(request.size());
        if (size == null) {
            return;
        }
        if (takesAspectRatio(request.model())) {
            body.put("aspect_ratio", ImageSizes.aspectRatio(size, RATIOS, "FLUX " + request.model()));
            return;
        }
        if (isFlux1(request.model()) && !(fits(size.width()) && fits(size.height()))) {
            throw new GatewayException.BadRequest("Invalid value for 'size': '" + request.size() + "'; "
                    + request.model() + " takes widths and heights from " + MIN_SIDE + " to " + MAX_SIDE
                    + " in multiples of 32.", "size");
        }
        body.put("width", size.width()).put("height", size.height());
    }

    private static boolean fits(int side) {
        return side >= MIN_SIDE && side <= MAX_SIDE && side % 32 == 0;
    }

    private static void inputImages(ImageRequest request, ObjectNode body) {
        if (!isKontext(request.model())) {
            throw new GatewayException.BadRequest("The BFL model '" + request.model() + "' does not edit images; "
                    + "use a FLUX Kontext model.", "model");
        }
        if (request.mask() != null) {
            throw new GatewayException.BadRequest("'mask' is not supported by FLUX Kontext, which edits by prompt.",
                    "mask");
        }
        if (request.images().size() > MAX_INPUT_IMAGES) {
            throw new GatewayException.BadRequest("FLUX Kontext takes at most " + MAX_INPUT_IMAGES + " images; this "
                    + "request has " + request.images().size() + ".", "image");
        }
        for (int i = 0; i < request.images().size(); i++) {
            body.put(i == 0 ? "input_image" : "input_image_" + (i + 1),
                    Base64.getEncoder().encodeToString(request.images().get(i).bytes()));
        }
    }

    private static void addIf(List<String> list, String name, Object value) {
        if (value != null) {
            list.add(name);
        }
    }
}
