package dev.gatehouse.server.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.routing.Fallbacks;
import dev.gatehouse.routing.RoutingSettings;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.RoutingConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.crypto.MasterKeyring;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.LogCapture;
import dev.gatehouse.server.testing.MasterKeyringText;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routing through the server: the response headers that say what happened, the spend row of the
 * deployment that really served, the health endpoint and the per-deployment metrics. Model m has
 * a primary and a drained backup (weight 0: it serves only when the primary can not), and the
 * fallback model f.
 */
class RoutingServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeOpenAi primary = new FakeOpenAi();
    private final FakeOpenAi backup = new FakeOpenAi();
    private final FakeOpenAi fallback = new FakeOpenAi();
    private StoreSettings store;
    private Gatehouse gatehouse;
    private String key;
    private String admin;

    private static Deployment deployment(String model, String id, String upstream, FakeOpenAi fake, double weight) {
        return Deployment.builder(model, "openai").id(id).upstreamModel(upstream).baseUrl(fake.baseUrl())
                .apiKey(Secret.of(fake.apiKey())).timeout(Duration.ofSeconds(5)).weight(weight).build();
    }

    @BeforeEach
    void start() {
        store = new StoreSettings("jdbc:h2:mem:routing-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                Optional.empty(), Optional.empty(), 4);
        ControlPlane control = ControlPlane.open(store, Optional.of(MasterKeyring.parse(MasterKeyringText.fresh())),
                Duration.ofMillis(50));
        key = control.keys().createKey(new KeyDraft("router", null, List.of("*"), Set.of(), List.of(), null,
                Limits.NONE, Json.object()), Actor.CLI).secret();
        admin = control.adminKeys().create("auditor", AdminRole.AUDITOR, Actor.CLI).secret();
        ServerSettings d = ServerSettings.defaults();
        GatehouseConfig config = new GatehouseConfig(new ServerSettings("127.0.0.1", 0, d.maxBodyBytes(),
                d.maxMessages(), d.maxHeaderBytes(), Duration.ofSeconds(5)),
                List.of(deployment("m", "primary", "gpt-primary", primary, 1),
                        deployment("m", "backup", "gpt-backup", backup, 0),
                        deployment("f", "fallback", "gpt-fallback", fallback, 1)), Set.of("127.0.0.1"))
                .withRouting(new RoutingConfig(RoutingSettings.DEFAULTS.withRetries(1)
                        .withBackoff(Duration.ofMillis(1), Duration.ofMillis(20)), Map.of(),
                        new Fallbacks(Map.of("m", List.of("f")), Map.of(), Map.of())));
        gatehouse = Gatehouse.start(config, control);
    }

    @AfterEach
    void stop() {
        gatehouse.close();
        primary.close();
        backup.close();
        fallback.close();
    }

    private HttpResponse<String> chat(String requestId, boolean stream) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port()
                        + "/v1/chat/completions"))
                .header("content-type", "application/json").header("authorization", "Bearer " + key)
                .header("x-request-id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void theHeadersNameTheDeploymentTheAttemptsAndTheFallback() throws Exception {
        primary.replyText("first try", new FakeUsage(1, 1));
        HttpResponse<String> direct = chat("r-direct", false);
        assertEquals(200, direct.statusCode(), direct.body());
        assertEquals("primary", header(direct, "x-gatehouse-deployment"));
        assertEquals("1", header(direct, "x-gatehouse-attempts"));
        assertEquals(null, header(direct, "x-gatehouse-fallback"));

        primary.replyError(ErrorKind.SERVER_ERROR);
        backup.replyText("from the backup", new FakeUsage(2, 3));
        HttpResponse<String> retried = chat("r-retried", false);
        assertEquals(200, retried.statusCode(), retried.body());
        assertEquals("backup", header(retried, "x-gatehouse-deployment"));
        assertEquals("2", header(retried, "x-gatehouse-attempts"));
        assertEquals("m", JSON.readTree(retried.body()).path("model").asText());

        primary.replyError(ErrorKind.SERVER_ERROR);
        backup.replyError(ErrorKind.OVERLOADED);
        fallback.replyText("from the fallback", new FakeUsage(1, 1));
        HttpResponse<String> fellBack = chat("r-fallback", false);
        assertEquals(200, fellBack.statusCode(), fellBack.body());
        assertEquals("fallback", header(fellBack, "x-gatehouse-deployment"));
        assertEquals("3", header(fellBack, "x-gatehouse-attempts"));
        assertEquals("f", header(fellBack, "x-gatehouse-fallback"));
        assertEquals("f", JSON.readTree(fellBack.body()).path("model").asText(),
                "the answer names the model that served, as LiteLLM's does");

        primary.replyError(ErrorKind.BAD_REQUEST);
        HttpResponse<String> refused = chat("r-refused", false);
        assertEquals(400, refused.statusCode());
        assertEquals("primary", header(refused, "x-gatehouse-deployment"), "failures say where they failed too");
        assertEquals("1", header(refused, "x-gatehouse-attempts"));

        Map<String, String[]> rows = rowsAfterShutdown();
        assertEquals("openai/gpt-primary/200", String.join("/", rows.get("r-direct")));
        assertEquals("openai/gpt-backup/200", String.join("/", rows.get("r-retried")),
                "the row names the deployment that served");
        assertEquals("openai/gpt-fallback/200", String.join("/", rows.get("r-fallback")));
        primary.assertNoViolations();
        backup.assertNoViolations();
        fallback.assertNoViolations();
    }

    /** A fallback is a model like any other: a key that may not use it is not served by it. */
    @Test
    void aFallbackTheKeyMayNotUseIsSkippedAndTheHeaderSaysSo() throws Exception {
        String onlyM = gatehouse.control().keys().createKey(new KeyDraft("only-m", null, List.of("m"), Set.of(),
                List.of(), null, Limits.NONE, Json.object()), Actor.CLI).secret();
        for (boolean stream : List.of(false, true)) {
            primary.replyError(ErrorKind.SERVER_ERROR);
            backup.replyError(ErrorKind.OVERLOADED);
            HttpResponse<String> failed = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + gatehouse.port() + "/v1/chat/completions"))
                    .header("content-type", "application/json").header("authorization", "Bearer " + onlyM)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":" + stream
                            + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, failed.statusCode(), failed.body());
            assertEquals("skipped=f (not allowed for this key)", header(failed, "x-gatehouse-fallback"));
            assertEquals("2", header(failed, "x-gatehouse-attempts"));
        }
        assertEquals(0, fallback.requestCount(), "the fallback the key may not use was never called");

        primary.replyError(ErrorKind.SERVER_ERROR);
        backup.replyError(ErrorKind.OVERLOADED);
        fallback.replyText("from the fallback", new FakeUsage(1, 1));
        HttpResponse<String> allKeys = chat("r-all", false);
        assertEquals(200, allKeys.statusCode(), allKeys.body());
        assertEquals("f", header(allKeys, "x-gatehouse-fallback"), "a key that may use it is served by it");
    }

    @Test
    void aStreamResetBeforeItsFirstByteIsServedByTheBackup() throws Exception {
        primary.enqueue(new Reply.Drop());
        backup.streamText(List.of("Hel", "lo"), new FakeUsage(2, 2));
        HttpResponse<String> response = chat("r-stream", true);
        assertEquals(200, response.statusCode());
        assertEquals("backup", header(response, "x-gatehouse-deployment"));
        assertEquals("2", header(response, "x-gatehouse-attempts"));
        // The output guardrails hold a short answer's text back to its end, so it arrives in one piece.
        assertTrue(response.body().contains("\"content\":\"Hello\"") && response.body().endsWith("data: [DONE]\n\n"),
                response.body());
        assertFalse(response.body().contains("\"error\""), response.body());
    }

    @Test
    void theHealthEndpointAndTheMetricsShowEachDeployment() throws Exception {
        primary.replyError(ErrorKind.AUTHENTICATION);
        backup.replyText("ok", new FakeUsage(1, 1));
        try (LogCapture log = new LogCapture()) {
            assertEquals(200, chat("r-1", false).statusCode());
            String text = log.text();
            assertTrue(text.contains("WARNING") && text.contains("refused the credential of deployment primary"),
                    text);
            assertFalse(text.contains(primary.apiKey()), "the log never shows the credential");
        }

        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + gatehouse.adminPort() + "/admin/health/deployments")).header("authorization", "Bearer " + admin)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        JsonNode data = JSON.readTree(health.body()).path("data");
        assertEquals(3, data.size());
        JsonNode first = data.get(0);
        assertEquals("primary", first.path("id").asText());
        assertEquals("cooling_down", first.path("state").asText(), "a refused credential takes it out");
        assertFalse(first.path("cooling_until").isNull());
        assertEquals(1, first.path("failures").asInt());
        assertEquals(1.0, first.path("error_rate").asDouble());
        JsonNode second = data.get(1);
        assertEquals("healthy", second.path("state").asText());
        assertTrue(second.path("latency_ms").isNumber());

        HttpResponse<String> noKey = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + gatehouse.adminPort() + "/admin/health/deployments")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, noKey.statusCode());

        String metrics = gatehouse.metrics().scrape();
        assertTrue(metrics.contains("gatehouse_deployment_attempts_total{deployment=\"primary\",model=\"m\"} 1"),
                metrics);
        assertTrue(metrics.contains("gatehouse_deployment_failures_total{deployment=\"primary\",model=\"m\","
                + "type=\"authentication_error\"} 1"), metrics);
        assertTrue(metrics.contains("gatehouse_deployment_cooldowns_total{deployment=\"primary\",model=\"m\","
                + "reason=\"credential_refused\"} 1"), metrics);
    }

    @Test
    void backgroundHealthChecksReachEveryDeploymentWhenTurnedOn() throws Exception {
        gatehouse.close();
        ControlPlane control = ControlPlane.open(store, Optional.of(MasterKeyring.parse(MasterKeyringText.fresh())),
                Duration.ofMillis(50));
        FakeOpenAi checked = new FakeOpenAi();
        checked.otherwise(() -> checked.replyText("pong", new FakeUsage(1, 1)));
        ServerSettings d = ServerSettings.defaults();
        GatehouseConfig config = new GatehouseConfig(new ServerSettings("127.0.0.1", 0, d.maxBodyBytes(),
                d.maxMessages(), d.maxHeaderBytes(), Duration.ofSeconds(5)),
                List.of(deployment("h", "checked", "gpt-4o", checked, 1)), Set.of("127.0.0.1"))
                .withRouting(new RoutingConfig(RoutingSettings.DEFAULTS, Map.of(), dev.gatehouse.routing.Fallbacks.NONE,
                        Duration.ofMillis(100)));
        gatehouse = Gatehouse.start(config, control);
        for (int i = 0; i < 100 && checked.requestCount() < 2; i++) {
            Thread.sleep(100);
        }
        assertTrue(checked.requestCount() >= 2, "checks every 100 ms: " + checked.requestCount());
        assertEquals(1, checked.lastRequest().json().path("max_tokens").asInt(), "a one-token request");
        gatehouse.close();
        int after = checked.requestCount();
        Thread.sleep(300);
        assertEquals(after, checked.requestCount(), "no check after the gateway has stopped");
        checked.assertNoViolations();
        checked.close();
    }

    /** provider / upstream model / status of each spend row by request id, read after the gateway has stopped. */
    private Map<String, String[]> rowsAfterShutdown() {
        gatehouse.close();
        try (Database database = Database.open(store)) {
            Map<String, String[]> rows = new HashMap<>();
            database.query("SELECT * FROM spend_log", r -> new String[] {r.getString("request_id"),
                    r.getString("provider"), r.getString("upstream_model"), Integer.toString(r.getInt("status"))})
                    .forEach(row -> rows.put(row[0], new String[] {row[1], row[2], row[3]}));
            return rows;
        }
    }
}
