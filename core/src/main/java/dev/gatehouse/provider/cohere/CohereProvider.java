package dev.gatehouse.provider.cohere;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.RerankRequest;
import dev.gatehouse.api.RerankResponse;
import dev.gatehouse.http.Transport;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.http.UpstreamResponse;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.ChatProvider;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.EmbeddingBatches;
import dev.gatehouse.provider.EmbeddingProvider;
import dev.gatehouse.provider.RerankProvider;
import dev.gatehouse.provider.SseChatStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * OpenAI-format chat served by Cohere's v2 Chat API: {@code POST {base}/v2/chat} with
 * {@code Authorization: Bearer}, base {@code https://api.cohere.com} unless the deployment
 * names another (https://docs.cohere.com/reference/chat). Also reranks, at {@code POST {base}/v2/rerank}
 * ({@link CohereRerank}), and embeds, at {@code POST {base}/v2/embed} ({@link CohereEmbeddings}).
 */
public final class CohereProvider implements ChatProvider, RerankProvider, EmbeddingProvider {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.cohere.com");

    private final Transport transport;
    private final Clock clock;

    public CohereProvider(Transport transport) {
        this(transport, Clock.systemUTC());
    }

    CohereProvider(Transport transport, Clock clock) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.clock = clock;
    }

    @Override
    public ChatResponse chat(ChatRequest request, Deployment deployment) {
        ObjectNode body = CohereRequestMapper.toCohere(request.toBuilder().stream(false).build(), deployment);
        try (UpstreamResponse response = send(body, deployment, false)) {
            byte[] bytes = response.readAll();
            if (!response.isSuccess()) {
                throw CohereErrors.fromResponse(response.status(), response.header("retry-after").orElse(null),
                        new String(bytes, StandardCharsets.UTF_8), clock);
            }
            return CohereResponseMapper.toChatResponse(Json.parseUpstream(bytes, "Cohere"), request.model(),
                    clock.instant().getEpochSecond());
        }
    }

    @Override
    public ChatStream stream(ChatRequest request, Deployment deployment) {
        ObjectNode body = CohereRequestMapper.toCohere(request.toBuilder().stream(true).build(), deployment);
        UpstreamResponse response = send(body, deployment, true);
        if (!response.isSuccess()) {
            String error = new String(response.readAll(), StandardCharsets.UTF_8); // reading it closes it
            throw CohereErrors.fromResponse(response.status(), response.header("retry-after").orElse(null), error, clock);
        }
        return new SseChatStream(response, new CohereStreamDecoder(request.model(), clock.instant().getEpochSecond(),
                request.includeUsage()));
    }

    @Override
    public RerankResponse rerank(RerankRequest request, Deployment deployment) {
        try (UpstreamResponse response = send(CohereRerank.toCohere(request), deployment, "/v2/rerank", false)) {
            byte[] bytes = response.readAll();
            if (!response.isSuccess()) {
                throw CohereErrors.fromResponse(response.status(), response.header("retry-after").orElse(null),
                        new String(bytes, StandardCharsets.UTF_8), clock);
            }
            return CohereRerank.toResponse(Json.parseUpstream(bytes, "Cohere"), request);
        }
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request, Deployment deployment) {
        int limit = Math.min(CohereEmbeddings.MAX_BATCH, EmbeddingBatches.limit(deployment, CohereEmbeddings.MAX_BATCH));
        return EmbeddingBatches.run(request, limit, "Cohere", part -> embedOnce(part, deployment));
    }

    private EmbeddingResponse embedOnce(EmbeddingRequest request, Deployment deployment) {
        try (UpstreamResponse response = send(CohereEmbeddings.toCohere(request, deployment), deployment, "/v2/embed",
                false)) {
            byte[] bytes = response.readAll();
            if (!response.isSuccess()) {
                throw CohereErrors.fromResponse(response.status(), response.header("retry-after").orElse(null),
                        new String(bytes, StandardCharsets.UTF_8), clock);
            }
            return CohereEmbeddings.toResponse(Json.parseUpstream(bytes, "Cohere"), request);
        }
    }

    private UpstreamResponse send(ObjectNode body, Deployment deployment, boolean stream) {
        return send(body, deployment, "/v2/chat", stream);
    }

    private UpstreamResponse send(ObjectNode body, Deployment deployment, String path, boolean stream) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (deployment.apiKey() != null) {
            headers.put("authorization", "Bearer " + deployment.apiKey().reveal());
        }
        headers.put("accept", stream ? "text/event-stream" : "application/json");
        return transport.send(UpstreamRequest.postJson(endpoint(deployment, path), headers, Json.bytes(body),
                deployment.timeout()).withTimeouts(deployment.totalTimeout(), deployment.idleTimeout()));
    }

    static URI endpoint(Deployment deployment, String path) {
        String base = deployment.baseUrlOr(DEFAULT_BASE_URL).toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }
}
