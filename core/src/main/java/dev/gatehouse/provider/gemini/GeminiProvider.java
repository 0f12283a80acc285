package dev.gatehouse.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.google.VertexAi;
import dev.gatehouse.http.UpstreamCalls;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.ChatProvider;
import dev.gatehouse.provider.CheckedChat;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.EmbeddingBatches;
import dev.gatehouse.provider.EmbeddingProvider;
import dev.gatehouse.provider.EndUserField;
import dev.gatehouse.provider.Provider;
import dev.gatehouse.provider.SseChatStream;
import dev.gatehouse.provider.Upstream;
import java.net.URI;
import java.time.Clock;

/**
 * Google's Gemini models: {@code POST …:generateContent} and {@code :streamGenerateContent?alt=sse},
 * on the Gemini API (Generative Language, v1beta; provider id {@code gemini}) or on Vertex AI
 * (provider id {@code vertex}), which take the same bodies at another URL with another
 * credential ({@link GeminiPlatform}).
 *
 * <p>For the Gemini API the base URL is the host root, {@value #DEFAULT_BASE_URL} unless the
 * deployment names another. The API key travels only in the {@code x-goog-api-key} header,
 * never in the URL (URLs end up in logs and proxies). The model name becomes a path segment,
 * so only letters, digits, {@code .}, {@code _} and {@code -} are accepted in it.
 */
public final class GeminiProvider implements ChatProvider, EmbeddingProvider {

    /** Gemini's public endpoint. */
    public static final String DEFAULT_BASE_URL = GeminiPlatform.GeminiApi.DEFAULT_BASE_URL;

    private final Clock clock;
    private final GeminiPlatform platform;

    public GeminiProvider() {
        this(Clock.systemUTC(), new GeminiPlatform.GeminiApi());
    }

    GeminiProvider(Clock clock) {
        this(clock, new GeminiPlatform.GeminiApi());
    }

    private GeminiProvider(Clock clock, GeminiPlatform platform) {
        this.clock = clock;
        this.platform = platform;
    }

    /**
     * Gemini models on Google Cloud's Vertex AI, authenticated with a service account's OAuth
     * tokens (fetched through the calling request's transport too, and shared by every Vertex deployment).
     */
    public static GeminiProvider vertex() {
        return new GeminiProvider(Clock.systemUTC(), new GeminiPlatform.Vertex(new VertexAi()));
    }

    /** Gemini has no end-user field: {@code user} is left out and named, never refused. */
    @Override
    public CheckedChat checkFields(ChatRequest request, Deployment deployment) {
        return EndUserField.leftOut(request);
    }

    @Override
    public ChatResponse chat(ChatRequest request, Upstream upstream) {
        JsonNode answer = UpstreamCalls.json(upstream.transport(), call(request, upstream, ":generateContent"),
                GeminiErrors.ERRORS, "Gemini");
        return GeminiResponseMapper.toChatResponse(answer, request.model(), now());
    }

    @Override
    public ChatStream stream(ChatRequest request, Upstream upstream) {
        UpstreamRequest call = call(request, upstream, ":streamGenerateContent?alt=sse");
        return new SseChatStream(UpstreamCalls.open(upstream.transport(), call, GeminiErrors.ERRORS),
                new GeminiStreamDecoder(request.model(), request.includeUsage(), now()));
    }

    /**
     * Embeddings only on the Gemini API: Vertex AI serves Google's embedding models through
     * another method ({@code :predict}) and body, which this package does not map.
     */
    @Override
    public boolean offers(Class<? extends Provider> operation) {
        if (operation == EmbeddingProvider.class) {
            return platform instanceof GeminiPlatform.GeminiApi;
        }
        return ChatProvider.super.offers(operation);
    }

    /** Gemini has no end-user field: the gateway leaves {@code user} out and names it. */
    @Override
    public boolean takesEndUser() {
        return false;
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request, Upstream upstream) {
        int limit = Math.min(GeminiEmbeddings.MAX_BATCH,
                EmbeddingBatches.limit(upstream.deployment(), GeminiEmbeddings.MAX_BATCH));
        return EmbeddingBatches.run(request, limit, "Gemini", part -> embedOnce(part, upstream));
    }

    private EmbeddingResponse embedOnce(EmbeddingRequest request, Upstream upstream) {
        Deployment deployment = upstream.deployment();
        UpstreamRequest call = post(platform.endpoint(deployment, request.model(), GeminiEmbeddings.method(request)),
                Json.bytes(GeminiEmbeddings.toGemini(request, deployment)), upstream);
        return GeminiEmbeddings.toResponse(UpstreamCalls.json(upstream.transport(), call, GeminiErrors.ERRORS,
                "Gemini"), request);
    }

    private UpstreamRequest call(ChatRequest request, Upstream upstream, String method) {
        Deployment deployment = upstream.deployment();
        URI uri = platform.endpoint(deployment, request.model(), method);
        return post(uri, Json.bytes(GeminiRequestMapper.toGemini(request, deployment)), upstream);
    }

    private UpstreamRequest post(URI uri, byte[] body, Upstream upstream) {
        Deployment deployment = upstream.deployment();
        return UpstreamRequest.postJson(uri, platform.authHeaders(deployment, upstream.transport()), body,
                deployment.timeout()).withTimeouts(deployment.totalTimeout(), deployment.idleTimeout());
    }

    /** The Gemini API's URL of one model method; refuses a model name that could leave its path segment. */
    static URI endpoint(Deployment deployment, String model, String method) {
        return new GeminiPlatform.GeminiApi().endpoint(deployment, model, method);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
