package dev.gatehouse.server;

import dev.gatehouse.Gateway;
import dev.gatehouse.provider.TokenEstimator;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.admin.GatewayOperations;
import dev.gatehouse.server.cli.BuildInfo;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.console.ConsoleSessions;
import dev.gatehouse.server.console.SingleSignOn;
import dev.gatehouse.server.console.oidc.OidcLogin;
import dev.gatehouse.server.http.GatewayServer;
import dev.gatehouse.server.limit.Limiter;
import dev.gatehouse.server.limit.SpendSoFar;
import dev.gatehouse.server.metrics.DeploymentMetrics;
import dev.gatehouse.server.redis.SharedRedis;
import dev.gatehouse.server.cache.CacheSettings;
import dev.gatehouse.server.cache.MemoryResponseCache;
import dev.gatehouse.server.cache.RedisResponseCache;
import dev.gatehouse.server.cache.ResponseCache;
import dev.gatehouse.server.http.CacheLookup;
import dev.gatehouse.server.responses.ResponseKeeper;
import dev.gatehouse.server.responses.ResponseStore;
import dev.gatehouse.server.responses.ResponseSweeper;
import dev.gatehouse.server.routes.ModelRoutes;
import dev.gatehouse.server.metrics.BuildInfoMetric;
import dev.gatehouse.server.metrics.Metrics;
import dev.gatehouse.server.selfcheck.RunningJar;
import dev.gatehouse.server.telemetry.Telemetry;
import dev.gatehouse.server.spend.Prices;
import dev.gatehouse.server.spend.SpendLog;
import dev.gatehouse.server.spend.SpendQueries;
import dev.gatehouse.server.spend.SpendSettings;
import dev.gatehouse.server.spend.SpendWriter;
import dev.gatehouse.server.spend.Tokenizer;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A running gateway: the core {@link Gateway} over the configured deployments, calling
 * upstreams through Helidon's client under the egress policy, behind the HTTP server.
 */
public final class Gatehouse implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Gatehouse.class.getName());

    private final GatewayServer server;
    private final Telemetry telemetry;
    private final ControlPlane control;
    private final SpendLog spend;
    private final Live live;
    private final Limiter limiter;
    private final Optional<ResponseStore> responses;
    private final Optional<ResponseSweeper> sweeper;

    private Gatehouse(GatewayServer server, Telemetry telemetry, ControlPlane control, SpendLog spend, Live live,
            Limiter limiter, Optional<ResponseStore> responses, Optional<ResponseSweeper> sweeper) {
        this.server = server;
        this.telemetry = telemetry;
        this.control = control;
        this.spend = spend;
        this.live = live;
        this.limiter = limiter;
        this.responses = responses;
        this.sweeper = sweeper;
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
        return start(config, control, source, limitsClock, RunningJar.of(Gatehouse.class));
    }

    /**
     * As {@link #start(GatehouseConfig, ControlPlane)}, with {@code jar} as the jar Gatehouse runs from
     * (its SHA-256 in the build-info metric, its SBOM at {@code GET /admin/sbom}); empty when it runs
     * from classes in a directory.
     */
    public static Gatehouse start(GatehouseConfig config, ControlPlane control, Optional<RunningJar> jar) {
        return start(config, control, null, Clock.systemUTC(), jar);
    }

    /** As {@link #start(GatehouseConfig, ControlPlane, Supplier)}, with the jar Gatehouse runs from. */
    public static Gatehouse start(GatehouseConfig config, ControlPlane control, Supplier<ConfigLoader.Loaded> source,
            Optional<RunningJar> jar) {
        return start(config, control, source, Clock.systemUTC(), jar);
    }

    private static Gatehouse start(GatehouseConfig config, ControlPlane control, Supplier<ConfigLoader.Loaded> source,
            Clock limitsClock, Optional<RunningJar> jar) {
        SharedRedis redis = config.redis() == null ? null : new SharedRedis(config.redis());
        Metrics metrics = new Metrics(config.observability().metrics());
        metrics.include(new BuildInfoMetric(BuildInfo.version(), BuildInfo.commit(),
                jar.map(RunningJar::sha256).orElse(BuildInfoMetric.UNKNOWN))::scrape);
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
        control.authenticator().useNames(config.routing().names());
        spend.resolveWith(live.gateway()::deployments); // aliases and wildcard models, priced per requested name
        // Read at each scrape from the gateway a reload keeps (docs/observability.md).
        metrics.servedModels(live.gateway()::models);
        routing.statusFrom(live.gateway()::deploymentStatus);
        metrics.include(spend::scrape);
        metrics.include(control.audit()::scrape);
        Limiter limiter = new Limiter(redis, spend::priceOf,
                SpendSoFar.of(new SpendQueries(control.database())), control.audit(), limitsClock, tokens,
                config.limits());
        metrics.include(limiter::scrape);
        ResponseCache cache = responseCache(config.cache(), redis);
        if (cache != null) {
            metrics.include(cache::scrape);
        }
        // Settings read at start: a reload does not change which models are cached (docs/cache.md).
        CacheLookup cacheLookup = new CacheLookup(cache, config.cache(), limiter, Clock.systemUTC());
        metrics.teamBudgets(limiter::teamBudgetsLeft);
        Telemetry telemetry = Telemetry.start(config.observability(), metrics);
        // Responses are kept sealed with the master keyring; without one Gatehouse keeps none (docs/agents.md).
        Optional<ResponseStore> responses = control.vault().map(vault -> new ResponseStore(control.database(),
                vault.keyring(), config.responses(), Clock.systemUTC()));
        Optional<ResponseSweeper> sweeper = responses.map(ResponseSweeper::start);
        // The console's sessions, shared by its sign-in routes and the admin API; none when it is off.
        Optional<ConsoleSessions> consoleSessions = config.console().enabled() ? Optional.of(new ConsoleSessions(
                control.database(), control.audit(), Clock.systemUTC(), config.console())) : Optional.empty();
        try {
            Gateway gateway = live.gateway();
            return new Gatehouse(GatewayServer.start(config.server(), config.guardrails(), gateway, ModelRoutes.all(gateway,
                    new ResponseKeeper(responses, Clock.systemUTC())), telemetry,
                    control, spend, limiter, live, responses, consoleSessions, consoleSessions.flatMap(sessions ->
                    singleSignOn(config, sessions, control, telemetry)), cacheLookup, jar),
                    telemetry, control, spend, live, limiter, responses,
                    sweeper);
        } catch (RuntimeException e) {
            sweeper.ifPresent(ResponseSweeper::close);
            telemetry.close();
            live.close();
            limiter.close(); // and the Redis client with it
            spend.close();
            throw e;
        }
    }

    /** Where answers are kept, as {@code cache:} says; null when no model is cached. */
    private static ResponseCache responseCache(CacheSettings settings, SharedRedis redis) {
        if (!settings.enabled()) {
            return null;
        }
        return settings.storage() == CacheSettings.Storage.REDIS && redis != null
                ? new RedisResponseCache(redis, settings.maxEntryBytes(), Clock.systemUTC())
                : new MemoryResponseCache(settings.maxBytes(), settings.maxEntryBytes(), Clock.systemUTC());
    }

    /** The console's single sign-on, when {@code console.oidc} is configured (docs/console.md). */
    private static Optional<SingleSignOn> singleSignOn(GatehouseConfig config, ConsoleSessions sessions,
            ControlPlane control, Telemetry telemetry) {
        return config.console().oidc().map(oidc -> OidcLogin.of(config.console(), sessions, control.audit(),
                telemetry));
    }

    private static SpendLog spendLog(GatehouseConfig config, List<Deployment> served, ControlPlane control) {
        SpendSettings settings = config.spend();
        Clock clock = Clock.systemUTC();
        SpendWriter writer = settings.enabled() ? new SpendWriter(control.database(), settings, clock) : null;
        return new SpendLog(writer, new Prices(config.catalog(), config.prices()), served, clock);
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
        return telemetry.metrics();
    }

    public ControlPlane control() {
        return control;
    }

    /** The spend log's queries, over this gateway's store. */
    public SpendQueries spendQueries() {
        return new SpendQueries(control.database());
    }

    /** The responses this gateway keeps; empty without a master key. */
    public Optional<ResponseStore> responses() {
        return responses;
    }

    public void awaitStop() throws InterruptedException {
        server.awaitStop();
    }

    @Override
    public void close() {
        live.close();
        server.stop();
        sweeper.ifPresent(ResponseSweeper::close);
        limiter.close();
        spend.close(); // after the last request has finished, before the store closes: every row is written
        telemetry.close(); // the last requests' spans are exported
        control.close();
    }
}
