package dev.gatehouse.provider;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.DataUrl;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.wire.ImageUrls;
import dev.gatehouse.http.ImageFetcher;
import java.util.ArrayList;
import java.util.List;

/**
 * What a deployment gets of a request's image URLs. One that takes URLs and is on the public
 * side gets https: and data: URLs as they are (anything else is refused: its upstream would fetch
 * it). One that takes images inline only, or whose upstream is on a private network (which would
 * fetch a caller's URL from inside that network), gets every URL fetched by Gatehouse's own
 * {@link ImageFetcher} and inlined, where the deployment allows fetching; otherwise a 400 names
 * the image. Fetching is bounded per request: at most the deployment's number of images and
 * bytes, each URL fetched once however many attempts the request takes ({@link FetchedImages}).
 */
public final class ImageInliner {

    private final ImageFetcher fetcher;

    public ImageInliner(ImageFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** The request with every image URL inlined, for a provider that takes images inline only. */
    public ChatRequest inline(ChatRequest request, Deployment deployment) {
        return prepare(request, deployment, true, new FetchedImages());
    }

    /**
     * The request as {@code deployment} may receive it; {@code inlineOnly} says its provider takes
     * no URLs. Images already in {@code fetched} are not fetched again.
     */
    public ChatRequest prepare(ChatRequest request, Deployment deployment, boolean inlineOnly, FetchedImages fetched) {
        boolean inline = inlineOnly || deployment.privateNetwork();
        if (inline) {
            refuseTooMany(request, deployment);
        }
        List<Message> messages = null;
        Budget budget = new Budget(deployment);
        for (int i = 0; i < request.messages().size(); i++) {
            if (!(request.messages().get(i) instanceof Message.User user) || !hasUrlImage(user)) {
                continue;
            }
            String path = "messages[" + i + "]";
            if (!inline) {
                checkSchemes(user, path);
                continue;
            }
            if (messages == null) {
                messages = new ArrayList<>(request.messages());
            }
            messages.set(i, inline(user, path, deployment, inlineOnly, fetched, budget));
        }
        return messages == null ? request : request.toBuilder().messages(messages).build();
    }

    /** More image URLs than the deployment fetches per request: a 400 before any is fetched. */
    private static void refuseTooMany(ChatRequest request, Deployment deployment) {
        int count = 0;
        for (int i = 0; i < request.messages().size(); i++) {
            if (!(request.messages().get(i) instanceof Message.User user)) {
                continue;
            }
            for (int j = 0; j < user.content().size(); j++) {
                if (user.content().get(j) instanceof ContentPart.Image image && image.dataUrl().isEmpty()
                        && ++count > deployment.maxFetchedImages()) {
                    String param = "messages[" + i + "].content[" + j + "].image_url.url";
                    throw new GatewayException.BadRequest("Could not use the image at '" + param + "': the "
                            + "deployment of '" + deployment.model() + "' fetches at most "
                            + deployment.maxFetchedImages() + " image URLs per request (fetch_images_max_count); send "
                            + "the others as base64 data URLs.", param);
                }
            }
        }
    }

    private static boolean hasUrlImage(Message.User user) {
        return user.content().stream().anyMatch(p -> p instanceof ContentPart.Image image && image.dataUrl().isEmpty());
    }

    private static void checkSchemes(Message.User user, String path) {
        for (int j = 0; j < user.content().size(); j++) {
            if (user.content().get(j) instanceof ContentPart.Image image) {
                ImageUrls.requireAllowedScheme(image.url(), path + ".content[" + j + "].image_url.url");
            }
        }
    }

    private Message.User inline(Message.User user, String path, Deployment deployment, boolean inlineOnly,
            FetchedImages fetched, Budget budget) {
        List<ContentPart> parts = new ArrayList<>(user.content().size());
        for (int j = 0; j < user.content().size(); j++) {
            ContentPart part = user.content().get(j);
            String param = path + ".content[" + j + "].image_url.url";
            if (part instanceof ContentPart.Image image && image.dataUrl().isEmpty()) {
                if (!deployment.fetchImages()) {
                    throw new GatewayException.BadRequest(inlineOnly
                            ? "Provider '" + deployment.provider() + "' takes images inline only: send a base64 data "
                                    + "URL at '" + param + "', or enable image fetching (fetch_images) on the deployment."
                            : "The deployment of '" + deployment.model() + "' is on a private network, where image "
                                    + "URLs are not passed on: send a base64 data URL at '" + param + "', or enable "
                                    + "image fetching (fetch_images) on the deployment.", param);
                }
                parts.add(new ContentPart.Image(fetch(image.url(), param, fetched, budget).toUrl(), image.detail()));
            } else {
                parts.add(part);
            }
        }
        return new Message.User(parts, user.name());
    }

    private DataUrl fetch(String url, String param, FetchedImages fetched, Budget budget) {
        DataUrl image = fetched.get(url);
        if (image == null) {
            image = fetcher.fetch(url, param, budget.bytesLeft());
            fetched.put(url, image);
        }
        budget.countBytes(FetchedImages.decodedBytes(image), param);
        return image;
    }

    /** What one request may still fetch for one deployment. */
    private static final class Budget {
        private final Deployment deployment;
        private long bytes;

        Budget(Deployment deployment) {
            this.deployment = deployment;
        }

        long bytesLeft() {
            return deployment.maxFetchedBytes() - bytes;
        }

        void countBytes(long size, String param) {
            bytes += size;
            if (bytes > deployment.maxFetchedBytes()) {
                throw new GatewayException.BadRequest("Could not use the image at '" + param + "': the request's "
                        + "images together are larger than the " + deployment.maxFetchedBytes() + " bytes the "
                        + "deployment of '" + deployment.model() + "' fetches per request (fetch_images_max_bytes).",
                        param);
            }
        }
    }
}
