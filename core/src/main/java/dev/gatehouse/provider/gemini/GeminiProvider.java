package dev.gatehouse.provider.gemini;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.Transport;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.http.UpstreamResponse;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.ChatProvider;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.EmbeddingBatches;
import dev.gatehouse.provider.EmbeddingProvider;
import dev.gatehouse.provider.SseChatStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Google's Gemini API (Generative Language, v1beta): {@code POST
 * {baseUrl}/v1beta/models/{model}:generateContent} and {@code :streamGenerateContent?alt=sse}.
 *
 * <p>The base URL is the host root, {@value #DEFAULT_BASE_URL} unless the deployment names
 * another. The API key travels only in the {@code x-goog-api-key} header, never in the URL
 * (URLs end up in logs and proxies). The model name becomes a path segment, so only letters,
 * digits, {@code .}, {@code _} and {@code -} are accepted in it.
 */
public final class GeminiProvider implements ChatProvider, EmbeddingProvider {

    /** Gemini's public endpoint. */
    public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";

    private static final Pattern SAFE_MODEL = Pattern.compile("[A-Za-z0-9._-]+");

    private final Transport transport;
    private final Clock clock;

    public GeminiProvider(Transport transport) {
        this(transport, Clock.systemUTC());
    }

    GeminiProvider(Transport transport, Clock clock) {
        this.transport = transport;
        this.clock = clock;
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

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request, Deployment deployment) {
        int limit = Math.min(GeminiEmbeddings.MAX_BATCH, EmbeddingBatches.limit(deployment, GeminiEmbeddings.MAX_BATCH));
        return EmbeddingBatches.run(request, limit, "Gemini", part -> embedOnce(part, deployment));
    }

    private EmbeddingResponse embedOnce(EmbeddingRequest request, Deployment deployment) {
        UpstreamRequest upstream = post(endpoint(deployment, request.model(), GeminiEmbeddings.method(request)),
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
        URI uri = endpoint(deployment, request.model(), method);
        return post(uri, Json.bytes(GeminiRequestMapper.toGemini(request, deployment)), deployment);
    }

    private static UpstreamRequest post(URI uri, byte[] body, Deployment deployment) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (deployment.apiKey() != null) {
            headers.put("x-goog-api-key", deployment.apiKey().reveal());
        }
        return UpstreamRequest.postJson(uri, headers, body, deployment.timeout())
                .withTotalTimeout(deployment.totalTimeout());
    }

    /** The URL of one model method; refuses a model name that could leave its path segment. */
    static URI endpoint(Deployment deployment, String model, String method) {
        if (!SAFE_MODEL.matcher(model).matches() || model.contains("..")) {
            throw new GatewayException.BadRequest("the Gemini model name '" + model
                    + "' may only contain letters, digits, '.', '_' and '-'", "model");
        }
        String base = deployment.baseUrlOr(URI.create(DEFAULT_BASE_URL)).toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/v1beta/models/" + model + method);
    }

    private static GatewayException error(UpstreamResponse response, byte[] body) {
        return GeminiErrors.fromHttp(response.status(), new String(body, StandardCharsets.UTF_8),
                response.header("retry-after").orElse(null));
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
