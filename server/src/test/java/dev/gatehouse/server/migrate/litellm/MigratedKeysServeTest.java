package dev.gatehouse.server.migrate.litellm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.KeyFormat;
import dev.gatehouse.server.auth.VirtualKey;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.spend.SpendSettings;
import dev.gatehouse.server.testing.TestPostgres;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Keys migrated from LiteLLM, used through the real HTTP server against a fake OpenAI: their
 * {@code sk-…} secrets authenticate, their spend so far counts against their budgets, and a secret
 * past its end, an expired or UI-session key, and an unknown {@code sk-} string get the usual 401.
 */
class MigratedKeysServeTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static Gatehouse serve(ControlPlane control, FakeOpenAi openai) {
        ServerSettings d = ServerSettings.defaults();
        List<Deployment> deployments = List.of(Deployment.builder("gpt-4o", "openai").upstreamModel("gpt-4o")
                .baseUrl(openai.baseUrl()).apiKey(Secret.of(openai.apiKey())).build());
        // A dollar per thousand tokens: a request under a budget needs a price.
        return Gatehouse.start(new GatehouseConfig(new ServerSettings("127.0.0.1", 0, d.maxBodyBytes(),
                d.maxMessages(), d.maxHeaderBytes(), Duration.ofSeconds(1)), deployments, Set.of("127.0.0.1"),
                Map.of(), Map.of("openai/gpt-4o", ModelPrice.tokens("1000", "1000")), SpendSettings.defaults(),
                TestStores.ONE_ATTEMPT, null), control);
    }

    private static HttpResponse<String> chat(Gatehouse gatehouse, String key) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port()
                    + "/v1/chat/completions")).header("authorization", "Bearer " + key)
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"gpt-4o\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":"
                                    + "\"hi\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void migratedSecretsAuthenticateTheirSpendCountsAndEveryOtherSkStringIsA401() {
        // The research key gets a monthly budget it has already spent in LiteLLM.
        LiteLlmFixture litellm = LiteLlmFixture.load("UPDATE \"LiteLLM_VerificationToken\" SET max_budget = 7.5,"
                + " budget_duration = '30d', budget_reset_at = '2099-01-01' WHERE key_name = 'sk-...TgZA'");
        try (FakeOpenAi openai = new FakeOpenAi()) {
            openai.otherwise(() -> openai.replyText("ok", new FakeUsage(5, 1)));
            ControlPlane control = LiteLlmMigrationTest.open(TestPostgres.freshDatabase());
            MigrationReport report = LiteLlmMigrationTest.run(litellm, control, true, LiteLlmMigrationTest.DEFAULTS,
                    Clock.systemUTC());
            assertTrue(report.succeeded(), report.text());
            try (Gatehouse gatehouse = serve(control, openai)) {
                HttpResponse<String> alice = chat(gatehouse, LiteLlmFixture.ALICE);
                assertEquals(200, alice.statusCode(), alice.body());
                assertTrue(alice.body().contains("\"ok\""), alice.body());
                assertEquals(200, chat(gatehouse, LiteLlmFixture.ALICE_PREVIOUS).statusCode(),
                        "the secret LiteLLM still honoured after a regeneration");
                assertEquals(200, chat(gatehouse, LiteLlmFixture.BATCH).statusCode());

                HttpResponse<String> spent = chat(gatehouse, LiteLlmFixture.RESEARCH);
                assertEquals(429, spent.statusCode(), spent.body());
                assertTrue(spent.body().contains("insufficient_quota"), spent.body());

                String unknownGatehouseKey = chat(gatehouse, KeyFormat.VIRTUAL.generate()).body();
                for (String refused : List.of(LiteLlmFixture.EXPIRED, LiteLlmFixture.UI_SESSION,
                        "sk-neverIssuedByLiteLlm00", "sk-" + "x".repeat(300))) {
                    HttpResponse<String> answer = chat(gatehouse, refused);
                    assertEquals(401, answer.statusCode(), refused + ": " + answer.body());
                    assertEquals(unknownGatehouseKey, answer.body(), "the same answer as for any unknown key");
                }

                // Rotating gives the key a Gatehouse secret; with no grace the sk- one stops at once.
                VirtualKey key = control.keys().keyBySecret(LiteLlmFixture.ALICE).orElseThrow();
                String rotated = control.keys().rotateKey(key.id(), Duration.ZERO, Actor.CLI).secret();
                assertEquals(200, chat(gatehouse, rotated).statusCode());
                assertEquals(401, chat(gatehouse, LiteLlmFixture.ALICE).statusCode());
                assertEquals(List.of(), openai.violations());
            }
        }
    }

    @Test
    void aSecretPastItsImportedEndIsRefusedWhileItsKeyLives() {
        LiteLlmFixture litellm = LiteLlmFixture.load();
        try (FakeOpenAi openai = new FakeOpenAi()) {
            openai.otherwise(() -> openai.replyText("ok", new FakeUsage(5, 1)));
            ControlPlane control = LiteLlmMigrationTest.open(TestPostgres.freshDatabase());
            // Imported 40 days ago with the default 30 days: every imported secret ended 10 days ago.
            Clock fortyDaysAgo = Clock.offset(Clock.systemUTC(), Duration.ofDays(-40));
            MigrationReport report = LiteLlmMigrationTest.run(litellm, control, true, LiteLlmMigrationTest.DEFAULTS,
                    fortyDaysAgo);
            assertTrue(report.succeeded(), report.text());
            try (Gatehouse gatehouse = serve(control, openai)) {
                VirtualKey key = control.keys().keyBySecret(LiteLlmFixture.ALICE).orElseThrow();
                assertEquals(VirtualKey.Status.ACTIVE, key.status());
                assertEquals(401, chat(gatehouse, LiteLlmFixture.ALICE).statusCode());
                assertEquals(401, chat(gatehouse, LiteLlmFixture.BATCH).statusCode());
                assertTrue(control.keys().openLiteLlmSecrets().isEmpty());
                String rotated = control.keys().rotateKey(key.id(), Duration.ZERO, Actor.CLI).secret();
                assertEquals(200, chat(gatehouse, rotated).statusCode(), "the key itself works on");
            }
        }
    }
}
