package dev.gatehouse.provider;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;

/**
 * A model provider that serves OpenAI-format chat requests. An implementation translates the
 * request to its provider's wire format, calls the upstream through the
 * attempt's {@link Upstream} (its deployment and the transport timed for its request), and translates the answer back; the translation itself
 * lives in pure functions of the provider's package, testable without a socket.
 *
 * <p>The request it receives already names the upstream model ({@link Deployment#upstreamModel()});
 * responses name it as the upstream did, and the caller of the provider renames them.
 * Failures are thrown as {@link dev.gatehouse.api.GatewayException}s.
 */
public interface ChatProvider extends Provider {

    ChatResponse chat(ChatRequest request, Upstream upstream);

    /** Opens a stream; the caller must close it. */
    ChatStream stream(ChatRequest request, Upstream upstream);

    /**
     * Whether the upstream takes images by URL. When false, the gateway inlines image URLs
     * before the call (where the deployment allows fetching) or refuses them with a 400.
     */
    default boolean acceptsImageUrls() {
        return true;
    }

    /**
     * Checks the request's free-form fields (its extensions) against what the deployment's upstream
     * documents, before anything is sent: a field it does not take is refused with a 400 naming
     * it, or left out when the deployment drops parameters. A field that never changes an answer
     * (the end-user id, {@link EndUserField}) is left out whatever the deployment says. Either way
     * what is left out is named. The default leaves the request as it is, for providers whose
     * mapping already refuses or drops every field it does not translate.
     */
    default CheckedChat checkFields(ChatRequest request, Deployment deployment) {
        return CheckedChat.unchanged(request);
    }
}
