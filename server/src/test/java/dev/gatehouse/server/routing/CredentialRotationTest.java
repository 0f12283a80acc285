package dev.gatehouse.server.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.routing.RoutingSettings;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.ConfigProblem;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.RoutingConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Rotating a provider credential under load, through {@code POST /admin/config/reload}: add the
 * new credential as a second deployment, drain the old one, remove it, then revoke it at the
 * provider. Eight callers send plain and streamed requests the whole time; none may fail.
 */
class CredentialRotationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Deployment deployment(String id, FakeOpenAi fake, boolean drain) {
        return Deployment.builder("m", "openai").id(id).baseUrl(fake.baseUrl()).apiKey(Secret.of(fake.apiKey()))
                .timeout(Duration.ofSeconds(5)).weight(drain ? 0 : 1).build();
    }

    private static GatehouseConfig config(List<Deployment> deployments) {
        ServerSettings d = ServerSettings.defaults();
        return new GatehouseConfig(new ServerSettings("127.0.0.1", 0, d.maxBodyBytes(), d.maxMessages(),
                d.maxHeaderBytes(), Duration.ofSeconds(5)), deployments, Set.of("127.0.0.1"))
                .withRouting(new RoutingConfig(RoutingSettings.DEFAULTS.withBackoff(Duration.ofMillis(5),
                        Duration.ofMillis(50)), Map.of(), dev.gatehouse.routing.Fallbacks.NONE));
    }

    private static void answering(FakeOpenAi fake, String text) {
        fake.otherwiseFor(request -> {
            if (request.json().path("stream").asBoolean()) {
                fake.streamText(List.of(text, "!"), new FakeUsage(3, 2));
            } else {
                fake.replyText(text, new FakeUsage(3, 1));
            }
        });
    }

    @Test
    void addDrainRemoveAndRevokeWithoutOneFailedRequest() throws Exception {
        try (FakeOpenAi old = new FakeOpenAi(); FakeOpenAi fresh = new FakeOpenAi()) {
            answering(old, "old");
            answering(fresh, "new");
            AtomicReference<GatehouseConfig> file = new AtomicReference<>(config(List.of(deployment("old", old,
                    false))));
            ControlPlane control = ControlPlane.open(TestStores.h2(), java.util.Optional.empty(),
                    Duration.ofMillis(50));
            String key = control.keys().createKey(new KeyDraft("load", null, List.of("*"), Set.of(), List.of(), null,
                    Limits.NONE, Json.object()), Actor.CLI).secret();
            String owner = control.adminKeys().create("owner", AdminRole.OWNER, Actor.CLI).secret();
            try (Gatehouse gatehouse = Gatehouse.start(file.get(), control,
                    () -> new ConfigLoader.Loaded(file.get(), List.<ConfigProblem>of(), List.of()))) {
                AtomicBoolean running = new AtomicBoolean(true);
                AtomicInteger succeeded = new AtomicInteger();
                ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
                List<Future<?>> callers = new ArrayList<>();
                ExecutorService pool = Executors.newFixedThreadPool(8);
                for (int c = 0; c < 8; c++) {
                    boolean stream = c % 2 == 1;
                    callers.add(pool.submit(() -> {
                        while (running.get()) {
                            try {
                                HttpResponse<String> response = chat(gatehouse, key, stream);
                                boolean ok = response.statusCode() == 200 && (!stream
                                        || response.body().endsWith("data: [DONE]\n\n"));
                                if (ok) {
                                    succeeded.incrementAndGet();
                                } else {
                                    failures.add(response.statusCode() + " " + response.body());
                                }
                            } catch (Exception e) {
                                failures.add(e.toString());
                            }
                        }
                    }));
                }
                int before = waitForMore(succeeded, 200);

                file.set(config(List.of(deployment("old", old, false), deployment("new", fresh, false))));
                assertReloaded(gatehouse, owner, 2);
                waitForMore(succeeded, 300);
                assertTrue(fresh.requestCount() > 0, "the new credential serves");

                file.set(config(List.of(deployment("old", old, true), deployment("new", fresh, false))));
                assertReloaded(gatehouse, owner, 2);
                waitForMore(succeeded, 100); // requests already on their way to old finish there
                int oldWhileDrained = old.requestCount();
                waitForMore(succeeded, 300);
                assertEquals(oldWhileDrained, old.requestCount(), "a drained deployment gets no new requests");

                file.set(config(List.of(deployment("new", fresh, false))));
                assertReloaded(gatehouse, owner, 1);
                waitForMore(succeeded, 100);
                // The old credential is revoked at the provider: anything still sent with it would fail.
                old.otherwise(() -> old.replyError(ErrorKind.AUTHENTICATION));
                int oldAtRemoval = old.requestCount();
                waitForMore(succeeded, 300);

                running.set(false);
                for (Future<?> caller : callers) {
                    caller.get();
                }
                pool.shutdown();
                System.out.printf("credential rotation under load: %d requests succeeded, %d failed; old deployment"
                        + " served %d, new %d%n", succeeded.get(), failures.size(), old.requestCount(),
                        fresh.requestCount());
                assertEquals(List.of(), List.copyOf(failures), "no request fails during the rotation");
                assertEquals(oldAtRemoval, old.requestCount(), "a removed deployment gets no requests");
                assertTrue(succeeded.get() > before, "the load ran throughout");
                old.assertNoViolations();
                fresh.assertNoViolations();
            }
        }
    }

    @Test
    void anInvalidReloadChangesNothing() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi()) {
            ControlPlane control = ControlPlane.open(TestStores.h2(), java.util.Optional.empty(),
                    Duration.ofMillis(50));
            String owner = control.adminKeys().create("owner", AdminRole.OWNER, Actor.CLI).secret();
            String auditor = control.adminKeys().create("auditor", AdminRole.AUDITOR, Actor.CLI).secret();
            GatehouseConfig config = config(List.of(deployment("only", fake, false)));
            try (Gatehouse gatehouse = Gatehouse.start(config, control, () -> new ConfigLoader.Loaded(null,
                    List.of(new ConfigProblem("models[0].provider (line 3)", "unknown provider 'opena'")),
                    List.of()))) {
                HttpResponse<String> refused = reload(gatehouse, owner);
                assertEquals(400, refused.statusCode(), refused.body());
                assertTrue(refused.body().contains("models[0].provider (line 3): unknown provider 'opena'"),
                        refused.body());
                assertEquals(403, reload(gatehouse, auditor).statusCode(), "reloading is the owner's");
                JsonNode served = JSON.readTree(health(gatehouse, auditor)).path("data");
                assertEquals(1, served.size(), "still the deployment it started with");
                assertEquals("only", served.get(0).path("id").asText());
            }
        }
    }

    private static int waitForMore(AtomicInteger succeeded, int more) throws InterruptedException {
        int target = succeeded.get() + more;
        for (int i = 0; i < 3000 && succeeded.get() < target; i++) {
            Thread.sleep(10);
        }
        return succeeded.get();
    }

    private static HttpResponse<String> chat(Gatehouse gatehouse, String key, boolean stream) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port()
                        + "/v1/chat/completions"))
                .header("content-type", "application/json").header("authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> reload(Gatehouse gatehouse, String admin) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.adminPort()
                        + "/admin/config/reload")).header("authorization", "Bearer " + admin)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String health(Gatehouse gatehouse, String admin) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.adminPort()
                        + "/admin/health/deployments")).header("authorization", "Bearer " + admin).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void assertReloaded(Gatehouse gatehouse, String owner, int deployments) throws Exception {
        HttpResponse<String> response = reload(gatehouse, owner);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertTrue(body.path("reloaded").asBoolean());
        assertEquals(deployments, body.path("deployments").asInt());
    }
}
