package dev.gatehouse.provider.openai;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ImageRequest;
import java.util.Locale;

/**
 * Where Azure OpenAI's images API departs from OpenAI's, as Azure documents it
 * (https://learn.microsoft.com/en-us/azure/ai-foundry/openai/how-to/dall-e):
 *
 * <ul>
 *   <li>DALL·E 3 draws one image per request ({@code n} must be 1) and has no edit API;</li>
 *   <li>GPT Image writes PNG or JPEG: WEBP is not served on Azure.</li>
 * </ul>
 *
 * Everything else is OpenAI's format ({@link OpenAiImageMapper}). The model is known by the Azure
 * deployment's name, which the resource's owner chooses: a deployment named after its model
 * ({@code dall-e-3}, {@code gpt-image-1}, as LiteLLM's {@code azure/dall-e-3} has it) gets these
 * checks, any other name is passed on as written and Azure answers for it.
 */
final class AzureImageRules {

    private AzureImageRules() {}

    static void checkGeneration(ImageRequest request, String provider) {
        if (isDallE3(request.model()) && request.count() != 1) {
            throw new GatewayException.BadRequest("Invalid value for 'n': " + request.count() + "; DALL·E 3 on "
                    + provider + " draws one image per request: send n 1, or several requests.", "n");
        }
        if (OpenAiImageMapper.isGptImage(request.model()) && "webp".equalsIgnoreCase(request.outputFormat())) {
            throw new GatewayException.BadRequest("Invalid value for 'output_format': webp; GPT Image on " + provider
                    + " writes png or jpeg.", "output_format");
        }
    }

    static void checkEdit(ImageRequest request, String provider) {
        if (request.model().toLowerCase(Locale.ROOT).startsWith("dall-e")) {
            throw new GatewayException.BadRequest("'" + request.model() + "' on " + provider + " does not edit images: "
                    + "Azure's DALL·E models have no edit API; use a GPT Image deployment.", "model");
        }
        checkGeneration(request, provider);
    }

    private static boolean isDallE3(String model) {
        return model.toLowerCase(Locale.ROOT).startsWith("dall-e-3");
    }
}
