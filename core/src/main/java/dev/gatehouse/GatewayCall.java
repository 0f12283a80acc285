package dev.gatehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.EventStream;
import dev.gatehouse.api.ImageRequest;
import dev.gatehouse.api.ImageResponse;
import dev.gatehouse.api.RerankRequest;
import dev.gatehouse.api.RerankResponse;
import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.api.TokenCount;
import dev.gatehouse.routing.RequestContext;

/**
 * The gateway's operations for one request, with its {@link RequestContext}: what routing did and
 * the time spent upstream are read from the context afterwards, whether the call succeeded or not.
 */
public final class GatewayCall {

    private final Gateway gateway;
    private final RequestContext context;

    GatewayCall(Gateway gateway, RequestContext context) {
        this.gateway = gateway;
        this.context = context;
    }

    public RequestContext context() {
        return context;
    }

    /** Answers a chat request in full. */
    public ChatResponse chat(ChatRequest request) {
        return gateway.chat(request, context.trace());
    }

    /**
     * Answers a chat request as a stream of chunks. The first chunk is awaited here: a deployment
     * that fails before it is replaced by another, as a whole request would be; once it has come,
     * the stream is the caller's and a failure reaches the caller. Close it to abandon it.
     */
    public ChatStream chatStream(ChatRequest request) {
        return gateway.chatStream(request, context.trace());
    }

    /** Embeds the request's inputs; the answer has one vector per input, in input order. */
    public EmbeddingResponse embed(EmbeddingRequest request) {
        return gateway.embed(request, context.trace());
    }

    /** Generates images from a prompt. */
    public ImageResponse generateImages(ImageRequest request) {
        return gateway.generateImages(request, context.trace());
    }

    /** Edits the request's images as its prompt says. */
    public ImageResponse editImages(ImageRequest request) {
        return gateway.editImages(request, context.trace());
    }

    /** Orders documents by their relevance to a query, on a deployment whose provider reranks. */
    public RerankResponse rerank(RerankRequest request) {
        return gateway.rerank(request, context.trace());
    }

    /** Counts a request's input tokens: exactly where the provider can, else estimated; the answer says which. */
    public TokenCount countTokens(ChatRequest request) {
        return gateway.countTokens(request, context.trace());
    }

    /** An Anthropic Messages request, sent as written to a model that speaks Anthropic's API. */
    public JsonNode anthropicMessage(ObjectNode body, String beta) {
        return gateway.anthropicMessage(body, beta, context.trace());
    }

    /** The streamed form of {@link #anthropicMessage}; the first event is awaited here. */
    public EventStream<ServerSentEvent> anthropicMessageStream(ObjectNode body, String beta) {
        return gateway.anthropicMessageStream(body, beta, context.trace());
    }
}
