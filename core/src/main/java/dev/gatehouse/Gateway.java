package dev.gatehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ImageRequest;
import dev.gatehouse.api.ImageResponse;
import dev.gatehouse.api.RerankRequest;
import dev.gatehouse.api.RerankResponse;
import dev.gatehouse.api.TokenCount;
import dev.gatehouse.http.ImageFetcher;
import dev.gatehouse.http.JdkHttpTransport;
import dev.gatehouse.http.SseReader;
import dev.gatehouse.http.Transport;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.ChatProvider;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.EmbeddingProvider;
import dev.gatehouse.provider.ImageEditProvider;
import dev.gatehouse.provider.ImageInliner;
import dev.gatehouse.provider.ImageProvider;
import dev.gatehouse.provider.NativeMessages;
import dev.gatehouse.provider.Provider;
import dev.gatehouse.provider.Providers;
import dev.gatehouse.provider.RerankProvider;
import dev.gatehouse.provider.TokenCounter;
import dev.gatehouse.provider.TokenEstimator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gatehouse as a library: OpenAI's chat, embeddings and images APIs over every configured deployment.
 *
 * <pre>{@code
 * Gateway gateway = Gateway.builder()
 *         .deployment(Deployment.builder("claude", "anthropic")
 *                 .upstreamModel("claude-sonnet-4-5")
 *                 .apiKey(Secret.of(System.getenv("ANTHROPIC_API_KEY")))
 *                 .build())
 *         .build();
 * ChatResponse answer = gateway.chat(ChatRequest.of("claude", List.of(Message.User.of("Hello"))));
 * }</pre>
 *
 * A request names a model by its public name; the gateway finds its deployment, translates
 * the request for that deployment's provider, and answers in OpenAI's format under the same
 * public name. Instances are immutable and safe to share between threads.
 */
public final class Gateway {

    private final Map<String, Deployment> deployments;
    private final Map<String, Provider> providers;
    private final ImageInliner inliner;
    private final List<String> modelNames;

    private Gateway(Builder builder) {
        this.deployments = Map.copyOf(builder.deployments);
        Map<String, Provider> byId = new LinkedHashMap<>();
        for (Deployment deployment : builder.deployments.values()) {
            byId.computeIfAbsent(deployment.provider(), id -> Providers.provider(id, builder.transport));
        }
        this.providers = Map.copyOf(byId);
        this.inliner = new ImageInliner(builder.imageFetcher != null ? builder.imageFetcher
                : new ImageFetcher(builder.transport));
        this.modelNames = List.copyOf(builder.deployments.keySet());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The public model names this gateway serves, in the order they were configured. */
    public List<String> models() {
        return modelNames;
    }

    /** Answers a chat request in full. */
    public ChatResponse chat(ChatRequest request) {
        Deployment deployment = deploymentFor(request.model());
        ChatProvider provider = operation(deployment, ChatProvider.class, "chat completions");
        ChatRequest upstream = prepare(request.toBuilder().stream(false).includeUsage(false), deployment, provider);
        return provider.chat(upstream, deployment).withModel(request.model());
    }

    /** Answers a chat request as a stream of chunks; close the stream to abandon it. */
    public ChatStream chatStream(ChatRequest request) {
        Deployment deployment = deploymentFor(request.model());
        ChatProvider provider = operation(deployment, ChatProvider.class, "chat completions");
        ChatRequest upstream = prepare(request.toBuilder().stream(true), deployment, provider);
        return new RenamingStream(provider.stream(upstream, deployment), request.model());
    }

    /** Embeds the request's inputs; the answer has one vector per input, in input order. */
    public EmbeddingResponse embed(EmbeddingRequest request) {
        Deployment deployment = deploymentFor(request.model());
        EmbeddingProvider provider = operation(deployment, EmbeddingProvider.class, "embeddings");
        return provider.embed(request.withModel(deployment.upstreamModel()), deployment).withModel(request.model());
    }

    /** Generates images from a prompt. */
    public ImageResponse generateImages(ImageRequest request) {
        Deployment deployment = deploymentFor(request.model());
        ImageProvider provider = operation(deployment, ImageProvider.class, "image generation");
        return provider.generateImages(request.withModel(deployment.upstreamModel()), deployment);
    }

    /** Edits the request's images as its prompt says. */
    public ImageResponse editImages(ImageRequest request) {
        if (!request.isEdit()) {
            throw new GatewayException.BadRequest("An image edit needs at least one image.", "image");
        }
        Deployment deployment = deploymentFor(request.model());
        ImageEditProvider provider = operation(deployment, ImageEditProvider.class, "image edits");
        return provider.editImages(request.withModel(deployment.upstreamModel()), deployment);
    }

    /** The deployment's provider as {@code type}, or a 400 naming the model and the operation it does not serve. */
    private <P extends Provider> P operation(Deployment deployment, Class<P> type, String operation) {
        Provider provider = providers.get(deployment.provider());
        if (!provider.offers(type)) {
            throw new GatewayException.BadRequest("The model '" + deployment.model() + "' does not support "
                    + operation + " (its provider " + deployment.provider() + " does not offer them).", "model",
                    "unsupported_operation", null);
        }
        return type.cast(provider);
    }

    /**
     * Orders documents by their relevance to a query, on a deployment whose provider reranks
     * (Cohere); any other deployment is a 400 naming the model.
     */
    public RerankResponse rerank(RerankRequest request) {
        Deployment deployment = deploymentFor(request.model());
        RerankProvider reranker = operation(deployment, RerankProvider.class, "rerank");
        return reranker.rerank(request.withModel(deployment.upstreamModel()), deployment).withModel(request.model());
    }

    /**
     * Counts a request's input tokens: exactly where the deployment's provider can count them
     * (Anthropic), else estimated by {@link TokenEstimator}; the answer says which.
     */
    public TokenCount countTokens(ChatRequest request) {
        Deployment deployment = deploymentFor(request.model());
        ChatProvider provider = operation(deployment, ChatProvider.class, "chat");
        if (provider instanceof TokenCounter counter && counter.countsTokensFor(deployment)) {
            ChatRequest upstream = prepare(request.toBuilder().stream(false).includeUsage(false), deployment, provider);
            return new TokenCount(counter.countInputTokens(upstream, deployment), true);
        }
        return new TokenCount(TokenEstimator.estimate(request), false);
    }

    /**
     * Whether {@code model} is served by a provider that speaks Anthropic's Messages API, so that
     * a Messages request can go to it as the caller wrote it ({@link #anthropicMessage}).
     */
    public boolean speaksAnthropicMessages(String model) {
        Deployment deployment = deployments.get(model);
        return deployment != null && providers.get(deployment.provider()) instanceof NativeMessages provider
                && provider.takesNativeMessages(deployment);
    }

    /**
     * An Anthropic Messages request, sent as it is to a model that {@link #speaksAnthropicMessages
     * speaks Anthropic's API}; the answer names the model as the caller did. {@code beta} is the
     * caller's {@code anthropic-beta} header, or null.
     */
    public JsonNode anthropicMessage(ObjectNode body, String beta) {
        String model = body.path("model").asText();
        Deployment deployment = deploymentFor(model);
        NativeMessages provider = (NativeMessages) providers.get(deployment.provider());
        JsonNode message = provider.createMessage(body.deepCopy(), beta, deployment);
        if (message instanceof ObjectNode object && object.has("model")) {
            object.put("model", model);
        }
        return message;
    }

    /** The streamed form of {@link #anthropicMessage}: Anthropic's events, the model renamed in message_start. */
    public NativeMessages.EventStream anthropicMessageStream(ObjectNode body, String beta) {
        String model = body.path("model").asText();
        Deployment deployment = deploymentFor(model);
        NativeMessages provider = (NativeMessages) providers.get(deployment.provider());
        return new RenamingEvents(provider.streamMessage(body.deepCopy(), beta, deployment), model);
    }

    /** Names the caller's model in message_start, the one event that names one. */
    private record RenamingEvents(NativeMessages.EventStream events, String model) implements NativeMessages.EventStream {
        @Override
        public boolean hasNext() {
            return events.hasNext();
        }

        @Override
        public SseReader.Event next() {
            SseReader.Event event = events.next();
            if (!"message_start".equals(event.name())) {
                return event;
            }
            JsonNode data = Json.parseUpstream(event.data(), "Anthropic");
            if (data.path("message") instanceof ObjectNode message && message.has("model")) {
                message.put("model", model);
                return new SseReader.Event(event.name(), Json.text(data));
            }
            return event;
        }

        @Override
        public boolean nextIsReady() {
            return events.nextIsReady();
        }

        @Override
        public void close() {
            events.close();
        }
    }

    private Deployment deploymentFor(String model) {
        Deployment deployment = deployments.get(model);
        if (deployment == null) {
            throw GatewayException.NotFound.model(model);
        }
        return deployment;
    }

    /** The request as the upstream gets it, built once: its model name, and images inlined where needed. */
    private ChatRequest prepare(ChatRequest.Builder request, Deployment deployment, ChatProvider provider) {
        ChatRequest upstream = request.model(deployment.upstreamModel()).build();
        return provider.acceptsImageUrls() ? upstream : inliner.inline(upstream, deployment);
    }

    /** Names the caller's model on every chunk, whatever the upstream called it. */
    private record RenamingStream(ChatStream stream, String model) implements ChatStream {
        @Override
        public boolean hasNext() {
            return stream.hasNext();
        }

        @Override
        public ChatChunk next() {
            return stream.next().withModel(model);
        }

        @Override
        public boolean nextIsReady() {
            return stream.nextIsReady();
        }

        @Override
        public void close() {
            stream.close();
        }
    }

    /** Collects deployments and the transport. */
    public static final class Builder {
        private final Map<String, Deployment> deployments = new LinkedHashMap<>();
        private Transport transport = new JdkHttpTransport();
        private ImageFetcher imageFetcher;

        private Builder() {}

        /** Adds a deployment; its public model name must be new. */
        public Builder deployment(Deployment deployment) {
            if (!Providers.isKnown(deployment.provider())) {
                throw new IllegalArgumentException("unknown provider '" + deployment.provider() + "' for model '"
                        + deployment.model() + "'; known providers: " + Providers.ids());
            }
            if (deployments.putIfAbsent(deployment.model(), deployment) != null) {
                throw new IllegalArgumentException("model '" + deployment.model() + "' is configured twice");
            }
            return this;
        }

        public Builder deployments(List<Deployment> all) {
            new ArrayList<>(all).forEach(this::deployment);
            return this;
        }

        /** How upstreams are called; defaults to the JDK's HTTP client. */
        public Builder transport(Transport value) {
            this.transport = value;
            return this;
        }

        /** How image URLs are fetched for providers that need images inline. */
        public Builder imageFetcher(ImageFetcher value) {
            this.imageFetcher = value;
            return this;
        }

        public Gateway build() {
            return new Gateway(this);
        }
    }
}
