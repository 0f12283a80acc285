package dev.gatehouse.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.DataUrl;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.ImageFetcher;

/**
 * The Anthropic Messages body sent as the caller wrote it ({@link NativeMessages}), for a
 * deployment on a private network: its upstream would fetch an image or document given by URL
 * from inside that network, so every {@code source} of type {@code url} is fetched by Gatehouse
 * and sent as base64 where the deployment allows fetching (images), and refused with a 400
 * naming it otherwise. The same per-request limits and memo as {@link ImageInliner}.
 */
public final class NativeImageInliner {

    private final ImageFetcher fetcher;

    public NativeImageInliner(ImageFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** Rewrites {@code body} in place for {@code deployment}; does nothing for a deployment on the public side. */
    public void prepare(ObjectNode body, Deployment deployment, FetchedImages fetched) {
        if (!deployment.privateNetwork()) {
            return;
        }
        JsonNode messages = body.path("messages");
        int[] count = {0};
        long[] bytes = {0};
        for (int i = 0; i < messages.size(); i++) {
            blocks(messages.get(i).path("content"), "messages[" + i + "].content", deployment, fetched, count, bytes);
        }
    }

    private void blocks(JsonNode content, String path, Deployment deployment, FetchedImages fetched, int[] count,
            long[] bytes) {
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            String at = path + "[" + j + "]";
            if (block.path("content").isArray()) {
                blocks(block.path("content"), at + ".content", deployment, fetched, count, bytes); // tool results
            }
            if (!(block.path("source") instanceof ObjectNode source) || !"url".equals(source.path("type").asText())) {
                continue;
            }
            String param = at + ".source.url";
            if (!"image".equals(block.path("type").asText()) || !deployment.fetchImages()) {
                throw new GatewayException.BadRequest("The deployment of '" + deployment.model() + "' is on a private "
                        + "network, where URLs in a request are not passed on: send the " + block.path("type").asText()
                        + " at '" + param + "' as base64" + ("image".equals(block.path("type").asText())
                        ? ", or enable image fetching (fetch_images) on the deployment." : "."), param);
            }
            if (++count[0] > deployment.maxFetchedImages()) {
                throw new GatewayException.BadRequest("Could not use the image at '" + param + "': the deployment of '"
                        + deployment.model() + "' fetches at most " + deployment.maxFetchedImages() + " image URLs per "
                        + "request (fetch_images_max_count); send the others as base64.", param);
            }
            String url = source.path("url").asText();
            DataUrl image = fetched.get(url);
            if (image == null) {
                image = fetcher.fetch(url, param, deployment.maxFetchedBytes() - bytes[0]);
                fetched.put(url, image);
            }
            bytes[0] += FetchedImages.decodedBytes(image);
            if (bytes[0] > deployment.maxFetchedBytes()) {
                throw new GatewayException.BadRequest("Could not use the image at '" + param + "': the request's images "
                        + "together are larger than the " + deployment.maxFetchedBytes() + " bytes the deployment of '"
                        + deployment.model() + "' fetches per request (fetch_images_max_bytes).", param);
            }
            source.removeAll();
            source.put("type", "base64").put("media_type", image.mediaType()).put("data", image.base64Data());
        }
    }
}
