package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.Gateway;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ImageFile;
import dev.gatehouse.api.ImageRequest;
import dev.gatehouse.api.ImageResponse;
import dev.gatehouse.api.wire.ImageRequestJson;
import dev.gatehouse.api.wire.ImageResponseJson;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.limit.Demand;
import dev.gatehouse.server.metrics.Metrics;
import dev.gatehouse.server.spend.SpendLog;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code POST /v1/images/generations} (a JSON body) and {@code POST /v1/images/edits} (a
 * multipart form, as OpenAI takes it: the images as {@code image} or {@code image[]} files, an
 * optional {@code mask} file, and text fields). The request body limit ({@code max_body_bytes})
 * bounds uploads; a larger upload is refused with a 413 before it is parsed.
 */
final class ImagesHandler {

    /** GPT Image edits take up to 16 images. */
    static final int MAX_IMAGES = 16;
    private static final Set<String> FILE_FIELDS = Set.of("image", "image[]", "mask");

    private final Gateway gateway;
    private final Metrics metrics;
    private final RequestBody body;
    private final RequestGuard guard;
    private final RequestAccess access;
    private final SpendLog spend;

    ImagesHandler(Gateway gateway, Metrics metrics, RequestBody body, RequestGuard guard,
            RequestAccess access, SpendLog spend) {
        this.gateway = gateway;
        this.spend = spend;
        this.access = access;
        this.metrics = metrics;
        this.body = body;
        this.guard = guard;
    }

    void generations(ServerRequest req, ServerResponse res) {
        ModelCall call = ModelCall.start(new Exchange(req, res, "images_generations", metrics), spend);
        Exchange exchange = call.exchange;
        call.run(() -> {
            Caller caller = access.check(req, Endpoint.IMAGES);
            call.ticket.caller(caller);
            JsonNode json = body.readJson(req);
            guard.checkBody(json);
            ImageRequest request = ImageRequestJson.readGeneration(json);
            RequestGuard.checkModel(request.model());
            call.ticket.model(request.model());
            access.checkModel(caller, request.model(), req);
            call.admit(access, caller, () -> Demand.images(request, access.inputTokens()));
            ImageResponse response = gateway.call(call.context).generateImages(request);
            call.ticket.images(response.usage());
            exchange.sendJson(200, ImageResponseJson.write(response));
            call.succeeded = true;
        });
    }

    void edits(ServerRequest req, ServerResponse res) {
        ModelCall call = ModelCall.start(new Exchange(req, res, "images_edits", metrics), spend);
        Exchange exchange = call.exchange;
        call.run(() -> {
            Caller caller = access.check(req, Endpoint.IMAGES);
            call.ticket.caller(caller);
            String type = req.headers().value(HeaderNames.CONTENT_TYPE).orElse("");
            if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
                throw new ServerErrors.UnsupportedMediaType(type, "multipart/form-data");
            }
            MultipartForm form = MultipartForm.parse(type, body.readBytes(req), FILE_FIELDS);
            guard.checkFields(form.fields().keySet());
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
            ImageRequest request = ImageRequestJson.readEdit(form.fields(), images,
                    masks.isEmpty() ? null : masks.getFirst());
            RequestGuard.checkModel(request.model());
            call.ticket.model(request.model());
            access.checkModel(caller, request.model(), req);
            call.admit(access, caller, () -> Demand.images(request, access.inputTokens()));
            ImageResponse response = gateway.call(call.context).editImages(request);
            call.ticket.images(response.usage());
            exchange.sendJson(200, ImageResponseJson.write(response));
            call.succeeded = true;
        });
    }
}
