package dev.gatehouse.server.routes;

import dev.gatehouse.api.RerankRequest;
import dev.gatehouse.api.RerankResponse;
import dev.gatehouse.api.wire.RerankJson;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.http.Answer;
import dev.gatehouse.server.http.ModelRoute;
import dev.gatehouse.server.limit.Demand;

/**
 * {@code POST /v1/rerank}: Cohere's rerank format, as LiteLLM's proxy offers it, served by any
 * deployment whose provider reranks. Errors come in OpenAI's error format, like every route.
 * Rerank is billed per search, not per token, so its spend row carries no tokens and no cost
 * until the price table knows searches.
 */
final class RerankRoute {

    private RerankRoute() {}

    static ModelRoute<RerankRequest> of() {
        return ModelRoute.post("rerank", Endpoint.RERANK, in -> RerankJson.read(in.json()))
                .openAiPath("/rerank")
                .model(RerankRequest::model)
                .demand(Demand::rerank)
                .call((call, request) -> {
                    call.genAi().operation("rerank"); // no conventional name; the route's own
                    RerankResponse response = call.gateway().rerank(request);
                    call.genAi().responseId(response.id()).responseModel(response.model());
                    return Answer.json(RerankJson.write(response));
                });
    }
}
