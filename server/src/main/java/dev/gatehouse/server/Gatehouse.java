package dev.gatehouse.server;

import dev.gatehouse.Gateway;
import dev.gatehouse.provider.TokenEstimator;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.routing.Cooldowns;
import dev.gatehouse.routing.DeploymentCapacity;
import dev.gatehouse.routing.DeploymentStatus;
import dev.gatehouse.routing.InMemoryCapacity;
import dev.gatehouse.routing.InMemoryCooldowns;
import dev.gatehouse.server.admin.GatewayOperations;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.http.GatewayServer;
import dev.gatehouse.server.limit.Limiter;
import dev.gatehouse.server.limit.SpendSoFar;
import dev.gatehouse.server.metrics.DeploymentMetrics;
import dev.gatehouse.server.redis.RedisCooldowns;
import dev.gatehouse.server.redis.RedisDeploymentCapacity;
import dev.gatehouse.server.redis.SharedRedis;
import dev.gatehouse.server.metrics.Metrics;
import dev.gatehouse.server.upstream.EgressPolicy;
import dev.gatehouse.server.upstream.HelidonTransport;
import dev.gatehouse.pricing.PriceTable;
import dev.gatehouse.server.spend.Prices;
import dev.gatehouse.server.spend.SpendLog;
import dev.gatehouse.server.spend.SpendQueries;
import dev.gatehouse.server.spend.SpendSettings;
import dev.gatehouse.server.spend.SpendWriter;
import dev.gatehouse.server.spend.Tokenizer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A running gateway: the core {@link Gateway} over the configured deployments, calling
 * upstreams through Helidon's client under the egress policy, behind the HTTP server.
 */
public final class Gatehouse implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Gatehouse.class.getName());

    private final GatewayServer server;
    private final Metrics metrics;
    private final ControlPlane control;
    private final SpendLog spend;
    private final Live live;
    private final Limiter limiter;

    private Gatehouse(GatewayServer server, Metrics metrics, ControlPlane control, SpendLog spend, Live live,
            Limiter limiter) {
        this.server = server;
        this.metrics = metrics;
        this.control = control;
        this.spend = spend;
        this.live = live;
        this.limiter = limiter;
    }

    /**
     * Starts serving {@code config}, checking every request's key against {@code control}; returns
     * once the port is bound. The gateway owns {@code control} from here on and closes it last.
     */
    public static Gatehouse start(GatehouseConfig config, ControlPlane control) {
        return start(config, control, null, Clock.systemUTC());
    }

    /**
     * As {@link #start(GatehouseConfig, ControlPlane)}, and {@code source} reads the configuration
     * again for a reload ({@code POST /admin/config/reload}, {@link #reload()}); null when there is
     * no file to read again.
     */
    public static Gatehouse start(GatehouseConfig config, ControlPlane control,
            Supplier<ConfigLoader.Loaded> source) {
        return start(config, control, source, Clock.systemUTC());
    }

    /** As {@link #start(GatehouseConfig, ControlPlane)}, with the clock budgets and rate windows are counted by. */
    public static Gatehouse start(GatehouseConfig config, ControlPlane control, Clock limitsClock) {
        return start(config, control, null, limitsClock);
    }

    /**
     * Starts serving {@code config}: with a {@code redis:} section, budgets, rate limits,
     * deployment capacity and cooldowns are shared through it; else each is kept in memory.
     */
    public static Gatehouse start(GatehouseConfig config, ControlPlane control, Supplier<ConfigLoader.Loaded> source,
            Clock limitsClock) {
        SharedRedis redis = config.redis() == null ? null : new SharedRedis(config.redis());
        Metrics metrics = new Metrics();
        DeploymentMetrics routing = new DeploymentMetrics();
        metrics.include(routing::scrape);
        SpendLog spend = spendLog(config, config.deployments(), control);
        // One estimate of a request's input tokens for routing and limits alike (docs/limits.md).
        TokenEstimator tokens = Tokenizer.ESTIMATOR;
        Live live;
        try {
            live = new Live(config, control, routing, source, redis, spend, tokens);
        } catch (RuntimeException e) {
            spend.close();
            if (redis != null) {
                redis.close();
            }
            throw e;
        }
        control.authenticator().useAccessGroups(config::accessGroupsOf);
        metrics.include(spend::scrape);
        metrics.include(control.audit()::scrape);
        Limiter limiter = new Limiter(redis, spend::priceOf,
                SpendSoFar.of(new SpendQueries(control.database())), control.audit(), limitsClock, tokens,
                config.limits());
        metrics.include(limiter::scrape);
        try {
            return new Gatehouse(GatewayServer.start(config.server(), live.gateway,
                    dev.gatehouse.server.routes.ModelRoutes.all(live.gateway), metrics, control, spend, limiter,
                    live), metrics, control, spend, live, limiter);
        } catch (RuntimeException e) {
            live.close();
            limiter.close(); // and the Redis client with it
            spend.close();
            throw e;
        }
    }

    private static SpendLog spendLog(GatehouseConfig config, List<Deployment> served, ControlPlane control) {
        SpendSettings settings = config.spend();
        Clock clock = Clock.systemUTC();
        SpendWriter writer = settings.enabled() ? new SpendWriter(control.database(), settings, clock) : null;
        return new SpendLog(writer, new Prices(PriceTable.bundled(), config.prices()), served, clock);
    }

    /**
     * The gateway as it runs, and its reload: the handlers keep one {@link Gateway}, whose
     * deployments and routing a reload replaces as a whole ({@link Gateway#replaceWith}), while
     * the cooldowns, the capacity counts and the metrics carry over.
     */
    private static final class Live implements GatewayOperations, AutoCloseable {
        private final Gateway gateway;
        private final ControlPlane control;
        private final DeploymentMetrics metrics;
        private final Supplier<ConfigLoader.Loaded> source;
        private final Cooldowns cooldowns;
        private final SpendLog spend;
        private final DeploymentCapacity capacity;
        private final TokenEstimator tokens;
        /** Bounds on upstream answers: server settings, so fixed at start like the rest of them. */
        private final dev.gatehouse.http.UpstreamLimits upstreamLimits;
        private GatehouseConfig config;
        private java.util.concurrent.ScheduledExecutorService checks;

        Live(GatehouseConfig config, ControlPlane control, DeploymentMetrics metrics,
                Supplier<ConfigLoader.Loaded> source, SharedRedis redis, SpendLog spend, TokenEstimator tokens) {
            this.spend = spend;
            this.tokens = tokens;
            // With Redis, every instance sees one deployment's use and cooldowns (docs/routing.md);
            // its capacity falls back to these in-memory counts when Redis is down and limits fail open.
            this.cooldowns = redis == null ? new InMemoryCooldowns() : new RedisCooldowns(redis, 250);
            this.capacity = redis == null ? new InMemoryCapacity()
                    : new RedisDeploymentCapacity(redis, new InMemoryCapacity());
            this.config = config;
            this.upstreamLimits = config.server().upstream();
            this.control = control;
            this.metrics = metrics;
            this.source = source;
            this.gateway = build(config);
            java.time.Duration interval = config.routing().healthCheckInterval();
            if (interval != null) {
                checks = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "gatehouse-health-checks");
                    thread.setDaemon(true);
                    return thread;
                });
                checks.scheduleWithFixedDelay(this::checkAll, interval.toMillis(), interval.toMillis(),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }

        /** One round of background health checks; a failure is counted by the router, and logged here at FINE. */
        private void checkAll() {
            for (DeploymentStatus deployment : gateway.deploymentStatus()) {
                try {
                    gateway.checkHealth(deployment.id());
                } catch (RuntimeException failed) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "health check of deployment " + deployment.id()
                            + " failed: " + failed.getMessage());
                }
            }
        }

        @Override
        public void close() {
            if (checks != null) {
                checks.shutdownNow();
            }
            if (cooldowns instanceof RedisCooldowns shared) {
                shared.close();
            }
        }

        /**
         * The core gateway over every configured deployment: each model's deployments form its
         * routing group, with the configured strategies, retries, cooldowns and fallbacks
         * (docs/routing.md).
         */
        private Gateway build(GatehouseConfig next) {
            HelidonTransport transport = new HelidonTransport(new EgressPolicy(next.privateNetworkHosts()),
                    Duration.ofSeconds(10));
            Prices prices = new Prices(PriceTable.bundled(), next.prices());
            Gateway.Builder builder = Gateway.builder()
                    .transport(new dev.gatehouse.http.LimitedTransport(transport, upstreamLimits))
                    .deployments(next.deployments())
                    .routing(next.routing().settings())
                    .fallbacks(next.routing().fallbacks())
                    .cooldowns(cooldowns)
                    .capacity(capacity)
                    .prices(prices::of)
                    .tokenEstimator(tokens)
                    .listener(metrics);
            next.routing().strategies().forEach(builder::strategy);
            return builder.build();
        }

        @Override
        public List<DeploymentStatus> deployments() {
            return gateway.deploymentStatus();
        }

        @Override
        public synchronized Reloaded reload() {
            if (source == null) {
                throw new IllegalArgumentException("this gateway was started without a configuration file to read"
                        + " again");
            }
            ConfigLoader.Loaded loaded = source.get();
            if (!loaded.ok()) {
                throw new IllegalArgumentException("the configuration has " + loaded.problems().size()
                        + " problem(s) and was not loaded: " + loaded.problems().stream().limit(5)
                        .map(p -> p.location() + ": " + p.message()).collect(Collectors.joining("; ")));
            }
            return apply(loaded.config(), loaded.warnings());
        }

        synchronized Reloaded apply(GatehouseConfig next, List<String> fileWarnings) {
            List<String> warnings = new ArrayList<>(fileWarnings);
            if (!next.server().equals(config.server())) {
                warnings.add("server: changed settings take effect at the next start");
            }
            if (!sameRedis(next.redis(), config.redis())) {
                warnings.add("redis: a changed Redis is used from the next start");
            }
            if (!next.spend().equals(config.spend()) || !next.prices().equals(config.prices())) {
                warnings.add("spend, pricing: the spend log keeps its settings and prices until the next start");
            }
            Gateway fresh = build(next);
            gateway.replaceWith(fresh);
            spend.serve(next.deployments()); // new models are priced for rows and budget reservations
            control.authenticator().useAccessGroups(next::accessGroupsOf);
            config = next;
            int models = fresh.models().size();
            LOG.log(System.Logger.Level.INFO, () -> "configuration reloaded: " + models + " models, "
                    + next.deployments().size() + " deployments");
            return new Reloaded(models, next.deployments().size(), warnings);
        }
    }

    /** Whether two {@code redis:} sections name the same server the same way (a password is compared by reference only). */
    private static boolean sameRedis(dev.gatehouse.server.redis.RedisSettings a, dev.gatehouse.server.redis.RedisSettings b) {
        return a == null || b == null ? a == b
                : a.url().equals(b.url()) && java.util.Objects.equals(a.username(), b.username())
                        && a.timeout().equals(b.timeout()) && a.onFailure() == b.onFailure();
    }

    /** Reads the configuration again and serves it; see {@link GatewayOperations#reload()}. */
    public GatewayOperations.Reloaded reload() {
        return live.reload();
    }

    /** Serves {@code next} from now on, as a reload of a file saying it would. */
    public GatewayOperations.Reloaded reload(GatehouseConfig next) {
        return live.apply(next, List.of());
    }

    public int port() {
        return server.port();
    }

    /** The port the admin API is served on (the main port unless it has a listener of its own). */
    public int adminPort() {
        return server.adminPort();
    }

    public Metrics metrics() {
        return metrics;
    }

    public ControlPlane control() {
        return control;
    }

    /** The spend log's queries, over this gateway's store. */
    public SpendQueries spendQueries() {
        return new SpendQueries(control.database());
    }

    public void awaitStop() throws InterruptedException {
        server.awaitStop();
    }

    @Override
    public void close() {
        live.close();
        server.stop();
        limiter.close();
        spend.close(); // after the last request has finished, before the store closes: every row is written
        control.close();
    }
}
