package dev.gatehouse.server.routes;

import dev.gatehouse.Gateway;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.cache.CacheDirectives;
import dev.gatehouse.server.http.Answer;
import dev.gatehouse.server.http.ModelRoute;
import dev.gatehouse.server.limit.Demand;
import dev.gatehouse.server.spend.Tokenizer;

/**
 * {@code POST /v1/completions}: OpenAI's legacy Completions API, for clients that still use it,
 * answered through chat on every provider ({@link CompletionRequestJson}: the prompt as one user
 * message). Once read, it is a chat request: the same field checks against the model's deployments,
 * spend, limits, routing and fallbacks. Answered as a {@code text_completion} object, or streamed as
 * {@code text_completion} chunks ending in {@code data: [DONE]} (docs/agents.md).
 */
final class CompletionsRoute {

    private CompletionsRoute() {}

    static ModelRoute<ChatRequest> of(Gateway gateway) {
        return ModelRoute.post("completions", Endpoint.COMPLETIONS, in -> CompletionRequestJson.read(
                        CacheDirectives.withoutCacheField(in.json()))) // LiteLLM's cache controls are Gatehouse's
                .openAiPath("/completions")
                .model(ChatRequest::model)
                .prompt(Tokenizer::prompt)
                .check(gateway::checkChatFields)
                .demand(Demand::chat)
                .cachedStreams(new CompletionsStreamCache())
                .call((call, request) -> {
                    GenAi.chat(call, GenAi.TEXT_COMPLETION, request);
                    if (request.stream()) {
                        GenAi.streamedText(call.genAi(), call.ticket());
                        // Usage is always asked of the upstream, for the spend log (as chat does).
                        return Answer.stream(call.gateway().chatStream(request.toBuilder().includeUsage(true).build()),
                                ChatSse.completions(call.ticket(), call.genAi(), request.includeUsage()));
                    }
                    return whole(call.gateway().chat(request), call.genAi());
                });
    }

    private static Answer whole(ChatResponse response, dev.gatehouse.server.telemetry.GenAiFacts facts) {
        GenAi.answered(facts, response);
        return Answer.json(CompletionJson.write(response), ticket -> ticket.answered(response));
    }
}
