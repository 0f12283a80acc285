package dev.gatehouse;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.catalog.ModelCatalog;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.ImageRequest;
import dev.gatehouse.api.ImageResponse;
import dev.gatehouse.api.RerankRequest;
import dev.gatehouse.api.RerankResponse;
import dev.gatehouse.http.ImageFetcher;
import dev.gatehouse.http.JdkHttpTransport;
import dev.gatehouse.http.Transport;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.ModelInfo;
import dev.gatehouse.provider.Providers;
import dev.gatehouse.provider.TokenEstimator;
import dev.gatehouse.routing.Cooldowns;
import dev.gatehouse.routing.DeploymentCapacity;
import dev.gatehouse.routing.DeploymentStatus;
import dev.gatehouse.routing.Fallbacks;
import dev.gatehouse.routing.Group;
import dev.gatehouse.routing.ModelNames;
import dev.gatehouse.routing.InMemoryCooldowns;
import dev.gatehouse.routing.RequestContext;
import dev.gatehouse.routing.RouteTrace;

import dev.gatehouse.routing.Router;
import dev.gatehouse.routing.RoutingListener;
import dev.gatehouse.routing.RoutingSettings;
import dev.gatehouse.routing.Strategy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
 * failures are retried on the group's other deployments, and failing deployments cool down.
 * {@link #call(RequestContext)} serves one request with a context of its own, whose
 * {@link RouteTrace} tells what happened; the shorthands ({@link #chat}, {@link #embed}, …) make
 * a fresh one. Instances are safe to share between threads.
 */
public final class Gateway {

    private volatile Snapshot current;

    private Gateway(Snapshot snapshot) {
        this.current = snapshot;
    }

    public static Builder builder() {
        return new Builder();
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

    /** The public model names this gateway serves, in the order they were configured. */
    public List<String> models() {
        return current.modelNames();
    }

    /**
     * The model names a caller may ask for and find listed: every configured model but the wildcard
     * ones (a pattern is no callable name), then every alias that is not hidden; in configuration order.
     */
    public List<String> listedModels() {
        List<String> listed = new ArrayList<>();
        for (String model : current.modelNames()) {
            if (!dev.gatehouse.routing.ModelPattern.isPattern(model)) {
                listed.add(model);
            }
        }
        current.names().aliases().keySet().stream().filter(a -> !current.names().hidden().contains(a))
                .forEach(listed::add);
        return List.copyOf(listed);
    }

    /** The model an alias stands for; empty when {@code name} is no alias. */
    public java.util.Optional<String> aliasTarget(String name) {
        return java.util.Optional.ofNullable(current.names().target(name));
    }

    /** The deployments of {@code model} with their ids, in configuration order; empty when it is not served. */
    public List<Deployment> deployments(String model) {
        Group group = current.router().group(model);
        return group == null ? List.of() : group.deployments();
    }

    /**
     * What {@code model} can take and do, as far as every one of its deployments is known: their
     * {@code model_info}, else the model catalog's context window, maximum output and capabilities, merged
     * so that it holds whichever deployment routing picks. {@link ModelInfo#UNKNOWN} when the model
     * is not served.
     */
    public ModelInfo modelInfo(String model) {
        String target = current.names().target(model);
        ModelInfo facts = current.modelFacts().get(target != null ? target : model);
        if (facts != null) {
            return facts;
        }
        // A name a wildcard model serves: what its deployments serving that name are known to do.
        Group group = model == null ? null : current.router().group(model);
        return group == null ? ModelInfo.UNKNOWN : ModelFacts.of(group.deployments(), current.catalog());
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
        DeploymentChecks.health(current, deploymentId);
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
        DeploymentChecks.chatFields(current, request);
    }

    /**
     * Whether {@code model} is served by providers that speak Anthropic's Messages API (every
     * deployment of its group), so that a Messages request can go to it as the caller wrote it
     * ({@link GatewayCall#anthropicMessage}).
     */
    public boolean speaksAnthropicMessages(String model) {
        return current.speaksAnthropicMessages(model);
    }

    /**
     * Whether {@code model} is served by providers that speak OpenAI's Responses API (every
     * deployment of its group: OpenAI's own API and Azure OpenAI, unless a deployment turns it off
     * with {@code native_responses: false}), so that a Responses request can go to it as the caller
     * wrote it ({@link GatewayCall#openAiResponse}).
     */
    public boolean speaksOpenAiResponses(String model) {
        return current.speaksOpenAiResponses(model);
    }

    /** The gateway's operations for one request, whose deadline, trace and upstream time {@code context} keeps. */
    public GatewayCall call(RequestContext context) {
        return new GatewayCall(current, context);
    }

    /** Answers a chat request in full ({@link GatewayCall#chat}). */
    public ChatResponse chat(ChatRequest request) {
        return call(RequestContext.start()).chat(request);
    }

    /** Answers a chat request as a stream of chunks ({@link GatewayCall#chatStream}); close it to abandon it. */
    public ChatStream chatStream(ChatRequest request) {
        return call(RequestContext.start()).chatStream(request);
    }

    /** Embeds the request's inputs ({@link GatewayCall#embed}). */
    public EmbeddingResponse embed(EmbeddingRequest request) {
        return call(RequestContext.start()).embed(request);
    }

    /** Generates images from a prompt ({@link GatewayCall#generateImages}). */
    public ImageResponse generateImages(ImageRequest request) {
        return call(RequestContext.start()).generateImages(request);
    }

    /** Edits the request's images as its prompt says ({@link GatewayCall#editImages}). */
    public ImageResponse editImages(ImageRequest request) {
        return call(RequestContext.start()).editImages(request);
    }

    /** Orders documents by their relevance to a query ({@link GatewayCall#rerank}). */
    public RerankResponse rerank(RerankRequest request) {
        return call(RequestContext.start()).rerank(request);
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
        // Read by GatewayAssembly, which builds the gateway's snapshot from them.
        final List<Deployment> deployments = new ArrayList<>();
        final Map<String, Strategy> strategies = new HashMap<>();
        Transport transport = new JdkHttpTransport();
        ImageFetcher imageFetcher;
        RoutingSettings routing = RoutingSettings.DEFAULTS;
        Fallbacks fallbacks = Fallbacks.NONE;
        Cooldowns cooldowns = new InMemoryCooldowns();
        DeploymentCapacity capacity;
        Function<Deployment, ModelPrice> prices;
        ModelCatalog catalog;
        RoutingListener listener = RoutingListener.NONE;
        Clock clock = Clock.systemUTC();
        RandomGenerator random = new ThreadRandom();
        Router.Sleeper sleeper = duration -> Thread.sleep(duration);
        TokenEstimator tokenEstimator = TokenEstimator.CHARACTERS;
        ModelNames names = ModelNames.NONE;

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

        /** The aliases and wildcard allowlists (docs/routing.md); none by default. */
        public Builder names(ModelNames value) {
            this.names = java.util.Objects.requireNonNull(value, "names");
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

        /**
         * The model catalog deployments' facts ({@code /v1/models}) and, unless {@link #prices} is set,
         * prices come from; the bundled catalog unless set (the server passes it with its overrides).
         */
        public Builder catalog(ModelCatalog value) {
            this.catalog = value;
            return this;
        }

        /** Each deployment's price, for the lowest-cost strategy; the catalog's unless set. */
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
            return new Gateway(GatewayAssembly.snapshot(this));
        }
    }
}
