package dev.gatehouse.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.ModelInfo;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.testing.TestStores;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /admin/models} on a gateway with a model served twice at different prices, an image
 * model priced per image, access groups and a configured {@code model_info}.
 */
class ServedModelsRouteTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String UPSTREAM_SECRET = "sk-upstream-never-shown-4f1c2a";

    @Test
    void everyModelIsListedWithItsDeploymentsPricesGroupsAndHealth() throws Exception {
        Deployment priced = Deployment.builder("gpt", "mock").upstreamModel("mock-large").apiKey(Secret.of(UPSTREAM_SECRET))
                .options(Map.of("stream_delay_ms", "0"))
                .modelInfo(new ModelInfo(128_000, 4_096, true, null, null, null)).build();
        Deployment free = Deployment.builder("gpt", "mock").upstreamModel("mock-small").weight(0)
                .options(Map.of("stream_delay_ms", "0")).build();
        Deployment image = Deployment.builder("painter", "mock").upstreamModel("mock-image").build();
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, ServerSettings.DEFAULT_MAX_BODY_BYTES,
                ServerSettings.DEFAULT_MAX_MESSAGES, ServerSettings.DEFAULT_MAX_HEADER_BYTES, Duration.ofSeconds(1));
        GatehouseConfig config = new GatehouseConfig(settings, List.of(priced, free, image), Set.of(),
                Map.of("gpt", Set.of("general", "beta")))
                .withPrice(priced, ModelPrice.tokens("2.50", "10"))
                .withPrice(image, new ModelPrice(null, null, null, null, null,
                        Map.of("standard/1024x1024", new BigDecimal("0.04"), "*", new BigDecimal("0.08"))));
        try (ControlPlane control = TestStores.h2ControlPlane();
                Gatehouse gatehouse = Gatehouse.start(config, control)) {
            String owner = control.adminKeys().create("owner", AdminRole.OWNER, Actor.CLI).secret();
            String key = control.keys().createKey(new KeyDraft("k", null, List.of("*"), Set.of(), List.of(), null,
                    Limits.NONE, Json.object()), Actor.CLI).secret();
            HttpResponse<String> chat = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + gatehouse.port() + "/v1/chat/completions")).header("authorization", "Bearer " + key)
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\","
                            + "\"content\":\"hi\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, chat.statusCode(), chat.body());

            HttpResponse<String> answer = get(gatehouse, owner);
            assertEquals(200, answer.statusCode(), answer.body());
            assertFalse(answer.body().contains(UPSTREAM_SECRET), "no deployment credential");
            JsonNode models = Json.parseUpstream(answer.body(), "test").path("data");
            assertEquals(List.of("gpt", "painter"), List.of(models.get(0).path("id").asText(),
                    models.get(1).path("id").asText()), "every public model, in configuration order");

            JsonNode gpt = models.get(0);
            assertEquals(List.of("beta", "general"), List.of(gpt.path("access_groups").get(0).asText(),
                    gpt.path("access_groups").get(1).asText()));
            assertTrue(gpt.path("context_window").isNull(), "one deployment does not say, so the model is unknown");
            assertTrue(gpt.path("price").isNull(), "its deployments cost differently");
            JsonNode large = gpt.path("deployments").get(0);
            assertEquals("mock-large", large.path("upstream_model").asText());
            assertEquals("mock", large.path("provider").asText());
            assertEquals("2.5", large.path("price").path("input_per_million").asText());
            assertEquals("10", large.path("price").path("output_per_million").asText());
            assertEquals("healthy", large.path("state").asText());
            assertEquals(1, large.path("attempts").asLong(), "the request went to the deployment with weight");
            JsonNode small = gpt.path("deployments").get(1);
            assertEquals("0", small.path("price").path("input_per_million").asText(), "the mock is free, known");
            assertEquals(0.0, small.path("weight").asDouble());
            assertEquals(Set.of("id", "state", "cooling_until", "latency_ms", "in_flight", "attempts", "failures",
                    "error_rate", "cooldowns", "provider", "upstream_model", "weight", "price"), fields(small));

            JsonNode painter = models.get(1);
            assertEquals("0.04", painter.path("price").path("per_image").path("standard/1024x1024").asText());
            assertEquals("0.08", painter.path("price").path("per_image").path("*").asText());
            assertTrue(painter.path("price").path("input_per_million").isNull());
            assertEquals(0, painter.path("access_groups").size());

            for (AdminRole role : AdminRole.values()) {
                String admin = control.adminKeys().create(role.wireName(), role, Actor.CLI).secret();
                assertEquals(200, get(gatehouse, admin).statusCode(), "every role reads the models");
            }
            assertEquals(401, get(gatehouse, "gtw_ak_nope").statusCode());
        }
    }

    @Test
    void aModelEveryDeploymentOfWhichSaysItsContextWindowHasOne() throws Exception {
        ModelInfo info = new ModelInfo(200_000, 8_192, true, true, null, true);
        Deployment one = Deployment.builder("claude", "mock").modelInfo(info).build();
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, ServerSettings.DEFAULT_MAX_BODY_BYTES,
                ServerSettings.DEFAULT_MAX_MESSAGES, ServerSettings.DEFAULT_MAX_HEADER_BYTES, Duration.ofSeconds(1));
        try (ControlPlane control = TestStores.h2ControlPlane();
                Gatehouse gatehouse = Gatehouse.start(new GatehouseConfig(settings, List.of(one), Set.of()), control)) {
            String auditor = control.adminKeys().create("auditor", AdminRole.AUDITOR, Actor.CLI).secret();
            JsonNode claude = Json.parseUpstream(get(gatehouse, auditor).body(), "test").path("data").get(0);
            assertEquals(200_000, claude.path("context_window").asInt());
            assertEquals(8_192, claude.path("max_output_tokens").asInt());
            assertTrue(claude.path("capabilities").path("vision").asBoolean());
            assertTrue(claude.path("capabilities").path("reasoning").isNull(), "unknown stays unknown");
            assertEquals("0", claude.path("price").path("output_per_million").asText(), "one deployment, one price");

            Deployment renamed = Deployment.builder("claude-next", "mock").build();
            gatehouse.reload(new GatehouseConfig(settings, List.of(renamed), Set.of(),
                    Map.of("claude-next", Set.of("preview"))));
            JsonNode reloaded = Json.parseUpstream(get(gatehouse, auditor).body(), "test").path("data");
            assertEquals(1, reloaded.size());
            assertEquals("claude-next", reloaded.get(0).path("id").asText(), "a reload shows at once");
            assertEquals("preview", reloaded.get(0).path("access_groups").get(0).asText());
        }
    }

    private static HttpResponse<String> get(Gatehouse gatehouse, String adminKey) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.adminPort()
                + "/admin/models")).header("authorization", "Bearer " + adminKey).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
