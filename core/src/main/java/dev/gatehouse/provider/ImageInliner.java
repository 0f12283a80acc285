package dev.gatehouse.provider;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.http.ImageFetcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces image URLs by inline data URLs, for providers that accept images only inline. The
 * fetch happens only where the deployment allows it; otherwise an image URL is a clear 400.
 */
public final class ImageInliner {

    private final ImageFetcher fetcher;

    public ImageInliner(ImageFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** The request with every http(s) image inlined; the same request when it has none. */
    public ChatRequest inline(ChatRequest request, Deployment deployment) {
        List<Message> messages = new ArrayList<>(request.messages().size());
        boolean changed = false;
        for (int i = 0; i < request.messages().size(); i++) {
            Message message = request.messages().get(i);
            if (message instanceof Message.User user && hasUrlImage(user)) {
                messages.add(inline(user, "messages[" + i + "]", deployment));
                changed = true;
            } else {
                messages.add(message);
            }
        }
        return changed ? request.toBuilder().messages(messages).build() : request;
    }

    private static boolean hasUrlImage(Message.User user) {
        return user.content().stream().anyMatch(p -> p instanceof ContentPart.Image image && image.dataUrl().isEmpty());
    }

    private Message.User inline(Message.User user, String path, Deployment deployment) {
        List<ContentPart> parts = new ArrayList<>(user.content().size());
        for (int j = 0; j < user.content().size(); j++) {
            ContentPart part = user.content().get(j);
            String param = path + ".content[" + j + "].image_url.url";
            if (part instanceof ContentPart.Image image && image.dataUrl().isEmpty()) {
                if (!deployment.fetchImages()) {
                    throw new GatewayException.BadRequest("Provider '" + deployment.provider() + "' takes images "
                            + "inline only: send a base64 data URL at '" + param + "', or enable image fetching "
                            + "(fetch_images) on the deployment.", param);
                }
                parts.add(new ContentPart.Image(fetcher.fetch(image.url(), param).toUrl(), image.detail()));
            } else {
                parts.add(part);
            }
        }
        return new Message.User(parts, user.name());
    }
}
