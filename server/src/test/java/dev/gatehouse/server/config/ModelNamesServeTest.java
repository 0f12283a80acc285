package dev.gatehouse.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.crypto.MasterKeyring;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.MasterKeyringText;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A wildcard model and aliases, end to end: the requested name reaches the upstream without its
 * prefix, the key's patterns and the allowlist decide what may be asked for, the spend row names the
 * requested model priced from the bundled table, and /v1/models lists callable names only.
 */
class ModelNamesServeTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeOpenAi openai = new FakeOpenAi();
    private StoreSettings store;
    private Gatehouse gatehouse;
    private ControlPlane control;

    @BeforeEach
    void start() {
        String yaml = """
                models:
                  - name: "openai/*"
                    provider: openai
                    model: "*"
                    base_url: %s
                    api_key: env:OPENAI_KEY
                    allow_private_network: true
                    allowed_models: ["openai/gpt-4o*", "openai/o3", "openai/no-such-model"]
                aliases:
                  fast: openai/gpt-4o-mini
                  quiet: {model: openai/gpt-4o, hidden: true}
                server:
                  port: 0
                router:
                  retries: 0
                """.formatted(openai.baseUrl());
        ConfigLoader.Loaded loaded = new ConfigLoader(Map.of("OPENAI_KEY", openai.apiKey())::get).parse(yaml, "g.yaml");
        assertTrue(loaded.ok(), loaded.problems().toString());
        store = new StoreSettings("jdbc:h2:mem:names-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                Optional.empty(), Optional.empty(), 4);
        control = ControlPlane.open(store, Optional.of(MasterKeyring.parse(MasterKeyringText.fresh())),
                Duration.ofMillis(50));
        gatehouse = Gatehouse.start(loaded.config(), control);
    }

    @AfterEach
    void stop() {
        gatehouse.close();
        openai.close();
    }

    private String key(List<String> models, Limits limits) {
        return control.keys().createKey(new KeyDraft("k", null, models, Set.of(), List.of(), null, limits,
                Json.object()), Actor.CLI).secret();
    }

    private HttpResponse<String> chat(String key, String model, String requestId) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port()
                        + "/v1/chat/completions"))
                .header("content-type", "application/json").header("authorization", "Bearer " + key)
                .header("x-request-id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aWildcardServesTheRequestedNameAndTheRowPricesIt() throws Exception {
        String key = key(List.of("openai/gpt-4o*"), Limits.NONE);
        openai.replyText("from the wildcard", new FakeUsage(4, 5));
        HttpResponse<String> response = chat(key, "openai/gpt-4o", "r-wild");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("openai/gpt-4o", JSON.readTree(response.body()).path("model").asText());
        assertEquals("gpt-4o", openai.lastRequest().json().get("model").asText());

        gatehouse.close();
        try (Database database = Database.open(store)) {
            List<String[]> rows = database.query("SELECT model, provider, upstream_model, cost_usd FROM spend_log"
                    + " WHERE request_id = 'r-wild'", r -> new String[] {r.getString("model"), r.getString("provider"),
                    r.getString("upstream_model"), r.getBigDecimal("cost_usd").toPlainString()});
            assertEquals(1, rows.size());
            assertEquals(List.of("openai/gpt-4o", "openai", "gpt-4o"), List.of(rows.get(0)).subList(0, 3));
            // gpt-4o in the bundled table: $2.50 in, $10 out per million tokens.
            assertEquals(0, new BigDecimal("0.00006").compareTo(new BigDecimal(rows.get(0)[3])), rows.get(0)[3]);
        }
    }

    @Test
    void theKeysPatternsAndTheAllowlistDecide() throws Exception {
        String key = key(List.of("openai/gpt-4o*"), Limits.NONE);
        HttpResponse<String> outsideKey = chat(key, "openai/o3", "r-o3");
        assertEquals(403, outsideKey.statusCode(), outsideKey.body());
        String all = key(List.of("*"), Limits.NONE);
        HttpResponse<String> outsideAllowlist = chat(all, "openai/gpt-5", "r-gpt5");
        assertEquals(404, outsideAllowlist.statusCode(), outsideAllowlist.body());
        HttpResponse<String> pattern = chat(all, "openai/*", "r-pattern");
        assertEquals(404, pattern.statusCode(), pattern.body());
        assertEquals(0, openai.requestCount(), "nothing refused reached the upstream");
    }

    @Test
    void aBareNameReachesTheWildcardOfItsInferredProviderAndTheKeysPatternAdmitsIt() throws Exception {
        openai.replyText("inferred", new FakeUsage(1, 1));
        HttpResponse<String> response = chat(key(List.of("openai/*"), Limits.NONE), "gpt-4o-mini", "r-bare");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("gpt-4o-mini", JSON.readTree(response.body()).path("model").asText());
        assertEquals("gpt-4o-mini", openai.lastRequest().json().get("model").asText());
        assertEquals(403, chat(key(List.of("anthropic/*"), Limits.NONE), "gpt-4o-mini", "r-bare-2").statusCode());
    }

    @Test
    void aModelTheProviderDoesNotKnowGetsItsOwnError() throws Exception {
        openai.replyError(ErrorKind.NOT_FOUND);
        HttpResponse<String> response = chat(key(List.of("*"), Limits.NONE), "openai/no-such-model", "r-unknown");
        assertEquals(404, response.statusCode(), response.body());
        assertEquals("no-such-model", openai.lastRequest().json().get("model").asText());
    }

    @Test
    void aKeyWithABudgetIsAdmittedBecauseTheRequestedModelIsPriced() throws Exception {
        Limits budget = new Limits(new BigDecimal("5"), null, null, null, null, null, null);
        openai.replyText("priced", new FakeUsage(4, 5));
        HttpResponse<String> response = chat(key(List.of("*"), budget), "openai/gpt-4o-mini", "r-budget");
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void anAliasIsServedByItsModelAndTheKeyMayNameEither() throws Exception {
        openai.replyText("through the alias", new FakeUsage(1, 1));
        HttpResponse<String> response = chat(key(List.of("fast"), Limits.NONE), "fast", "r-alias");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("gpt-4o-mini", openai.lastRequest().json().get("model").asText());
        openai.replyText("through the alias again", new FakeUsage(1, 1));
        HttpResponse<String> byModel = chat(key(List.of("openai/gpt-4o*"), Limits.NONE), "fast", "r-alias-2");
        assertEquals(200, byModel.statusCode(), byModel.body());
        assertEquals(403, chat(key(List.of("quiet"), Limits.NONE), "fast", "r-alias-3").statusCode());
    }

    @Test
    void theModelListHasCallableNamesOnly() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + gatehouse.port() + "/v1/models")).header("authorization", "Bearer " + key(List.of("*"), Limits.NONE))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        List<String> ids = new ArrayList<>();
        for (JsonNode model : JSON.readTree(response.body()).path("data")) {
            ids.add(model.path("id").asText());
        }
        assertEquals(List.of("fast"), ids);
        assertFalse(ids.contains("quiet"));
    }
}
