package dev.gatehouse.server.testing;

import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.store.StoreSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A gateway over a given PostgreSQL database, run by {@link ChildJvm} in a small heap: it prints
 * {@code ready <port> <admin key>} and serves until its standard input closes.
 */
public final class SmallHeapGatehouse {

    private SmallHeapGatehouse() {}

    public static void main(String[] args) throws Exception {
        StoreSettings store = new StoreSettings(args[0], Optional.of("postgres"), Optional.empty(), 2);
        ControlPlane control = ControlPlane.open(store, Optional.empty(), Duration.ofSeconds(1));
        String admin = control.adminKeys().create("exporter", AdminRole.AUDITOR, Actor.CLI).secret();
        ServerSettings d = ServerSettings.defaults();
        Gatehouse gatehouse = Gatehouse.start(new GatehouseConfig(new ServerSettings("127.0.0.1", 0, d.maxBodyBytes(),
                d.maxMessages(), d.maxHeaderBytes(), Duration.ofSeconds(1)), List.of(Deployment.builder("mock", "mock")
                .options(Map.of("stream_delay_ms", "0")).build()), Set.of()), control);
        System.out.println("ready " + gatehouse.port() + " " + admin);
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until the test closes our standard input
        }
        gatehouse.close(); // and the store
    }
}
