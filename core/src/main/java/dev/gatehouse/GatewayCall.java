package dev.gatehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.EventStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ImageRequest;
import dev.gatehouse.api.ImageResponse;
import dev.gatehouse.api.RerankRequest;
import dev.gatehouse.api.RerankResponse;
import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.api.TokenCount;
import dev.gatehouse.provider.ChatProvider;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.EmbeddingProvider;
import dev.gatehouse.provider.FetchedImages;
import dev.gatehouse.provider.ImageEditProvider;
import dev.gatehouse.provider.ImageProvider;
import dev.gatehouse.provider.Provider;
import dev.gatehouse.provider.RerankProvider;
import dev.gatehouse.provider.TokenCounter;
import dev.gatehouse.routing.Attempt;
import dev.gatehouse.routing.Group;
import dev.gatehouse.routing.RequestContext;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The gateway's operations for one request, with its {@link RequestContext}: what routing did and
 * the time spent upstream are read from the context afterwards, whether the call succeeded or not.
 * Every operation is served by the gateway's configuration as it was when the call was made, even
 * across a reload. Each routes the request across its model's deployments (and fallbacks), every
 * attempt on its deployment's provider, and answers under the public name of the model that served.
 */
public final class GatewayCall {

    private final Snapshot now;
    private final RequestContext context;

    GatewayCall(Snapshot now, RequestContext context) {
        this.now = now;
        this.context = context;
    }

    public RequestContext context() {
        return context;
    }

    /** Answers a chat request in full. */
    public ChatResponse chat(ChatRequest request) {
        FetchedImages fetched = new FetchedImages();
        return routed(request.model(), () -> now.tokens().estimate(request), ChatProvider.class, "chat completions",
                (provider, attempt) -> {
                    ChatRequest upstream = ChatPreparation.prepare(now,
                            request.toBuilder().stream(false).includeUsage(false), attempt, provider, fetched);
                    Deployment deployment = attempt.deployment();
                    ChatResponse response = provider.chat(upstream, now.upstream(attempt));
                    if (response.usage() != null) {
                        attempt.usedTokens(response.usage().totalTokens());
                    }
                    return response.withModel(deployment.model());
                });
    }

    /**
     * Answers a chat request as a stream of chunks. The first chunk is awaited here: a deployment
     * that fails before it is replaced by another, as a whole request would be; once it has come,
     * the stream is the caller's and a failure reaches the caller. Close it to abandon it.
     */
    public ChatStream chatStream(ChatRequest request) {
        FetchedImages fetched = new FetchedImages();
        return routed(request.model(), () -> now.tokens().estimate(request), ChatProvider.class, "chat completions",
                (provider, attempt) -> {
                    ChatRequest upstream = ChatPreparation.prepare(now, request.toBuilder().stream(true), attempt,
                            provider, fetched);
                    String model = attempt.deployment().model();
                    return new RoutedStream.Chat(provider.stream(upstream, now.upstream(attempt)), attempt, chunk -> {
                        if (chunk.usage() != null) {
                            attempt.usedTokens(chunk.usage().totalTokens());
                        }
                        return chunk.withModel(model);
                    });
                });
    }

    /**
     * Embeds the request's inputs; the answer has one vector per input, in input order. The end-user
     * id is left out, and named, for an upstream that has no field for it.
     */
    public EmbeddingResponse embed(EmbeddingRequest request) {
        return routed(request.model(), () -> 0, EmbeddingProvider.class, "embeddings", (provider, attempt) -> {
            EmbeddingRequest sent = request.withModel(attempt.deployment().upstreamModel());
            boolean leftOut = sent.user() != null && !provider.takesEndUser();
            attempt.context().trace().dropped(leftOut ? List.of("user") : List.of());
            return provider.embed(leftOut ? sent.withoutUser() : sent, now.upstream(attempt))
                    .withModel(attempt.deployment().model());
        });
    }

    /** Generates images from a prompt. */
    public ImageResponse generateImages(ImageRequest request) {
        return routed(request.model(), () -> 0, ImageProvider.class, "image generation", (provider, attempt) ->
                provider.generateImages(request.withModel(attempt.deployment().upstreamModel()), now.upstream(attempt)));
    }

    /** Edits the request's images as its prompt says. */
    public ImageResponse editImages(ImageRequest request) {
        if (!request.isEdit()) {
            throw new GatewayException.BadRequest("An image edit needs at least one image.", "image");
        }
        return routed(request.model(), () -> 0, ImageEditProvider.class, "image edits", (provider, attempt) ->
                provider.editImages(request.withModel(attempt.deployment().upstreamModel()), now.upstream(attempt)));
    }

    /**
     * Orders documents by their relevance to a query, on a deployment whose provider reranks
     * (Cohere); any other deployment is a 400 naming the model.
     */
    public RerankResponse rerank(RerankRequest request) {
        return routed(request.model(), () -> 0, RerankProvider.class, "rerank", (reranker, attempt) ->
                reranker.rerank(request.withModel(attempt.deployment().upstreamModel()), now.upstream(attempt))
                        .withModel(attempt.deployment().model()));
    }

    /**
     * Counts a request's input tokens: exactly where the deployment's provider can count them
     * (Anthropic), else estimated by the gateway's token estimator; the answer says which.
     */
    public TokenCount countTokens(ChatRequest request) {
        Group group = now.router().group(request.model());
        if (group == null) {
            throw GatewayException.NotFound.model(request.model());
        }
        boolean anyCounts = group.deployments().stream().anyMatch(d -> now.provider(d) instanceof TokenCounter counter
                && counter.countsTokensFor(d));
        if (!anyCounts) {
            return new TokenCount(now.tokens().estimate(request), false);
        }
        FetchedImages fetched = new FetchedImages();
        return routed(request.model(), () -> 0, ChatProvider.class, "chat", (provider, attempt) -> {
            Deployment deployment = attempt.deployment();
            if (provider instanceof TokenCounter counter && counter.countsTokensFor(deployment)) {
                ChatRequest upstream = ChatPreparation.prepare(now,
                        request.toBuilder().stream(false).includeUsage(false), attempt, provider, fetched);
                return new TokenCount(counter.countInputTokens(upstream, now.upstream(attempt)), true);
            }
            return new TokenCount(now.tokens().estimate(request), false);
        });
    }

    /**
     * An Anthropic Messages request, sent as written to a model that {@link
     * Gateway#speaksAnthropicMessages speaks Anthropic's API}; the answer names the model that
     * served. {@code beta} is the caller's {@code anthropic-beta} header, or null.
     */
    public JsonNode anthropicMessage(ObjectNode body, String beta) {
        return AnthropicPassthrough.message(now, context, body, beta);
    }

    /** The streamed form of {@link #anthropicMessage}: the first event is awaited here, and retried before it comes. */
    public EventStream<ServerSentEvent> anthropicMessageStream(ObjectNode body, String beta) {
        return AnthropicPassthrough.stream(now, context, body, beta);
    }

    /**
     * An OpenAI Responses request, sent as written to a model that {@link
     * Gateway#speaksOpenAiResponses speaks the Responses API}; the answer names the model that
     * served, and keeps the upstream's {@code usage}.
     */
    public JsonNode openAiResponse(ObjectNode body) {
        return ResponsesPassthrough.response(now, context, body);
    }

    /**
     * The streamed form of {@link #openAiResponse}: the upstream's events, each Response in them
     * naming the model that served; the first event is awaited here, and retried before it comes.
     */
    public EventStream<ServerSentEvent> openAiResponseStream(ObjectNode body) {
        return ResponsesPassthrough.stream(now, context, body);
    }

    /** What one attempt does with its deployment's provider. */
    @FunctionalInterface
    private interface OnProvider<P, T> {
        T call(P provider, Attempt attempt);
    }

    /**
     * Routes a request for {@code model}, each attempt on its deployment's provider as {@code type};
     * a provider without the operation is a 400. {@code tokens} is worked out only if a
     * deployment's tokens-per-minute capacity needs it.
     */
    private <P extends Provider, T> T routed(String model, LongSupplier tokens, Class<P> type, String operation,
            OnProvider<P, T> call) {
        return now.router().route(model, tokens, context,
                attempt -> call.call(now.operation(attempt.deployment(), type, operation), attempt));
    }
}
