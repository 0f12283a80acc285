package dev.gatehouse;

import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.api.EventStream;

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
import dev.gatehouse.provider.CheckedChat;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.EmbeddingProvider;
import dev.gatehouse.provider.FetchedImages;
import dev.gatehouse.provider.ImageEditProvider;
import dev.gatehouse.provider.ImageInliner;
import dev.gatehouse.provider.ImageProvider;
import dev.gatehouse.provider.NativeImageInliner;
import dev.gatehouse.provider.NativeMessages;
import dev.gatehouse.provider.Provider;
import dev.gatehouse.provider.Providers;
import dev.gatehouse.provider.RerankProvider;
import dev.gatehouse.provider.TokenCounter;
import dev.gatehouse.provider.TokenEstimator;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.pricing.PriceTable;
import dev.gatehouse.routing.Attempt;
import dev.gatehouse.routing.Cooldowns;
import dev.gatehouse.routing.DeploymentCapacity;
import dev.gatehouse.routing.DeploymentStatus;
import dev.gatehouse.routing.Fallbacks;
import dev.gatehouse.routing.Group;
import dev.gatehouse.routing.InMemoryCapacity;
import dev.gatehouse.routing.InMemoryCooldowns;
import dev.gatehouse.routing.RouteTrace;
import dev.gatehouse.routing.Router;
import dev.gatehouse.routing.RoutingListener;
import dev.gatehouse.routing.RoutingSettings;
import dev.gatehouse.routing.Strategy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

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
 * A request names a model by its public name; the gateway picks one of that model's
 * deployments (its group, see {@link Router}), translates the request for that deployment's
 * provider, and answers in OpenAI's format under the public name of the model that served:
 * the one asked for, or the fallback that answered instead (as LiteLLM does). Retryable
 * failures are retried on the group's other deployments, failing deployments cool down, and
 * each call can take a {@link RouteTrace} that tells what happened. Instances are safe to
 * share between threads.
 */
public final class Gateway {

    /**
     * Everything a request is served with. A request reads it once, at its start, so that a
     * {@link #replaceWith replacement} never changes the deployments under a request in flight.
     */
    private record Snapshot(Router router, Map<String, Provider> providers, ImageInliner inliner,
            NativeImageInliner nativeInliner, List<String> modelNames, TokenEstimator tokens) {}

    private volatile Snapshot current;

    private Gateway(Builder builder) {
        Map<String, List<Deployment>> byModel = new LinkedHashMap<>();
        for (Deployment deployment : builder.deployments) {
            List<Deployment> group = byModel.computeIfAbsent(deployment.model(), model -> new ArrayList<>());
            // The default id is the model and the deployment's place in its group: the same on every
            // instance that reads the same configuration, so shared cooldowns mean the same thing.
            group.add(deployment.id() != null ? deployment : deployment.withId(deployment.model() + "#"
                    + (group.size() + 1)));
        }
        List<Group> groups = new ArrayList<>();
        byModel.forEach((model, deployments) -> groups.add(new Group(model,
                builder.strategies.getOrDefault(model, Strategy.WEIGHTED_RANDOM), deployments)));
        for (String model : builder.strategies.keySet()) {
            if (!byModel.containsKey(model)) {
                throw new IllegalArgumentException("a routing strategy is set for model '" + model
                        + "', which has no deployment");
            }
        }
        Map<String, Provider> byId = new LinkedHashMap<>();
        Map<java.time.Duration, Transport> transports = new HashMap<>();
        for (Deployment deployment : builder.deployments) {
            // A deployment with its own connect timeout gets a provider on a transport that has it.
            Transport transport = deployment.connectTimeout() == null ? builder.transport
                    : transports.computeIfAbsent(deployment.connectTimeout(), builder.transport::withConnectTimeout);
            byId.computeIfAbsent(providerKey(deployment), key -> Providers.provider(deployment.provider(), transport));
        }
        Function<Deployment, ModelPrice> prices = builder.prices != null ? builder.prices : bundledPrices();
        Router router = new Router(groups, builder.routing, builder.fallbacks, builder.cooldowns,
                builder.capacity != null ? builder.capacity : new InMemoryCapacity(builder.clock), prices,
                builder.listener, builder.clock, builder.random, builder.sleeper);
        ImageFetcher fetcher = builder.imageFetcher != null ? builder.imageFetcher : new ImageFetcher();
        this.current = new Snapshot(router, Map.copyOf(byId), new ImageInliner(fetcher), new NativeImageInliner(fetcher),
                List.copyOf(byModel.keySet()), builder.tokenEstimator);
    }

    /**
     * Serves every request from now on as {@code next} would: its deployments, routing and
     * transport. Requests already in flight finish as they started. This is how a running server
     * takes a new configuration (adding, draining and removing deployments) without a restart;
     * cooldowns carry over when both gateways share one {@link Cooldowns}.
     */
    public void replaceWith(Gateway next) {
        this.current = next.current;
    }

    /** Which provider instance serves a deployment: one per provider id and connect timeout. */
    private static String providerKey(Deployment deployment) {
        return deployment.connectTimeout() == null ? deployment.provider()
                : deployment.provider() + "@" + deployment.connectTimeout().toMillis() + "ms";
    }

    private static Function<Deployment, ModelPrice> bundledPrices() {
        PriceTable table = PriceTable.bundled();
        return deployment -> table.find(deployment.provider(), deployment.upstreamModel()).orElse(null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The public model names this gateway serves, in the order they were configured. */
    public List<String> models() {
        return current.modelNames();
    }

    /** The deployments of {@code model} with their ids, in configuration order; empty when it is not served. */
    public List<Deployment> deployments(String model) {
        Group group = current.router().group(model);
        return group == null ? List.of() : group.deployments();
    }

    /** Every deployment's routing state on this instance (for the health endpoint). */
    public List<DeploymentStatus> deploymentStatus() {
        return current.router().status();
    }

    /**
     * A background health check of one deployment: a one-token chat request ("ping") sent to it
     * alone, counted like a request (failures towards its cooldown, a success ends a half-open
     * state). Throws the failure; does nothing for a deployment whose provider does not serve chat.
     */
    public void checkHealth(String deploymentId) {
        Snapshot now = current;
        Deployment target = now.router().deployment(deploymentId);
        if (!now.providers().get(providerKey(target)).offers(ChatProvider.class)) {
            return;
        }
        ChatRequest ping = ChatRequest.of(target.model(), List.of(dev.gatehouse.api.Message.User.of("ping")))
                .toBuilder().maxTokens(1).build();
        now.router().check(deploymentId, attempt -> {
            Deployment deployment = attempt.deployment();
            ChatProvider provider = operation(now, deployment, ChatProvider.class, "chat completions");
            return provider.chat(prepare(now, ping.toBuilder().stream(false).includeUsage(false), deployment, provider,
                    new FetchedImages(), null), deployment);
        });
    }

    /**
     * Checks a chat request's further fields against every deployment of its model before
     * anything is admitted or sent, so that a field one of them refuses (undocumented, or one that
     * changes the price) is a 400 before the request counts against its key's limits, and the
     * answer does not depend on which deployment routing would have picked. Fields a deployment
     * drops pass here: its attempt drops them and names them. Fallback models are checked when
     * routing reaches them. A model that is not served passes; routing answers it.
     */
    public void checkChatFields(ChatRequest request) {
        Snapshot now = current;
        Group group = now.router().group(request.model());
        if (group == null) {
            return;
        }
        for (Deployment deployment : group.deployments()) {
            Provider provider = now.providers().get(providerKey(deployment));
            if (provider.offers(ChatProvider.class)) {
                // The check reads the further fields only: the request as asked, without a copy per deployment.
                ChatProvider.class.cast(provider).checkFields(request, deployment);
            }
        }
    }

    /** The gateway's operations for one request, whose trace and upstream time {@code context} keeps. */
    public GatewayCall call(dev.gatehouse.routing.RequestContext context) {
        return new GatewayCall(this, context);
    }

    /** Answers a chat request in full. */
    public ChatResponse chat(ChatRequest request) {
        return chat(request, new RouteTrace());
    }

    /** Answers a chat request in full; {@code trace} is told which deployments were tried. */
    public ChatResponse chat(ChatRequest request, RouteTrace trace) {
        FetchedImages fetched = new FetchedImages();
        return routed(request.model(), () -> current.tokens().estimate(request), trace, ChatProvider.class,
                "chat completions", (now, provider, attempt) -> {
            Deployment deployment = attempt.deployment();
            ChatRequest upstream = prepare(now, request.toBuilder().stream(false).includeUsage(false), deployment, provider,
                    fetched, trace);
            ChatResponse response = provider.chat(upstream, deployment);
            if (response.usage() != null) {
                attempt.usedTokens(response.usage().totalTokens());
            }
            return response.withModel(deployment.model());
        });
    }

    /** Answers a chat request as a stream of chunks; close the stream to abandon it. */
    public ChatStream chatStream(ChatRequest request) {
        return chatStream(request, new RouteTrace());
    }

    /**
     * Answers a chat request as a stream of chunks. The first chunk is awaited here: a deployment
     * that fails before it is replaced by another, as a whole request would be; once it has come,
     * the stream is the caller's and a failure reaches the caller.
     */
    public ChatStream chatStream(ChatRequest request, RouteTrace trace) {
        FetchedImages fetched = new FetchedImages();
        return routed(request.model(), () -> current.tokens().estimate(request), trace, ChatProvider.class,
                "chat completions", (now, provider, attempt) -> {
            Deployment deployment = attempt.deployment();
            ChatRequest upstream = prepare(now, request.toBuilder().stream(true), deployment, provider, fetched, trace);
            ChatStream stream = provider.stream(upstream, deployment);
            try {
                ChatChunk first = stream.hasNext() ? stream.next() : null;
                return new RoutedStream(stream, first, deployment.model(), attempt.detach());
            } catch (RuntimeException e) {
                stream.close();
                throw e;
            }
        });
    }

    /** Embeds the request's inputs; the answer has one vector per input, in input order. */
    public EmbeddingResponse embed(EmbeddingRequest request) {
        return embed(request, new RouteTrace());
    }

    public EmbeddingResponse embed(EmbeddingRequest request, RouteTrace trace) {
        return routed(request.model(), () -> 0, trace, EmbeddingProvider.class, "embeddings",
                (now, provider, attempt) -> provider.embed(request.withModel(attempt.deployment().upstreamModel()),
                        attempt.deployment()).withModel(attempt.deployment().model()));
    }

    /** Generates images from a prompt. */
    public ImageResponse generateImages(ImageRequest request) {
        return generateImages(request, new RouteTrace());
    }

    public ImageResponse generateImages(ImageRequest request, RouteTrace trace) {
        return routed(request.model(), () -> 0, trace, ImageProvider.class, "image generation",
                (now, provider, attempt) -> provider.generateImages(
                        request.withModel(attempt.deployment().upstreamModel()), attempt.deployment()));
    }

    /** Edits the request's images as its prompt says. */
    public ImageResponse editImages(ImageRequest request) {
        return editImages(request, new RouteTrace());
    }

    public ImageResponse editImages(ImageRequest request, RouteTrace trace) {
        if (!request.isEdit()) {
            throw new GatewayException.BadRequest("An image edit needs at least one image.", "image");
        }
        return routed(request.model(), () -> 0, trace, ImageEditProvider.class, "image edits",
                (now, provider, attempt) -> provider.editImages(
                        request.withModel(attempt.deployment().upstreamModel()), attempt.deployment()));
    }

    /** What one attempt does with its deployment's provider, taken from the gateway's configuration {@code now}. */
    @FunctionalInterface
    private interface OnProvider<P, T> {
        T call(Snapshot now, P provider, Attempt attempt);
    }

    /**
     * Routes a request for {@code model} across its deployments (and fallbacks), each attempt on
     * its deployment's provider as {@code type}; a provider without the operation is a 400.
     * {@code tokens} is worked out only if a deployment's tokens-per-minute capacity needs it.
     */
    private <P extends Provider, T> T routed(String model, LongSupplier tokens, RouteTrace trace, Class<P> type,
            String operation, OnProvider<P, T> call) {
        Snapshot now = current; // one configuration for every attempt, even across a reload
        return now.router().route(model, tokens, trace,
                attempt -> call.call(now, operation(now, attempt.deployment(), type, operation), attempt));
    }

    /** The deployment's provider as {@code type}, or a 400 naming the model and the operation it does not serve. */
    private static <P extends Provider> P operation(Snapshot now, Deployment deployment, Class<P> type, String operation) {
        Provider provider = now.providers().get(providerKey(deployment));
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
        return rerank(request, new RouteTrace());
    }

    public RerankResponse rerank(RerankRequest request, RouteTrace trace) {
        return routed(request.model(), () -> 0, trace, RerankProvider.class, "rerank",
                (now, reranker, attempt) -> reranker.rerank(request.withModel(attempt.deployment().upstreamModel()),
                        attempt.deployment()).withModel(attempt.deployment().model()));
    }

    /**
     * Counts a request's input tokens: exactly where the deployment's provider can count them
     * (Anthropic), else estimated by {@link TokenEstimator}; the answer says which.
     */
    public TokenCount countTokens(ChatRequest request) {
        return countTokens(request, new RouteTrace());
    }

    public TokenCount countTokens(ChatRequest request, RouteTrace trace) {
        Snapshot now = current;
        Group group = now.router().group(request.model());
        if (group == null) {
            throw GatewayException.NotFound.model(request.model());
        }
        boolean anyCounts = group.deployments().stream().anyMatch(d -> now.providers().get(providerKey(d))
                instanceof TokenCounter counter && counter.countsTokensFor(d));
        if (!anyCounts) {
            return new TokenCount(now.tokens().estimate(request), false);
        }
        FetchedImages fetched = new FetchedImages();
        return routed(request.model(), () -> 0, trace, ChatProvider.class, "chat", (snapshot, provider, attempt) -> {
            Deployment deployment = attempt.deployment();
            if (provider instanceof TokenCounter counter && counter.countsTokensFor(deployment)) {
                ChatRequest upstream = prepare(snapshot, request.toBuilder().stream(false).includeUsage(false),
                        deployment, provider, fetched, trace);
                return new TokenCount(counter.countInputTokens(upstream, deployment), true);
            }
            return new TokenCount(now.tokens().estimate(request), false);
        });
    }

    /**
     * Whether {@code model} is served by providers that speak Anthropic's Messages API (every
     * deployment of its group), so that a Messages request can go to it as the caller wrote it
     * ({@link #anthropicMessage}).
     */
    public boolean speaksAnthropicMessages(String model) {
        Snapshot now = current;
        Group group = now.router().group(model);
        return group != null && group.deployments().stream().allMatch(d -> speaksNatively(now, d));
    }

    private static boolean speaksNatively(Snapshot now, Deployment deployment) {
        return now.providers().get(providerKey(deployment)) instanceof NativeMessages provider
                && provider.takesNativeMessages(deployment);
    }

    /** The deployment's provider as a native Messages one; a fallback that is not gives a 400 naming it. */
    private static NativeMessages nativeProvider(Snapshot now, Deployment deployment) {
        if (!speaksNatively(now, deployment)) {
            throw new GatewayException.BadRequest("The fallback model '" + deployment.model()
                    + "' does not take Anthropic Messages requests as written.", "model");
        }
        return (NativeMessages) now.providers().get(providerKey(deployment));
    }

    /**
     * An Anthropic Messages request, sent as it is to a model that {@link #speaksAnthropicMessages
     * speaks Anthropic's API}; the answer names the model that served. {@code beta} is the
     * caller's {@code anthropic-beta} header, or null.
     */
    public JsonNode anthropicMessage(ObjectNode body, String beta) {
        return anthropicMessage(body, beta, new RouteTrace());
    }

    public JsonNode anthropicMessage(ObjectNode body, String beta, RouteTrace trace) {
        String model = body.path("model").asText();
        Snapshot now = current;
        FetchedImages fetched = new FetchedImages();
        return now.router().route(model, 0, trace, attempt -> {
            Deployment deployment = attempt.deployment();
            ObjectNode sent = body.deepCopy();
            now.nativeInliner().prepare(sent, deployment, fetched);
            JsonNode message = nativeProvider(now, deployment).createMessage(sent, beta, deployment);
            if (message instanceof ObjectNode object && object.has("model")) {
                object.put("model", deployment.model());
            }
            return message;
        });
    }

    /** The streamed form of {@link #anthropicMessage}: Anthropic's events, the model renamed in message_start. */
    public EventStream<ServerSentEvent> anthropicMessageStream(ObjectNode body, String beta) {
        return anthropicMessageStream(body, beta, new RouteTrace());
    }

    /** As {@link #chatStream(ChatRequest, RouteTrace)}, the first event is awaited here, and retried before it comes. */
    public EventStream<ServerSentEvent> anthropicMessageStream(ObjectNode body, String beta, RouteTrace trace) {
        String model = body.path("model").asText();
        Snapshot now = current;
        FetchedImages fetched = new FetchedImages();
        return now.router().route(model, 0, trace, attempt -> {
            Deployment deployment = attempt.deployment();
            ObjectNode sent = body.deepCopy();
            now.nativeInliner().prepare(sent, deployment, fetched);
            EventStream<ServerSentEvent> events = nativeProvider(now, deployment).streamMessage(sent, beta, deployment);
            try {
                ServerSentEvent first = events.hasNext() ? events.next() : null;
                return new RenamingEvents(events, first, deployment.model(), attempt.detach());
            } catch (RuntimeException e) {
                events.close();
                throw e;
            }
        });
    }

    /** Names the serving model in message_start, the one event that names one; replays the awaited first event. */
    private static final class RenamingEvents implements EventStream<ServerSentEvent> {
        private final EventStream<ServerSentEvent> events;
        private final String model;
        private final Attempt attempt;
        private ServerSentEvent first;

        RenamingEvents(EventStream<ServerSentEvent> events, ServerSentEvent first, String model, Attempt attempt) {
            this.events = events;
            this.first = first;
            this.model = model;
            this.attempt = attempt;
        }

        @Override
        public boolean hasNext() {
            if (first != null) {
                return true;
            }
            try {
                return events.hasNext();
            } catch (GatewayException e) {
                attempt.failedMidway(e);
                throw e;
            }
        }

        @Override
        public ServerSentEvent next() {
            ServerSentEvent event;
            if (first != null) {
                event = first;
                first = null;
            } else {
                try {
                    event = events.next();
                } catch (GatewayException e) {
                    attempt.failedMidway(e);
                    throw e;
                }
            }
            if (!"message_start".equals(event.name())) {
                return event;
            }
            JsonNode data = Json.parseUpstream(event.data(), "Anthropic");
            if (data.path("message") instanceof ObjectNode message && message.has("model")) {
                message.put("model", model);
                return new ServerSentEvent(event.name(), Json.text(data));
            }
            return event;
        }

        @Override
        public boolean nextIsReady() {
            return first != null || events.nextIsReady();
        }

        @Override
        public void close() {
            try {
                events.close();
            } finally {
                attempt.done();
            }
        }
    }

    /**
     * The request as the upstream gets it, built once per attempt: its model name, its further
     * fields checked for the deployment (those dropped named in {@code trace}, when there is one),
     * and its image URLs passed, inlined or refused as the deployment needs, each image fetched
     * at most once per request ({@code fetched}) whatever the number of attempts.
     */
    private static ChatRequest prepare(Snapshot now, ChatRequest.Builder request, Deployment deployment,
            ChatProvider provider, FetchedImages fetched, RouteTrace trace) {
        CheckedChat checked = provider.checkFields(request.model(deployment.upstreamModel()).build(), deployment);
        if (trace != null) {
            trace.dropped(checked.dropped());
        }
        return now.inliner().prepare(checked.request(), deployment, !provider.acceptsImageUrls(), fetched);
    }

    /**
     * The stream of the deployment that answered: its awaited first chunk, then the rest, each
     * named with the serving model; a failure midway is counted against the deployment, and
     * closing it ends the attempt.
     */
    private static final class RoutedStream implements ChatStream {
        private final ChatStream stream;
        private final String model;
        private final Attempt attempt;
        private ChatChunk first;

        RoutedStream(ChatStream stream, ChatChunk first, String model, Attempt attempt) {
            this.stream = stream;
            this.first = first;
            this.model = model;
            this.attempt = attempt;
        }

        @Override
        public boolean hasNext() {
            if (first != null) {
                return true;
            }
            try {
                return stream.hasNext();
            } catch (GatewayException e) {
                attempt.failedMidway(e);
                throw e;
            }
        }

        @Override
        public ChatChunk next() {
            ChatChunk chunk;
            if (first != null) {
                chunk = first;
                first = null;
            } else {
                try {
                    chunk = stream.next();
                } catch (GatewayException e) {
                    attempt.failedMidway(e);
                    throw e;
                }
            }
            if (chunk.usage() != null) {
                attempt.usedTokens(chunk.usage().totalTokens());
            }
            return chunk.withModel(model);
        }

        @Override
        public boolean nextIsReady() {
            return first != null || stream.nextIsReady();
        }

        @Override
        public void close() {
            try {
                stream.close();
            } finally {
                attempt.done();
            }
        }
    }

    /** Each thread's own {@link java.util.concurrent.ThreadLocalRandom}: the default, shared by every request thread. */
    private static final class ThreadRandom implements RandomGenerator {
        @Override
        public long nextLong() {
            return java.util.concurrent.ThreadLocalRandom.current().nextLong();
        }
    }

    /** Collects deployments, how they are routed, and the transport. */
    public static final class Builder {
        private final List<Deployment> deployments = new ArrayList<>();
        private final Map<String, Strategy> strategies = new HashMap<>();
        private Transport transport = new JdkHttpTransport();
        private ImageFetcher imageFetcher;
        private RoutingSettings routing = RoutingSettings.DEFAULTS;
        private Fallbacks fallbacks = Fallbacks.NONE;
        private Cooldowns cooldowns = new InMemoryCooldowns();
        private DeploymentCapacity capacity;
        private Function<Deployment, ModelPrice> prices;
        private RoutingListener listener = RoutingListener.NONE;
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = new ThreadRandom();
        private Router.Sleeper sleeper = duration -> Thread.sleep(duration);
        private TokenEstimator tokenEstimator = TokenEstimator.CHARACTERS;

        private Builder() {}

        /**
         * Adds a deployment. Deployments with the same public model name form its group; an
         * explicit {@link Deployment#id()} must be unique, and without one the deployment is
         * named after its model and place in the group ({@code claude#2}).
         */
        public Builder deployment(Deployment deployment) {
            if (!Providers.isKnown(deployment.provider())) {
                throw new IllegalArgumentException("unknown provider '" + deployment.provider() + "' for model '"
                        + deployment.model() + "'; known providers: " + Providers.ids());
            }
            deployments.add(deployment);
            return this;
        }

        public Builder deployments(List<Deployment> all) {
            new ArrayList<>(all).forEach(this::deployment);
            return this;
        }

        /** How {@code model}'s group picks a deployment; weighted random unless set. */
        public Builder strategy(String model, Strategy value) {
            strategies.put(model, value);
            return this;
        }

        /** Retries, backoff, the deadline and cooldowns. */
        public Builder routing(RoutingSettings value) {
            this.routing = value;
            return this;
        }

        /** Other models to try when a model can not answer; each must be served by this gateway. */
        public Builder fallbacks(Fallbacks value) {
            this.fallbacks = value;
            return this;
        }

        /** Where cooldowns are kept; in memory unless set (a server shares them through Redis). */
        public Builder cooldowns(Cooldowns value) {
            this.cooldowns = value;
            return this;
        }

        /** Where deployments' rpm/tpm use is counted; in memory unless set (a server shares it through Redis). */
        public Builder capacity(DeploymentCapacity value) {
            this.capacity = value;
            return this;
        }

        /** Each deployment's price, for the lowest-cost strategy; the bundled price table unless set. */
        public Builder prices(Function<Deployment, ModelPrice> value) {
            this.prices = value;
            return this;
        }

        /** Hears attempts, failures and cooldowns (metrics). */
        public Builder listener(RoutingListener value) {
            this.listener = value;
            return this;
        }

        /** The clock cooldowns and capacity windows are read on. */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** The source of randomness for weighted picks and backoff jitter (seed it for repeatable tests). */
        public Builder random(RandomGenerator value) {
            this.random = value;
            return this;
        }

        /** How the router waits between attempts. */
        public Builder sleeper(Router.Sleeper value) {
            this.sleeper = value;
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

        /**
         * How a request's input tokens are estimated before it is sent (a deployment's tokens per
         * minute) and where its provider can not count them; characters / 4 unless set.
         */
        public Builder tokenEstimator(TokenEstimator value) {
            this.tokenEstimator = value;
            return this;
        }

        public Gateway build() {
            return new Gateway(this);
        }
    }
}
