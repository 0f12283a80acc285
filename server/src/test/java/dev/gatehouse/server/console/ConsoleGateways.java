package dev.gatehouse.server.console;

import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.spend.SpendSettings;
import dev.gatehouse.server.testing.TestStores;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Gatehouses for the console's tests: an H2 control plane, two mock models ({@code mock} and
 * {@code mock-large}) priced at a dollar per thousand tokens so spend shows, and an owner admin key.
 */
public final class ConsoleGateways {

    private ConsoleGateways() {}

    /** A running Gatehouse with its owner key; closing it stops the server. */
    public record Running(Gatehouse gatehouse, ControlPlane control, String ownerKey) implements AutoCloseable {

        /** The console's (and the admin API's) base URL: {@code http://127.0.0.1:PORT}. */
        public String base() {
            return "http://127.0.0.1:" + gatehouse.adminPort();
        }

        /** The model routes' base URL (the same port unless the admin API has its own). */
        public String modelBase() {
            return "http://127.0.0.1:" + gatehouse.port();
        }

        /** A new admin key with {@code role}. */
        public String adminKey(String name, AdminRole role) {
            return control.adminKeys().create(name, role, Actor.CLI).secret();
        }

        @Override
        public void close() {
            gatehouse.close();
        }
    }

    public static Running start() {
        return start(ConsoleSettings.DEFAULTS);
    }

    public static Running start(ConsoleSettings console) {
        return start(console, null);
    }

    /** @param adminPort the admin API's (and console's) own port: 0 for a free one; null for the main port */
    public static Running start(ConsoleSettings console, Integer adminPort) {
        return start(config(console, adminPort, DEPLOYMENTS, PRICES), null);
    }

    /** The two priced mock models. */
    static final List<Deployment> DEPLOYMENTS = List.of(Deployment.builder("mock", "mock").build(),
            Deployment.builder("mock-large", "mock").upstreamModel("mock-large").build());
    static final Map<String, ModelPrice> PRICES = Map.of("mock/mock", ModelPrice.tokens("1000", "1000"),
            "mock/mock-large", ModelPrice.tokens("1000", "1000"));

    /** A console test's configuration: {@code deployments}, priced by {@code prices} (by "provider/upstream model"). */
    static GatehouseConfig config(ConsoleSettings console, Integer adminPort, List<Deployment> deployments,
            Map<String, ModelPrice> prices) {
        ServerSettings d = ServerSettings.defaults();
        ServerSettings server = new ServerSettings("127.0.0.1", 0, d.maxBodyBytes(), d.maxMessages(),
                d.maxHeaderBytes(), Duration.ofSeconds(1), "127.0.0.1", adminPort, false);
        return new GatehouseConfig(server, deployments, Set.of("127.0.0.1"), Map.of(), prices,
                SpendSettings.defaults()).withConsole(console);
    }

    /** A gateway serving {@code config}; {@code reload} is what a configuration reload reads (null: no file). */
    static Running start(GatehouseConfig config, Supplier<ConfigLoader.Loaded> reload) {
        ControlPlane control = TestStores.h2ControlPlane();
        String owner = control.adminKeys().create("console owner", AdminRole.OWNER, Actor.CLI).secret();
        return new Running(Gatehouse.start(config, control, reload), control, owner);
    }
}
