package dev.gatehouse.server.routes;

import dev.gatehouse.Gateway;
import dev.gatehouse.server.http.ModelRoute;
import java.util.List;

/** Every model route Gatehouse serves, declared; the pipeline serves them all the same way. */
public final class ModelRoutes {

    private ModelRoutes() {}

    public static List<ModelRoute<?>> all(Gateway gateway) {
        MessagesRoutes messages = new MessagesRoutes(gateway);
        return List.of(ChatCompletionsRoute.of(gateway), EmbeddingsRoute.of(), ImageRoutes.generations(),
                ImageRoutes.edits(), RerankRoute.of(), messages.messages(), messages.countTokens(),
                CompletionsRoute.of(gateway));
    }
}
