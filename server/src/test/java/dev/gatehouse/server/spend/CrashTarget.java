package dev.gatehouse.server.spend;

import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A gateway in a JVM of its own, for {@link CrashWindowTest} to kill: serves the mock model over
 * the PostgreSQL database named by its arguments, with the default spend settings, and writes
 * {@code port key} to the ready file once it listens. Runs until killed.
 *
 * <p>Arguments: JDBC URL, database user, ready file.
 */
public final class CrashTarget {

    private CrashTarget() {}

    public static void main(String[] args) throws Exception {
        StoreSettings store = new StoreSettings(args[0], Optional.of(args[1]), Optional.empty(), 4);
        ControlPlane control = ControlPlane.open(store, Optional.empty(), ControlPlane.DEFAULT_FEED_INTERVAL);
        String key = control.keys().createKey(new KeyDraft("load", null, List.of("*"), Set.of(), List.of(), null,
                Limits.NONE, Json.object()), Actor.CLI).secret();
        ServerSettings d = ServerSettings.defaults();
        Gatehouse gatehouse = Gatehouse.start(new GatehouseConfig(new ServerSettings("127.0.0.1", 0, d.maxBodyBytes(),
                d.maxMessages(), d.maxHeaderBytes(), d.drainTimeout()),
                List.of(Deployment.builder("mock", "mock").options(Map.of("stream_delay_ms", "0")).build()), Set.of()),
                control);
        Path ready = Path.of(args[2]);
        Path partial = ready.resolveSibling(ready.getFileName() + ".tmp");
        Files.writeString(partial, gatehouse.port() + " " + key);
        Files.move(partial, ready);
        gatehouse.awaitStop();
    }
}
