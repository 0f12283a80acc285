package dev.gatehouse.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.DataUrl;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.ImageFetcher;

/**
 * The Anthropic Messages body sent as the caller wrote it ({@link NativeMessages}), or an OpenAI
 * Responses body ({@link #prepareResponses}), for a
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
            DataUrl image = fetch(source.path("url").asText(), param, deployment, fetched, count, bytes);
            source.removeAll();
            source.put("type", "base64").put("media_type", image.mediaType()).put("data", image.base64Data());
        }
    }

    /**
     * The same for an OpenAI Responses body sent as written ({@link NativeResponses}): every
     * {@code input_image} given by URL in the input's messages and function call outputs is fetched
     * and sent as a data URL where the deployment allows fetching; a file given by URL is refused.
     */
    public void prepareResponses(ObjectNode body, Deployment deployment, FetchedImages fetched) {
        if (!deployment.privateNetwork()) {
            return;
        }
        JsonNode input = body.path("input");
        int[] count = {0};
        long[] bytes = {0};
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            String field = item.path("content").isArray() ? "content" : "output";
            JsonNode parts = item.path(field);
            for (int j = 0; j < parts.size(); j++) {
                if (!(parts.get(j) instanceof ObjectNode part)) {
                    continue;
                }
                String at = "input[" + i + "]." + field + "[" + j + "]";
                String type = part.path("type").asText();
                if (type.equals("input_file") && part.hasNonNull("file_url")) {
                    throw new GatewayException.BadRequest("The deployment of '" + deployment.model() + "' is on a "
                            + "private network, where URLs in a request are not passed on: send the file at '" + at
                            + ".file_url' as file_data.", at + ".file_url");
                }
                String url = part.path("image_url").asText("");
                if (!type.equals("input_image") || url.isEmpty() || url.startsWith("data:")) {
                    continue;
                }
                String param = at + ".image_url";
                if (!deployment.fetchImages()) {
                    throw new GatewayException.BadRequest("The deployment of '" + deployment.model() + "' is on a "
                            + "private network, where URLs in a request are not passed on: send the image at '" + param
                            + "' as a data URL, or enable image fetching (fetch_images) on the deployment.", param);
                }
                part.put("image_url", fetch(url, param, deployment, fetched, count, bytes).toUrl());
            }
        }
    }

    /** One image URL fetched (or taken from the request's memo), within the deployment's per-request limits. */
    private DataUrl fetch(String url, String param, Deployment deployment, FetchedImages fetched, int[] count,
            long[] bytes) {
        if (++count[0] > deployment.maxFetchedImages()) {
            throw new GatewayException.BadRequest("Could not use the image at '" + param + "': the deployment of '"
                    + deployment.model() + "' fetches at most " + deployment.maxFetchedImages() + " image URLs per "
                    + "request (fetch_images_max_count); send the others as base64.", param);
        }
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
        return image;
    }
}
