package dev.gatehouse.provider.gemini;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.google.VertexAi;
import dev.gatehouse.http.Transport;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.http.UpstreamResponse;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.ChatProvider;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.EmbeddingBatches;
import dev.gatehouse.provider.EmbeddingProvider;
import dev.gatehouse.provider.Provider;
import dev.gatehouse.provider.SseChatStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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

    private final Transport transport;
    private final Clock clock;
    private final GeminiPlatform platform;

    public GeminiProvider(Transport transport) {
        this(transport, Clock.systemUTC(), new GeminiPlatform.GeminiApi());
    }

    GeminiProvider(Transport transport, Clock clock) {
        this(transport, clock, new GeminiPlatform.GeminiApi());
    }

    private GeminiProvider(Transport transport, Clock clock, GeminiPlatform platform) {
        this.transport = transport;
        this.clock = clock;
        this.platform = platform;
    }

    /**
     * Gemini models on Google Cloud's Vertex AI, authenticated with a service account's OAuth
     * tokens (fetched through {@code transport} too, and shared by every Vertex deployment).
     */
    public static GeminiProvider vertex(Transport transport) {
        return new GeminiProvider(transport, Clock.systemUTC(), new GeminiPlatform.Vertex(new VertexAi(transport)));
    }

    @Override
    public ChatResponse chat(ChatRequest request, Deployment deployment) {
        UpstreamRequest upstream = upstreamRequest(request, deployment, ":generateContent");
        try (UpstreamResponse response = transport.send(upstream)) {
            byte[] body = response.readAll();
            if (!response.isSuccess()) {
                throw error(response, body);
            }
            return GeminiResponseMapper.toChatResponse(Json.parseUpstream(body, "Gemini"), request.model(), now());
        }
    }

    @Override
    public ChatStream stream(ChatRequest request, Deployment deployment) {
        UpstreamRequest upstream = upstreamRequest(request, deployment, ":streamGenerateContent?alt=sse");
        UpstreamResponse response = transport.send(upstream);
        if (!response.isSuccess()) {
            try (response) {
                throw error(response, response.readAll());
            }
        }
        return new SseChatStream(response, new GeminiStreamDecoder(request.model(), request.includeUsage(), now()));
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

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request, Deployment deployment) {
        int limit = Math.min(GeminiEmbeddings.MAX_BATCH, EmbeddingBatches.limit(deployment, GeminiEmbeddings.MAX_BATCH));
        return EmbeddingBatches.run(request, limit, "Gemini", part -> embedOnce(part, deployment));
    }

    private EmbeddingResponse embedOnce(EmbeddingRequest request, Deployment deployment) {
        UpstreamRequest upstream = post(platform.endpoint(deployment, request.model(), GeminiEmbeddings.method(request)),
                Json.bytes(GeminiEmbeddings.toGemini(request, deployment)), deployment);
        try (UpstreamResponse response = transport.send(upstream)) {
            byte[] body = response.readAll();
            if (!response.isSuccess()) {
                throw error(response, body);
            }
            return GeminiEmbeddings.toResponse(Json.parseUpstream(body, "Gemini"), request);
        }
    }

    private UpstreamRequest upstreamRequest(ChatRequest request, Deployment deployment, String method) {
        URI uri = platform.endpoint(deployment, request.model(), method);
        return post(uri, Json.bytes(GeminiRequestMapper.toGemini(request, deployment)), deployment);
    }

    private UpstreamRequest post(URI uri, byte[] body, Deployment deployment) {
        return UpstreamRequest.postJson(uri, platform.authHeaders(deployment), body, deployment.timeout())
                .withTimeouts(deployment.totalTimeout(), deployment.idleTimeout());
    }

    /** The Gemini API's URL of one model method; refuses a model name that could leave its path segment. */
    static URI endpoint(Deployment deployment, String model, String method) {
        return new GeminiPlatform.GeminiApi().endpoint(deployment, model, method);
    }

    private static GatewayException error(UpstreamResponse response, byte[] body) {
        return GeminiErrors.fromHttp(response.status(), new String(body, StandardCharsets.UTF_8),
                response.header("retry-after").orElse(null));
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
