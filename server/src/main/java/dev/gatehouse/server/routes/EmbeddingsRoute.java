package dev.gatehouse.server.routes;

import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.wire.EmbeddingRequestJson;
import dev.gatehouse.api.wire.EmbeddingResponseJson;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.cache.CacheDirectives;
import dev.gatehouse.server.http.Answer;
import dev.gatehouse.server.http.CachedEmbeddings;
import dev.gatehouse.server.http.ModelRoute;
import dev.gatehouse.server.limit.Demand;
import dev.gatehouse.server.spend.Tokenizer;

/** {@code POST /v1/embeddings}: OpenAI's embeddings, vectors as floats or base64 as the caller asks. */
final class EmbeddingsRoute {

    private EmbeddingsRoute() {}

    static ModelRoute<EmbeddingRequest> of() {
        return ModelRoute.post("embeddings", Endpoint.EMBEDDINGS, in -> EmbeddingRequestJson.read(CacheDirectives.withoutCacheField(in.json())))
                .openAiPath("/embeddings")
                .guarded(false) // an embedding holds no text to check
                .model(EmbeddingRequest::model)
                .prompt(Tokenizer::inputs)
                .demand(Demand::embedding)
                .call((call, request) -> {
                    call.genAi().operation(GenAi.EMBEDDINGS);
                    if (call.cachedEmbeddings().isPresent()) {
                        // Only the inputs the cache did not know go upstream; the spend row charges that call.
                        CachedEmbeddings.Embedded embedded = call.cachedEmbeddings().get()
                                .embed(call.model(), call.gateway()::embed);
                        call.genAi().responseModel(embedded.answer().model());
                        return Answer.json(EmbeddingResponseJson.write(embedded.answer(), request.encodingFormat()),
                                ticket -> ticket.usage(embedded.charged()));
                    }
                    EmbeddingResponse response = call.gateway().embed(request);
                    call.genAi().responseModel(response.model());
                    return Answer.json(EmbeddingResponseJson.write(response, request.encodingFormat()),
                            ticket -> ticket.usage(response.usage()));
                });
    }
}
