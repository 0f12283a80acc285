package dev.gatehouse.server.routes;

import dev.gatehouse.Gateway;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.wire.ChatRequestJson;
import dev.gatehouse.api.wire.ChatResponseJson;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.cache.CacheDirectives;
import dev.gatehouse.server.http.Answer;
import dev.gatehouse.server.http.ModelRoute;
import dev.gatehouse.server.limit.Demand;
import dev.gatehouse.server.spend.Tokenizer;

/**
 * {@code POST /v1/chat/completions}: OpenAI's Chat Completions, answered as JSON or, with
 * {@code stream: true}, as server-sent events ending in {@code data: [DONE]}.
 *
 * <p>Every stream asks its upstream for usage, whether or not the caller did, so that the spend
 * log has the tokens; a caller that did not ask does not get the usage chunk ({@link ChatSse}).
 */
final class ChatCompletionsRoute {

    private ChatCompletionsRoute() {}

    static ModelRoute<ChatRequest> of(Gateway gateway) {
        return ModelRoute.post("chat_completions", Endpoint.CHAT, in -> ChatRequestJson.read(CacheDirectives.withoutCacheField(in.json())))
                .openAiPath("/chat/completions")
                .guarded(true)
                .model(ChatRequest::model)
                .prompt(Tokenizer::prompt)
                .check(gateway::checkChatFields) // the fields every deployment of the model takes
                .demand(Demand::chat)
                .cachedStreams(new ChatStreamCache())
                .call((call, request) -> {
                    GenAi.chat(call, GenAi.CHAT, request);
                    if (request.stream()) {
                        GenAi.streamedText(call.genAi(), call.ticket());
                        return Answer.stream(call.gateway().chatStream(request.toBuilder().includeUsage(true).build()),
                                ChatSse.chat(call.ticket(), call.genAi(), request.includeUsage()));
                    }
                    return whole(call.gateway().chat(request), call.genAi());
                });
    }

    private static Answer whole(ChatResponse response, dev.gatehouse.server.telemetry.GenAiFacts facts) {
        GenAi.answered(facts, response);
        return Answer.json(ChatResponseJson.write(response), ticket -> ticket.answered(response));
    }
}
