package dev.gatehouse.server.testing;

import dev.gatehouse.json.Json;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.crypto.MasterKeyring;
import dev.gatehouse.server.store.StoreSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Stores for tests: a fresh in-memory H2 database each, or the test PostgreSQL server. */
public final class TestStores {

    /**
     * Routing without retries: for tests whose fakes script exactly one reply per request and check
     * how that one reply reaches the caller (retries are tested in the routing tests).
     */
    public static final dev.gatehouse.server.config.RoutingConfig ONE_ATTEMPT =
            new dev.gatehouse.server.config.RoutingConfig(dev.gatehouse.routing.RoutingSettings.DEFAULTS.withRetries(0),
                    java.util.Map.of(), dev.gatehouse.routing.Fallbacks.NONE);

    private TestStores() {}

    /** A new, empty in-memory H2 store, in the same PostgreSQL mode as the embedded file store. */
    public static StoreSettings h2() {
        return new StoreSettings("jdbc:h2:mem:gatehouse-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", Optional.empty(),
                Optional.empty(), 4);
    }

    /** A control plane over a new in-memory H2 store with a master key and a fast change feed. */
    public static ControlPlane h2ControlPlane() {
        return ControlPlane.open(h2(), Optional.of(MasterKeyring.parse(MasterKeyringText.fresh())),
                Duration.ofMillis(50));
    }

    /** A gateway and a virtual key that may use every model and endpoint. */
    public record Started(Gatehouse gatehouse, String apiKey) implements AutoCloseable {
        public int port() {
            return gatehouse.port();
        }

        @Override
        public void close() {
            gatehouse.close();
        }
    }

    /** Starts {@code config} over a fresh in-memory store, with one all-access key. */
    public static Started start(GatehouseConfig config) {
        ControlPlane control = h2ControlPlane();
        String key = control.keys().createKey(new KeyDraft("test", null, List.of("*"), Set.of(), List.of(), null,
                Limits.NONE, Json.object()), Actor.CLI).secret();
        return new Started(Gatehouse.start(config, control), key);
    }
}
