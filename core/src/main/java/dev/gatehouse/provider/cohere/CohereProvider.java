package dev.gatehouse.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.RerankRequest;
import dev.gatehouse.api.RerankResponse;
import dev.gatehouse.http.UpstreamCalls;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.http.UpstreamResponse;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.ChatProvider;
import dev.gatehouse.provider.CheckedChat;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.EmbeddingBatches;
import dev.gatehouse.provider.EmbeddingProvider;
import dev.gatehouse.provider.EndUserField;
import dev.gatehouse.provider.RerankProvider;
import dev.gatehouse.provider.SseChatStream;
import dev.gatehouse.provider.Upstream;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenAI-format chat served by Cohere's v2 Chat API: {@code POST {base}/v2/chat} with
 * {@code Authorization: Bearer}, base {@code https://api.cohere.com} unless the deployment
 * names another (https://docs.cohere.com/reference/chat). Also reranks, at {@code POST {base}/v2/rerank}
 * ({@link CohereRerank}), and embeds, at {@code POST {base}/v2/embed} ({@link CohereEmbeddings}).
 */
public final class CohereProvider implements ChatProvider, RerankProvider, EmbeddingProvider {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.cohere.com");

    private final Clock clock;
    private final UpstreamCalls.Errors errors;

    public CohereProvider() {
        this(Clock.systemUTC());
    }

    CohereProvider(Clock clock) {
        this.clock = clock;
        this.errors = (response, body) -> CohereErrors.fromResponse(response.status(),
                response.header("retry-after").orElse(null), body, clock);
    }

    /** Cohere's chat API has no end-user field: {@code user} is left out and named, never refused. */
    @Override
    public CheckedChat checkFields(ChatRequest request, Deployment deployment) {
        return EndUserField.leftOut(request);
    }

    @Override
    public ChatResponse chat(ChatRequest request, Upstream upstream) {
        ObjectNode body = CohereRequestMapper.toCohere(request.toBuilder().stream(false).build(), upstream.deployment());
        return CohereResponseMapper.toChatResponse(post(body, upstream, "/v2/chat"), request.model(),
                clock.instant().getEpochSecond());
    }

    @Override
    public ChatStream stream(ChatRequest request, Upstream upstream) {
        ObjectNode body = CohereRequestMapper.toCohere(request.toBuilder().stream(true).build(), upstream.deployment());
        UpstreamResponse response = UpstreamCalls.open(upstream.transport(), call(body, upstream.deployment(),
                "/v2/chat", true), errors);
        return new SseChatStream(response, new CohereStreamDecoder(request.model(), clock.instant().getEpochSecond(),
                request.includeUsage()));
    }

    @Override
    public RerankResponse rerank(RerankRequest request, Upstream upstream) {
        return CohereRerank.toResponse(post(CohereRerank.toCohere(request), upstream, "/v2/rerank"), request);
    }

    /** Cohere's embed API has no end-user field: the gateway leaves {@code user} out and names it. */
    @Override
    public boolean takesEndUser() {
        return false;
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request, Upstream upstream) {
        int limit = Math.min(CohereEmbeddings.MAX_BATCH,
                EmbeddingBatches.limit(upstream.deployment(), CohereEmbeddings.MAX_BATCH));
        return EmbeddingBatches.run(request, limit, "Cohere", part -> CohereEmbeddings.toResponse(
                post(CohereEmbeddings.toCohere(part, upstream.deployment()), upstream, "/v2/embed"), part));
    }

    /** A JSON body posted to {@code path}, its JSON answer back. */
    private JsonNode post(ObjectNode body, Upstream upstream, String path) {
        return UpstreamCalls.json(upstream.transport(), call(body, upstream.deployment(), path, false), errors,
                "Cohere");
    }

    private static UpstreamRequest call(ObjectNode body, Deployment deployment, String path, boolean stream) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (deployment.apiKey() != null) {
            headers.put("authorization", "Bearer " + deployment.apiKey().reveal());
        }
        headers.put("accept", stream ? "text/event-stream" : "application/json");
        return UpstreamRequest.postJson(endpoint(deployment, path), headers, Json.bytes(body), deployment.timeout())
                .withTimeouts(deployment.totalTimeout(), deployment.idleTimeout());
    }

    static URI endpoint(Deployment deployment, String path) {
        String base = deployment.baseUrlOr(DEFAULT_BASE_URL).toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }
}
