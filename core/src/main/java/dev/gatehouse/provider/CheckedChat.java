package dev.gatehouse.provider;

import dev.gatehouse.api.ChatRequest;
import java.util.List;

/**
 * A chat request after its fields were checked for one deployment: what may be sent, and the
 * fields left out because the deployment drops what its upstream does not take, or because they
 * never change an answer and the upstream has no field for them (named to the caller in the
 * {@code x-gatehouse-dropped} response header).
 *
 * @param request the request to send
 * @param dropped the paths of the fields left out ({@code logit_bias}, {@code web_search_options.foo}), in order
 */
public record CheckedChat(ChatRequest request, List<String> dropped) {

    public CheckedChat {
        dropped = List.copyOf(dropped);
    }

    /** A request with nothing left out. */
    public static CheckedChat unchanged(ChatRequest request) {
        return new CheckedChat(request, List.of());
    }
}
