package dev.gatehouse.server.routes;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ImageFile;
import dev.gatehouse.api.ImageRequest;
import dev.gatehouse.api.ImageResponse;
import dev.gatehouse.api.wire.ImageRequestJson;
import dev.gatehouse.api.wire.ImageResponseJson;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.http.Answer;
import dev.gatehouse.server.http.Incoming;
import dev.gatehouse.server.http.ModelRoute;
import dev.gatehouse.server.http.MultipartForm;
import dev.gatehouse.server.limit.Demand;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1/images/generations} (a JSON body) and {@code POST /v1/images/edits} (a
 * multipart form, as OpenAI takes it: the images as {@code image} or {@code image[]} files, an
 * optional {@code mask} file, and text fields). The request body limit ({@code max_body_bytes})
 * bounds uploads; a larger upload is refused with a 413 before it is parsed.
 */
final class ImageRoutes {

    /** GPT Image edits take up to 16 images. */
    static final int MAX_IMAGES = 16;
    private static final Set<String> FILE_FIELDS = Set.of("image", "image[]", "mask");

    private ImageRoutes() {}

    static ModelRoute<ImageRequest> generations() {
        return ModelRoute.post("images_generations", Endpoint.IMAGES, in -> ImageRequestJson.readGeneration(in.json()))
                .openAiPath("/images/generations")
                .model(ImageRequest::model)
                .demand(Demand::images)
                .call((call, request) -> {
                    call.genAi().operation(GenAi.GENERATE_CONTENT);
                    return answer(call.gateway().generateImages(request));
                });
    }

    static ModelRoute<ImageRequest> edits() {
        return ModelRoute.post("images_edits", Endpoint.IMAGES, ImageRoutes::readEdit)
                .openAiPath("/images/edits")
                .model(ImageRequest::model)
                .demand(Demand::images)
                .call((call, request) -> {
                    call.genAi().operation(GenAi.GENERATE_CONTENT);
                    return answer(call.gateway().editImages(request));
                });
    }

    private static Answer answer(ImageResponse response) {
        return Answer.json(ImageResponseJson.write(response), ticket -> ticket.images(response.usage()));
    }

    private static ImageRequest readEdit(Incoming in) {
        MultipartForm form = in.form(FILE_FIELDS);
        List<ImageFile> images = new ArrayList<>(form.files("image"));
        images.addAll(form.files("image[]"));
        if (images.size() > MAX_IMAGES) {
            throw new GatewayException.BadRequest("At most " + MAX_IMAGES + " images can be edited at once; this "
                    + "request has " + images.size() + ".", "image");
        }
        List<ImageFile> masks = form.files("mask");
        if (masks.size() > 1) {
            throw new GatewayException.BadRequest("Only one mask can be given.", "mask");
        }
        return ImageRequestJson.readEdit(form.fields(), images, masks.isEmpty() ? null : masks.getFirst());
    }
}
