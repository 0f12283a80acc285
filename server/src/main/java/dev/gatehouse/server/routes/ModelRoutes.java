package dev.gatehouse.server.routes;

import dev.gatehouse.Gateway;
import dev.gatehouse.server.http.ModelRoute;
import dev.gatehouse.server.responses.ResponseKeeper;
import java.util.List;

/** Every model route Gatehouse serves, declared; the pipeline serves them all the same way. */
public final class ModelRoutes {

    private ModelRoutes() {}

    /** {@code responses} keeps what the Responses API answered, and gives it back to continue it. */
    public static List<ModelRoute<?>> all(Gateway gateway, ResponseKeeper responses) {
        MessagesRoutes messages = new MessagesRoutes(gateway);
        return List.of(ChatCompletionsRoute.of(gateway), EmbeddingsRoute.of(), ImageRoutes.generations(),
                ImageRoutes.edits(), RerankRoute.of(), messages.messages(), messages.countTokens(),
                CompletionsRoute.of(gateway), new ResponsesRoute(gateway, responses).route());
    }
}
