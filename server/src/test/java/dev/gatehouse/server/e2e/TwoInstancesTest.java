package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.Issued;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.auth.VirtualKey;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two gateways sharing one PostgreSQL, as in a scaled-out deployment: a key made on one works on
 * the other at once, and a key revoked on one is refused by the other once its change feed has
 * run (250 ms by default; the test waits for it, bounded, rather than timing it).
 */
class TwoInstancesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Gatehouse start(StoreSettings store) {
        ServerSettings d = ServerSettings.defaults();
        return Gatehouse.start(new GatehouseConfig(new ServerSettings("127.0.0.1", 0, d.maxBodyBytes(), d.maxMessages(),
                d.maxHeaderBytes(), Duration.ofSeconds(1)), List.of(Deployment.builder("mock", "mock").build()), Set.of()),
                ControlPlane.open(store, Optional.empty(), ControlPlane.DEFAULT_FEED_INTERVAL));
    }

    private static int chat(Gatehouse gatehouse, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port()
                + "/v1/chat/completions")).header("authorization", "Bearer " + key)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"mock\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"hi\"}]}")).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void aRevocationOnOneInstanceIsHonouredByTheOther() throws Exception {
        StoreSettings store = TestPostgres.freshDatabase();
        try (Gatehouse a = start(store); Gatehouse b = start(store)) {
            Issued<VirtualKey> issued = a.control().keys().createKey(new KeyDraft("shared", null, List.of("*"),
                    Set.of(), List.of(), null, Limits.NONE, Json.object()), new Actor("admin:test", "127.0.0.1"));
            assertEquals(200, chat(b, issued.secret()), "a key made on one instance works on the other at once");
            assertEquals(200, chat(b, issued.secret()), "and is cached there");
            a.control().keys().revokeKey(issued.key().id(), new Actor("admin:test", "127.0.0.1"));
            assertEquals(401, chat(a, issued.secret()));
            int status = 200;
            for (int i = 0; i < 200 && status == 200; i++) {
                Thread.sleep(25);
                status = chat(b, issued.secret());
            }
            assertEquals(401, status, "the other instance refuses the revoked key");
        }
    }
}
