package dev.gatehouse.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.Gateway;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.TokenCount;
import dev.gatehouse.api.anthropic.MessagesRequestJson;
import dev.gatehouse.api.anthropic.MessagesResponseJson;
import dev.gatehouse.api.anthropic.NativeMessagesFields;
import dev.gatehouse.api.anthropic.TranslatedMessages;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.cache.CacheDirectives;
import dev.gatehouse.server.http.Answer;
import dev.gatehouse.server.http.Incoming;
import dev.gatehouse.server.http.ModelCall;
import dev.gatehouse.server.http.ModelRoute;
import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic's Messages API in front of every configured model: {@code POST /v1/messages} (JSON,
 * or with {@code stream: true} Anthropic's server-sent events) and
 * {@code POST /v1/messages/count_tokens}. For a model served by Anthropic (its API or Vertex AI)
 * the request goes as it was written; for every other model it is read into the canonical
 * request and served like any chat request. Either way the answer and every failure are written
 * in Anthropic's format, with Anthropic's {@code request-id} header.
 *
 * <p>The caller's key may come as {@code x-api-key} or {@code Authorization: Bearer} (recent
 * Anthropic SDKs send the latter), and needs the {@code messages} endpoint.
 * {@code anthropic-version} is accepted and not acted on: Gatehouse speaks version 2023-06-01
 * whatever the caller names; {@code anthropic-beta} goes to Anthropic on the as-written path only.
 * Anthropic's SDKs call their beta client's methods with {@code ?beta=true}; the query string
 * changes nothing here (the path is what routes).
 *
 * <p>On the translated path, what only steers Anthropic's platform (prompt caching, context
 * management, the beta header, …) is left out and named in {@code x-gatehouse-dropped},
 * together with what routing drops for the deployment (docs/agents.md); so is thinking, for a
 * model whose deployments say it does not reason.
 */
final class MessagesRoutes {

    /** Says whether a token count is the provider's own or Gatehouse's estimate. */
    static final String TOKEN_COUNT_HEADER = "x-gatehouse-token-count";

    private final Gateway gateway;

    MessagesRoutes(Gateway gateway) {
        this.gateway = gateway;
    }

    ModelRoute<MessagesRequest> messages() {
        return ModelRoute.post("messages", Endpoint.MESSAGES, this::read)
                .paths("/v1/messages")
                .anthropicErrors()
                .guarded(true)
                .model(MessagesRequest::model)
                .prompt(MessagesRequest::promptTokens)
                .check(request -> {
                    if (request instanceof MessagesRequest.Translated translated) {
                        gateway.checkChatFields(translated.request());
                    }
                })
                .demand(MessagesRequest::demand)
                .cachedStreams(new MessagesStreamCache())
                .call(MessagesRoutes::call);
    }

    /** A request like any other for the key's requests per minute (docs/limits.md); no tokens, no budget, no spend row. */
    ModelRoute<TranslatedMessages> countTokens() {
        return ModelRoute.post("count_tokens", Endpoint.MESSAGES,
                        in -> countTokensRequest(in))
                .paths("/v1/messages/count_tokens")
                .anthropicErrors()
                .model(request -> request.request().model())
                .unrecorded()
                .call((call, request) -> {
                    call.context().trace().addDropped(request.dropped());
                    TokenCount count = call.gateway().countTokens(request.request());
                    var answer = Json.object().put("input_tokens", count.inputTokens());
                    if (!count.exact()) {
                        answer.put("gatehouse_estimate", true);
                    }
                    call.header(TOKEN_COUNT_HEADER, count.exact() ? "exact" : "estimated");
                    return Answer.json(answer);
                });
    }

    private TranslatedMessages countTokensRequest(Incoming in) {
        JsonNode json = in.json();
        return withBeta(MessagesRequestJson.translateCountTokens(json, Reasoning.mayReason(gateway, json)), in);
    }

    /**
     * A model every deployment of which speaks Anthropic's API gets the request as the caller
     * wrote it, with the caller's {@code anthropic-beta}: nothing is lost in translation
     * (thinking signatures, prompt caching, documents, citations, server tools). Anthropic
     * checks the rest of the body; its refusals reach the caller in Anthropic's format.
     */
    private MessagesRequest read(Incoming in) {
        JsonNode json = CacheDirectives.withoutCacheField(in.json()); // LiteLLM's cache controls are Gatehouse's
        if (json instanceof ObjectNode object && object.path("model").isTextual()
                && gateway.speaksAnthropicMessages(object.path("model").asText())) {
            // The budget reserves what max_tokens allows: its type is checked before anything else.
            int maxTokens = NativeMessagesFields.check(object);
            if (object.has("mcp_servers")) {
                // The upstream would connect to servers the caller names, with tokens the caller gives,
                // on the deployment's account: not something a virtual key's scope can bound.
                throw new GatewayException.BadRequest("mcp_servers is not accepted by this gateway: a request can not"
                        + " make the upstream connect to servers it names.", "mcp_servers");
            }
            return new MessagesRequest.AsWritten(object, maxTokens, in.header("anthropic-beta").orElse(null));
        }
        TranslatedMessages translated = withBeta(
                MessagesRequestJson.translate(json, Reasoning.mayReason(gateway, json)), in);
        return new MessagesRequest.Translated(translated.request(), translated.dropped());
    }

    /** The beta header names features of Anthropic's platform: on the translated path it is dropped, and named. */
    private static TranslatedMessages withBeta(TranslatedMessages translated, Incoming in) {
        if (in.header("anthropic-beta").isEmpty()) {
            return translated;
        }
        List<String> dropped = new ArrayList<>(translated.dropped());
        dropped.addFirst("anthropic-beta");
        return new TranslatedMessages(translated.request(), dropped);
    }

    private static Answer call(ModelCall<MessagesRequest> call, MessagesRequest request) {
        return switch (request) {
            case MessagesRequest.AsWritten written when written.stream() -> {
                GenAi.asWritten(call, GenAi.CHAT, written.body(), "max_tokens", "system", "messages");
                yield Answer.stream(call.gateway().anthropicMessageStream(written.body(), written.beta()),
                        new AnthropicSse(call.ticket(), call.genAi()));
            }
            case MessagesRequest.AsWritten written -> {
                GenAi.asWritten(call, GenAi.CHAT, written.body(), "max_tokens", "system", "messages");
                JsonNode message = call.gateway().anthropicMessage(written.body(), written.beta());
                GenAi.anthropicMessage(call.genAi(), message);
                call.genAi().completion(() -> GenAi.anthropicText(message));
                yield Answer.json(message, ticket -> ticket.usage(new AnthropicUsage().add(message.get("usage")).usage()));
            }
            case MessagesRequest.Translated translated when translated.request().stream() -> {
                call.context().trace().addDropped(translated.dropped());
                GenAi.chat(call, GenAi.CHAT, translated.request());
                GenAi.streamedText(call.genAi(), call.ticket());
                yield Answer.stream(call.gateway().chatStream(translated.request()),
                        new TranslatedMessagesSse(call.ticket(), call.genAi(), translated.request().model()));
            }
            case MessagesRequest.Translated translated -> {
                call.context().trace().addDropped(translated.dropped());
                GenAi.chat(call, GenAi.CHAT, translated.request());
                ChatResponse response = call.gateway().chat(translated.request());
                GenAi.answered(call.genAi(), response);
                yield Answer.json(MessagesResponseJson.write(response), ticket -> ticket.answered(response));
            }
        };
    }
}
