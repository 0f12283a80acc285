package dev.gatehouse.server;

import dev.gatehouse.Gateway;
import dev.gatehouse.provider.TokenEstimator;
import dev.gatehouse.routing.Cooldowns;
import dev.gatehouse.routing.DeploymentCapacity;
import dev.gatehouse.routing.DeploymentStatus;
import dev.gatehouse.routing.InMemoryCapacity;
import dev.gatehouse.routing.InMemoryCooldowns;
import dev.gatehouse.server.admin.GatewayOperations;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.metrics.DeploymentMetrics;
import dev.gatehouse.server.redis.RedisCooldowns;
import dev.gatehouse.server.redis.RedisDeploymentCapacity;
import dev.gatehouse.server.redis.SharedRedis;
import dev.gatehouse.server.upstream.EgressPolicy;
import dev.gatehouse.server.upstream.Http1Transport;
import dev.gatehouse.server.spend.Prices;
import dev.gatehouse.server.spend.SpendLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The gateway as it runs, and its reload: the handlers keep one {@link Gateway}, whose
 * deployments and routing a reload replaces as a whole ({@link Gateway#replaceWith}), while
 * the cooldowns, the capacity counts and the metrics carry over.
 */
final class Live implements GatewayOperations, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Live.class.getName());

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
    /** The named guardrail policies, built at start like the guard that applies them. */
    private final java.util.Set<String> guardrailPolicies;
    private GatehouseConfig config;
    private java.util.concurrent.ScheduledExecutorService checks;

    /** The one gateway the server's routes keep; a reload changes what it serves, not which one it is. */
    Gateway gateway() {
        return gateway;
    }

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
        this.guardrailPolicies = java.util.Set.copyOf(config.guardrails().named().keySet());
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
    public java.util.Set<String> guardrailPolicies() {
        return guardrailPolicies;
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
        Http1Transport transport = new Http1Transport(new EgressPolicy(next.privateNetworkHosts()),
                Duration.ofSeconds(10));
        Prices prices = new Prices(next.catalog(), next.prices());
        Gateway.Builder builder = Gateway.builder()
                .transport(new dev.gatehouse.http.LimitedTransport(transport, upstreamLimits))
                .deployments(next.deployments())
                .routing(next.routing().settings())
                .fallbacks(next.routing().fallbacks())
                .names(next.routing().names())
                .cooldowns(cooldowns)
                .capacity(capacity)
                .prices(prices::of)
                .catalog(next.catalog())
                .tokenEstimator(tokens)
                .listener(metrics);
        next.routing().strategies().forEach(builder::strategy);
        return builder.build();
    }

    /** Synchronized with a reload, so that a model's access groups and deployments come from one configuration. */
    @Override
    public synchronized List<Model> models() {
        List<Model> models = new ArrayList<>();
        for (String name : gateway.models()) {
            List<ModelDeployment> deployments = gateway.deployments(name).stream()
                    .map(d -> new ModelDeployment(d.id(), d.provider(), d.upstreamModel(), d.weight(), spend.priceOf(d)))
                    .toList();
            models.add(new Model(name, config.accessGroupsOf(name), gateway.modelInfo(name), deployments));
        }
        return models;
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
        if (!next.responses().equals(config.responses())) {
            warnings.add("responses: stored responses keep their retention period until the next start");
        }
        Gateway fresh = build(next);
        gateway.replaceWith(fresh);
        spend.serve(next.deployments()); // new models are priced for rows and budget reservations
        control.authenticator().useAccessGroups(next::accessGroupsOf);
        control.authenticator().useNames(next.routing().names());
        config = next;
        int models = fresh.models().size();
        LOG.log(System.Logger.Level.INFO, () -> "configuration reloaded: " + models + " models, "
                + next.deployments().size() + " deployments");
        return new Reloaded(models, next.deployments().size(), warnings);
    }

    /** Whether two {@code redis:} sections name the same server the same way (a password is compared by reference only). */
    private static boolean sameRedis(dev.gatehouse.server.redis.RedisSettings a, dev.gatehouse.server.redis.RedisSettings b) {
        return a == null || b == null ? a == b
                : a.url().equals(b.url()) && java.util.Objects.equals(a.username(), b.username())
                        && a.timeout().equals(b.timeout()) && a.onFailure() == b.onFailure();
    }
}
