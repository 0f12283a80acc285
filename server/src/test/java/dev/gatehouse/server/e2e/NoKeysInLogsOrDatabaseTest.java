package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.audit.AuditVerifier;
import dev.gatehouse.server.auth.AdminKey;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.auth.Cidr;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.auth.Issued;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.KeyService;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.auth.VirtualKey;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.crypto.MasterKeyException;
import dev.gatehouse.server.crypto.MasterKeyring;
import dev.gatehouse.server.logging.AccessLog;
import dev.gatehouse.server.logging.LineCapture;
import dev.gatehouse.server.logging.LogFormat;
import dev.gatehouse.server.logging.LogLevel;
import dev.gatehouse.server.logging.LoggingSettings;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.LogCapture;
import dev.gatehouse.server.testing.SecretParts;
import dev.gatehouse.server.testing.TestPostgres;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attacker who steals the logs or the database gets nothing usable. Every path of keys,
 * credentials and the master key runs here, successes and failures, with every log record of
 * the process captured at every level; then the capture, the H2 database file and a
 * dump of every PostgreSQL table are searched for any part of any key, credential or master key.
 */
class NoKeysInLogsOrDatabaseTest {

    private static final String PROVIDER_KEY = "sk-proj-Rk4Hx83Lq5Zt2WvP9mQ7nB2c";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<String> secrets = new ArrayList<>();
    /** Every byte the gateway exported as traces (to a fake OTLP receiver), as ISO-8859-1 text. */
    private String traces;

    @Test
    void theEmbeddedStore(@TempDir Path dir) throws Exception {
        StoreSettings settings = StoreSettings.embedded(dir.resolve("data"));
        String logs = exercise(settings, dir);
        assertNothingIn(logs, "the logs");
        assertNothingIn(traces, "the exported traces");
        byte[] file = Files.readAllBytes(dir.resolve("data").resolve("gatehouse.mv.db"));
        assertNothingIn(new String(file, StandardCharsets.ISO_8859_1), "the H2 database file");
        assertNothingIn(new String(file, StandardCharsets.UTF_8), "the H2 database file");
    }

    @Test
    void postgres(@TempDir Path dir) throws Exception {
        StoreSettings settings = TestPostgres.freshDatabase();
        String logs = exercise(settings, dir);
        assertNothingIn(logs, "the logs");
        assertNothingIn(traces, "the exported traces");
        assertNothingIn(TestPostgres.dump(settings), "a dump of the database");
    }

    private void assertNothingIn(String text, String where) {
        assertTrue(secrets.size() >= 8, "every kind of secret was made");
        for (String secret : secrets) {
            SecretParts.assertAbsent(text, secret, where);
        }
    }

    private String exercise(StoreSettings settings, Path dir) throws Exception {
        secrets.add(PROVIDER_KEY);
        Path keyringFile = dir.resolve("master.keys");
        MasterKeyring keyring = MasterKeyring.create(keyringFile);
        keyring.text().lines().filter(line -> line.startsWith("gmk1:")).forEach(secrets::add);
        // Every record as the JDK formats it, and as Gatehouse's own handler writes it (JSON and text, at the
        // finest level, with stack traces), the access log's lines among them.
        try (LogCapture capture = new LogCapture(); LineCapture json = LineCapture.everything(new LoggingSettings(
                LogFormat.JSON, LogLevel.TRACE, true)); LineCapture text = LineCapture.everything(new LoggingSettings(
                LogFormat.TEXT, LogLevel.TRACE, true)); FakeOpenAi upstream = new FakeOpenAi();
                dev.gatehouse.testkit.otlp.FakeOtlpReceiver receiver = new dev.gatehouse.testkit.otlp.FakeOtlpReceiver()) {
            ControlPlane control = ControlPlane.open(settings, Optional.of(keyring), Duration.ofMillis(50));
            String upstreamKey = upstream.apiKey();
            secrets.add(upstreamKey);
            control.requireVault().put("openai", Secret.of(upstreamKey), Actor.CLI);
            control.requireVault().put("anthropic", Secret.of(PROVIDER_KEY), Actor.CLI);
            // A wrong master key, and a keyring file others may read: refused, and the messages show no key.
            MasterKeyring wrong = MasterKeyring.parse(dev.gatehouse.server.testing.MasterKeyringText.fresh());
            wrong.text().lines().filter(line -> line.startsWith("gmk1:")).forEach(secrets::add);
            MasterKeyException notOurs = assertThrows(MasterKeyException.class, () ->
                    new dev.gatehouse.server.crypto.SecretVault(control.database(), wrong, control.audit(),
                            java.time.Clock.systemUTC()).get("openai"));
            java.util.logging.Logger.getLogger("test").warning(notOurs.getMessage());

            Issued<AdminKey> owner = control.adminKeys().create("owner", AdminRole.OWNER, Actor.CLI);
            secrets.add(owner.secret());
            control.adminKeys().authenticate(Optional.of(owner.secret()), "127.0.0.1");
            control.adminKeys().authenticate(Optional.of(owner.secret() + "x"), "127.0.0.1");
            control.adminKeys().authenticate(Optional.of("gtw_ak_guess"), "127.0.0.1");

            Actor admin = new Actor("admin:" + owner.key().id(), "127.0.0.1");
            KeyService keys = control.keys();
            Issued<VirtualKey> open = keys.createKey(new KeyDraft("open", null, List.of("*"), Set.of(), List.of(),
                    null, Limits.NONE, Json.object()), admin);
            Issued<VirtualKey> scoped = keys.createKey(new KeyDraft("scoped", null, List.of("gpt"),
                    Set.of(Endpoint.CHAT), List.of(Cidr.parse("10.0.0.0/8")), null, Limits.NONE, Json.object()), admin);
            Issued<VirtualKey> rotated = keys.rotateKey(open.key().id(), Duration.ZERO, admin);
            Issued<VirtualKey> revoked = keys.createKey(new KeyDraft("revoked", null, List.of("*"), Set.of(),
                    List.of(), null, Limits.NONE, Json.object()), admin);
            keys.revokeKey(revoked.key().id(), admin);
            List.of(open, scoped, rotated, revoked).forEach(issued -> secrets.add(issued.secret()));

            Secret providerKey = control.requireVault().get("openai").orElseThrow();
            upstream.enqueue(Reply.Full.json(200, "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,"
                    + "\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                    + "\"ok\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,"
                    + "\"total_tokens\":2}}"));
            String echo = "{\"error\":{\"message\":\"Incorrect API key provided: " + upstreamKey
                    + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";
            upstream.enqueue(Reply.Full.json(401, echo));
            upstream.enqueue(Reply.Full.json(500, echo));
            ServerSettings defaults = ServerSettings.defaults();
            GatehouseConfig config = new GatehouseConfig(new ServerSettings("127.0.0.1", 0, defaults.maxBodyBytes(),
                    defaults.maxMessages(), defaults.maxHeaderBytes(), Duration.ofSeconds(1)),
                    List.of(Deployment.builder("gpt", "openai").upstreamModel("gpt-4o").baseUrl(upstream.baseUrl())
                            .apiKey(providerKey).build(), Deployment.builder("mock", "mock").build()),
                    Set.of("127.0.0.1")).withRouting(dev.gatehouse.server.testing.TestStores.ONE_ATTEMPT)
                    .withObservability(new dev.gatehouse.server.telemetry.ObservabilitySettings(
                            dev.gatehouse.server.tracing.TelemetrySettings.exportingTo(receiver.tracesUrl())
                                    .withPropagateUpstream(true),
                            dev.gatehouse.server.telemetry.ObservabilitySettings.DEFAULTS.logging(),
                            dev.gatehouse.server.telemetry.ObservabilitySettings.DEFAULTS.metrics()));
            try (Gatehouse gatehouse = Gatehouse.start(config, control)) {
                URI chat = URI.create("http://127.0.0.1:" + gatehouse.port() + "/v1/chat/completions");
                List<Integer> statuses = new ArrayList<>();
                for (String[] call : new String[][] {
                        {rotated.secret(), "gpt"}, {rotated.secret(), "gpt"}, {rotated.secret(), "gpt"},
                        {rotated.secret(), "mock"}, {open.secret(), "mock"}, {scoped.secret(), "gpt"},
                        {revoked.secret(), "mock"}, {rotated.secret().substring(0, 40), "mock"},
                        {"Bearer-less " + rotated.secret(), "mock"}}) {
                    statuses.add(HTTP.send(HttpRequest.newBuilder(chat).header("authorization", "Bearer " + call[0])
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + call[1] + "\",\"stream\":"
                                    + call[1].equals("mock") + ",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                            .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
                }
                assertEquals(List.of(200, 401, 500, 200, 401, 403, 401, 401, 401), statuses);
                control.requireVault().rewrapAll(Actor.CLI);
                control.audit().close();
                assertTrue(AuditVerifier.verify(control.database()).intact());
            }
            // Closing the gateway exported every span; a span per request and per attempt, at least.
            traces = receiver.allBytes();
            assertTrue(receiver.spans().size() >= 9, "the requests were traced: " + receiver.spans());
            String all = capture.text();
            // No request to Gatehouse has its request line logged, at any level: a path can carry a secret.
            assertTrue(!all.contains("recv prologue"), "a request line was logged");
            assertEquals(9, json.json().stream()
                    .filter(line -> line.path("logger").asText().equals(AccessLog.LOGGER)).count(),
                    "an access-log line for each of the nine requests, every line parsing");
            assertTrue(text.text().contains(" INFO gatehouse.access route=chat_completions status=401 "), text.text());
            return all + json.text() + text.text();
        }
    }
}
