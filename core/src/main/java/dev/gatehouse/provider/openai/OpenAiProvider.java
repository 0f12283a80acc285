package dev.gatehouse.provider.openai;

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
import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.api.wire.ChatResponseJson;
import dev.gatehouse.http.UpstreamCalls;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.ChatProvider;
import dev.gatehouse.provider.CheckedChat;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.EmbeddingProvider;
import dev.gatehouse.provider.ImageEditProvider;
import dev.gatehouse.provider.ImageProvider;
import dev.gatehouse.provider.NativeResponses;
import dev.gatehouse.provider.Provider;
import dev.gatehouse.provider.SseChatStream;
import dev.gatehouse.provider.Upstream;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenAI and every OpenAI-compatible upstream: the request passes through in OpenAI's format
 * (with the profile's adjustments), the answer comes back in it. Embeddings and images are
 * offered by the members whose upstream has them ({@link CompatibleProfiles#EMBEDDING_BATCH},
 * {@code IMAGES}, {@code IMAGE_EDITS}). OpenAI's own API and Azure OpenAI also take Responses
 * requests as written ({@link NativeResponses}, through {@link OpenAiResponses}).
 */
public final class OpenAiProvider implements ChatProvider, EmbeddingProvider, ImageProvider, ImageEditProvider,
        NativeResponses {

    private final CompatibleProfile profile;
    private final Clock clock;
    private final OpenAiMedia media;
    private final UpstreamCalls.Errors errors;
    private final OpenAiResponses responses;
    /**
     * The chat endpoint of each base URL seen: building it parsed a URI on every request (about
     * 2 % of the request path's CPU, docs/benchmarks.md). Base URLs come from deployments, so the
     * map stays small; past {@link #MAX_CACHED_ENDPOINTS} new ones are built each time.
     */
    private final Map<URI, URI> chatEndpoints = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_ENDPOINTS = 256;

    public OpenAiProvider(CompatibleProfile profile) {
        this(profile, Clock.systemUTC());
    }

    OpenAiProvider(CompatibleProfile profile, Clock clock) {
        this.profile = profile;
        this.clock = clock;
        this.errors = OpenAiErrors.of(profile, clock);
        this.media = new OpenAiMedia(profile, clock, errors);
        this.responses = new OpenAiResponses(profile, errors);
    }

    @Override
    public boolean offers(Class<? extends Provider> operation) {
        if (operation == EmbeddingProvider.class) {
            return CompatibleProfiles.EMBEDDING_BATCH.containsKey(profile.id());
        }
        if (operation == ImageProvider.class) {
            return CompatibleProfiles.IMAGES.containsKey(profile.id());
        }
        if (operation == ImageEditProvider.class) {
            return CompatibleProfiles.IMAGE_EDITS.contains(profile.id());
        }
        return operation.isInstance(this);
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request, Upstream upstream) {
        return media.embed(request, upstream);
    }

    @Override
    public ImageResponse generateImages(ImageRequest request, Upstream upstream) {
        return media.generate(request, upstream);
    }

    @Override
    public ImageResponse editImages(ImageRequest request, Upstream upstream) {
        return media.edit(request, upstream);
    }

    /** Only OpenAI's own API and Azure OpenAI, and only where the deployment does not turn it off. */
    @Override
    public boolean takesNativeResponses(Deployment deployment) {
        return responses.speaksResponses() && NativeResponses.super.takesNativeResponses(deployment);
    }

    @Override
    public JsonNode createResponse(ObjectNode body, Upstream upstream) {
        return responses.create(body, upstream);
    }

    @Override
    public EventStream<ServerSentEvent> streamResponse(ObjectNode body, Upstream upstream) {
        return responses.stream(body, upstream);
    }

    /** The caller's further fields against the member's documented ones; the mapper checks again when it sends. */
    @Override
    public CheckedChat checkFields(ChatRequest request, Deployment deployment) {
        return ChatFieldCheck.check(request, deployment, profile);
    }

    @Override
    public ChatResponse chat(ChatRequest request, Upstream upstream) {
        ChatRequest plain = request.toBuilder().stream(false).includeUsage(false).build();
        ChatResponse parsed = ChatResponseJson.read(UpstreamCalls.json(upstream.transport(),
                call(plain, upstream.deployment()), errors, profile.displayName()), profile.displayName());
        return parsed.id().isEmpty()
                ? new ChatResponse("chatcmpl-" + UUID.randomUUID(), parsed.created(), parsed.model(),
                        parsed.choices(), parsed.usage(), parsed.systemFingerprint())
                : parsed;
    }

    @Override
    public ChatStream stream(ChatRequest request, Upstream upstream) {
        ChatRequest streaming = request.toBuilder().stream(true).build();
        return new SseChatStream(UpstreamCalls.open(upstream.transport(), call(streaming, upstream.deployment()),
                errors), new OpenAiStreamDecoder(profile, request.includeUsage()));
    }

    private UpstreamRequest call(ChatRequest request, Deployment deployment) {
        Map<String, String> headers = new LinkedHashMap<>();
        URI endpoint;
        if (profile.id().equals(CompatibleProfiles.AZURE.id())) {
            endpoint = AzureEndpoint.chatCompletions(deployment, request.model());
            if (deployment.apiKey() != null) {
                headers.put(AzureEndpoint.KEY_HEADER, deployment.apiKey().reveal());
            }
        } else {
            URI base = deployment.baseUrlOr(profile.defaultBaseUrl());
            if (base == null) {
                throw new GatewayException.BadRequest("The deployment of '" + deployment.model() + "' on "
                        + profile.displayName() + " has no base URL.", "model");
            }
            endpoint = chatEndpoints.get(base);
            if (endpoint == null) {
                endpoint = endpoint(base);
                if (chatEndpoints.size() < MAX_CACHED_ENDPOINTS) {
                    chatEndpoints.put(base, endpoint);
                }
            }
            if (profile.bearerAuth() && deployment.apiKey() != null) {
                headers.put("authorization", "Bearer " + deployment.apiKey().reveal());
            }
        }
        if (request.stream()) {
            headers.put("accept", "text/event-stream");
        }
        byte[] body = Json.bytes(OpenAiRequestMapper.toUpstream(request, deployment, profile));
        return UpstreamRequest.postJson(endpoint, headers, body, deployment.timeout())
                .withTimeouts(deployment.totalTimeout(), deployment.idleTimeout());
    }

    private static URI endpoint(URI base) {
        String root = base.toString();
        return URI.create((root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + "/chat/completions");
    }
}
