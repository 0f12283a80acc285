package dev.gatehouse.server;

import dev.gatehouse.Gateway;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.http.GatewayServer;
import dev.gatehouse.server.metrics.DeploymentMetrics;
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
import java.util.List;

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

    private Gatehouse(GatewayServer server, Metrics metrics, ControlPlane control, SpendLog spend) {
        this.server = server;
        this.metrics = metrics;
        this.control = control;
        this.spend = spend;
    }

    /**
     * Starts serving {@code config}, checking every request's key against {@code control}; returns
     * once the port is bound. The gateway owns {@code control} from here on and closes it last.
     */
    public static Gatehouse start(GatehouseConfig config, ControlPlane control) {
        HelidonTransport transport = new HelidonTransport(new EgressPolicy(config.privateNetworkHosts()),
                Duration.ofSeconds(10));
        List<Deployment> served = config.deployments();
        Metrics metrics = new Metrics();
        DeploymentMetrics routing = new DeploymentMetrics();
        metrics.include(routing::scrape);
        Prices prices = new Prices(PriceTable.bundled(), config.prices());
        Gateway gateway = gateway(config, transport, prices, routing);
        control.authenticator().useAccessGroups(config::accessGroupsOf);
        SpendLog spend = spendLog(config, served, control);
        metrics.include(spend::scrape);
        try {
            return new Gatehouse(GatewayServer.start(config.server(), gateway, metrics, control, spend), metrics,
                    control, spend);
        } catch (RuntimeException e) {
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
     * The core gateway over every configured deployment: each model's deployments form its routing
     * group, with the configured strategies, retries, cooldowns and fallbacks (docs/routing.md).
     */
    static Gateway gateway(GatehouseConfig config, HelidonTransport transport, Prices prices,
            DeploymentMetrics listener) {
        Gateway.Builder builder = Gateway.builder()
                .transport(transport)
                .deployments(config.deployments())
                .routing(config.routing().settings())
                .fallbacks(config.routing().fallbacks())
                .prices(prices::of)
                .listener(listener);
        config.routing().strategies().forEach(builder::strategy);
        return builder.build();
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
        spend.close(); // after the last request has finished, before the store closes: every row is written
        control.close();
    }
}
