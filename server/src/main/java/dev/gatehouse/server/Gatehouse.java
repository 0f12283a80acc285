package dev.gatehouse.server;

import dev.gatehouse.Gateway;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.http.GatewayServer;
import dev.gatehouse.server.limit.InputTokens;
import dev.gatehouse.server.limit.Limiter;
import dev.gatehouse.server.limit.SpendSoFar;
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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    private final Limiter limiter;

    private Gatehouse(GatewayServer server, Metrics metrics, ControlPlane control, SpendLog spend, Limiter limiter) {
        this.server = server;
        this.metrics = metrics;
        this.control = control;
        this.spend = spend;
        this.limiter = limiter;
    }

    /**
     * Starts serving {@code config}, checking every request's key against {@code control}; returns
     * once the port is bound. The gateway owns {@code control} from here on and closes it last.
     */
    public static Gatehouse start(GatehouseConfig config, ControlPlane control) {
        return start(config, control, Clock.systemUTC());
    }

    /** As {@link #start(GatehouseConfig, ControlPlane)}, with the clock budgets and rate windows are counted by. */
    public static Gatehouse start(GatehouseConfig config, ControlPlane control, Clock limitsClock) {
        HelidonTransport transport = new HelidonTransport(new EgressPolicy(config.privateNetworkHosts()),
                Duration.ofSeconds(10));
        List<Deployment> served = firstPerModel(config.deployments());
        Gateway gateway = Gateway.builder()
                .transport(transport)
                .deployments(served)
                .build();
        Metrics metrics = new Metrics();
        control.authenticator().useAccessGroups(config::accessGroupsOf);
        SpendLog spend = spendLog(config, served, control);
        metrics.include(spend::scrape);
        Limiter limiter = new Limiter(config.redis() == null ? null : new SharedRedis(config.redis()), spend::priceOf,
                SpendSoFar.of(new SpendQueries(control.database())), control.audit(), limitsClock, InputTokens.ESTIMATE,
                Limiter.DEFAULT_MAX_OUTPUT);
        metrics.include(limiter::scrape);
        try {
            return new Gatehouse(GatewayServer.start(config.server(), gateway, metrics, control, spend, limiter),
                    metrics, control, spend, limiter);
        } catch (RuntimeException e) {
            limiter.close();
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
     * One deployment per public model name: the first in the file. Serving a model from several
     * deployments (routing, fallbacks) is not built yet, so the others are named in the log
     * rather than passed over in silence.
     */
    static List<Deployment> firstPerModel(List<Deployment> deployments) {
        Map<String, Deployment> first = new LinkedHashMap<>();
        List<String> unused = new ArrayList<>();
        for (Deployment deployment : deployments) {
            if (first.putIfAbsent(deployment.model(), deployment) != null) {
                unused.add(deployment.model() + " (" + deployment.provider() + "/" + deployment.upstreamModel() + ")");
            }
        }
        if (!unused.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "routing across several deployments of one model is not available "
                    + "yet; serving each model from its first deployment and not using: {0}", String.join(", ", unused));
        }
        return List.copyOf(first.values());
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
        server.stop();
        limiter.close();
        spend.close(); // after the last request has finished, before the store closes: every row is written
        control.close();
    }
}
