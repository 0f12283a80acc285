package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.NotFoundException;
import com.openai.models.models.Model;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.ModelInfo;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.testing.TestStores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/models} and {@code /v1/models/{id}} in OpenAI's format (through the official SDK) and
 * Anthropic's: what each model can do, merged over its deployments, and the key's scope. Nothing here
 * calls an upstream: the deployments' addresses are never reached.
 */
class ModelsRouteTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestStores.Started gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        ServerSettings defaults = ServerSettings.defaults();
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, defaults.maxBodyBytes(), defaults.maxMessages(),
                defaults.maxHeaderBytes(), defaults.drainTimeout());
        gateway = TestStores.start(new GatehouseConfig(settings, List.of(
                // Claude Sonnet 4.5's maximum output (64,000) comes from the price table; the operator says the rest.
                upstream("coder", "anthropic", "claude-sonnet-4-5", new ModelInfo(200_000, null, true, true, true, true)),
                // GPT-4.1's maximum output is 32,768 in the price table; this deployment does not reason.
                upstream("coder", "openai", "gpt-4.1", new ModelInfo(1_047_576, null, true, true, false, true)),
                Deployment.builder("mock", "mock").build(),
                Deployment.builder("half", "mock").modelInfo(new ModelInfo(8_000, 1_000, true, true, null, null)).build(),
                Deployment.builder("half", "mock").modelInfo(new ModelInfo(null, 2_000, true, null, null, false)).build(),
                Deployment.builder("team/coder", "mock").modelInfo(new ModelInfo(null, null, null, true, null, null))
                        .build(),
                // Nothing configured: the price table's context window and maximum output for Claude Haiku 4.5.
                upstream("haiku", "anthropic", "claude-haiku-4-5-20251001", null)),
                Set.of("127.0.0.1")));
        client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + gateway.port() + "/v1")
                .apiKey(gateway.apiKey()).maxRetries(0).build();
    }

    private static Deployment upstream(String model, String provider, String upstreamModel, ModelInfo info) {
        return Deployment.builder(model, provider).upstreamModel(upstreamModel).baseUrl("http://127.0.0.1:9/")
                .apiKey(Secret.of("never-used")).modelInfo(info).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
    }

    private static HttpResponse<String> get(String path, String key, boolean anthropic) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .header("authorization", "Bearer " + key);
        if (anthropic) {
            request.header("anthropic-version", "2023-06-01");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.parseUpstream(response.body(), "test");
    }

    private static String scopedKey(List<String> models) {
        return gateway.gatehouse().control().keys().createKey(new KeyDraft("scoped", null, models,
                Set.of(Endpoint.MODELS), List.of(), null, Limits.NONE, Json.object()),
                new Actor("admin:test", "127.0.0.1")).secret();
    }

    @Test
    void theSdkListsEveryModelWithWhatEveryDeploymentOfItCanDo() {
        List<Model> models = client.models().list().data();
        assertEquals(List.of("coder", "mock", "half", "team/coder", "haiku"), models.stream().map(Model::id).toList());
        Map<String, JsonValue> coder = extra(models.getFirst());
        assertEquals(JsonValue.from(200_000), coder.get("max_input_tokens"), "the least context window");
        assertEquals(JsonValue.from(32_768), coder.get("max_output_tokens"), "the least maximum output (price table)");
        assertEquals(JsonValue.from(true), coder.get("supports_function_calling"));
        assertEquals(JsonValue.from(true), coder.get("supports_vision"));
        assertEquals(JsonValue.from(false), coder.get("supports_reasoning"), "one deployment does not reason");
        assertEquals(JsonValue.from(true), coder.get("supports_response_schema"));
        assertEquals("model", models.getFirst()._object_().asString().orElseThrow());
    }

    @Test
    void whatOneDeploymentDoesNotKnowIsLeftOutNeverGuessed() {
        Map<String, JsonValue> mock = extra(client.models().retrieve("mock"));
        assertTrue(mock.isEmpty(), "the mock states nothing: " + mock);
        Map<String, JsonValue> half = extra(client.models().retrieve("half"));
        assertFalse(half.containsKey("max_input_tokens"), "one deployment's window is unknown");
        assertEquals(JsonValue.from(1_000), half.get("max_output_tokens"));
        assertEquals(JsonValue.from(true), half.get("supports_function_calling"));
        assertFalse(half.containsKey("supports_vision"), "true for one, unknown for the other");
        assertFalse(half.containsKey("supports_reasoning"));
        assertEquals(JsonValue.from(false), half.get("supports_response_schema"), "one lacks it, so the model does");
    }

    @Test
    void withoutModelInfoTheCatalogSaysWhatItRecordsOfTheModel() {
        // claude-haiku-4-5-20251001 is found as claude-haiku-4-5 (a dated snapshot), docs/catalog.md.
        Map<String, JsonValue> haiku = extra(client.models().retrieve("haiku"));
        assertEquals(JsonValue.from(200_000), haiku.get("max_input_tokens"));
        assertEquals(JsonValue.from(64_000), haiku.get("max_output_tokens"));
        assertEquals(JsonValue.from(true), haiku.get("supports_vision"), "the catalog's capabilities: " + haiku);
        assertEquals(JsonValue.from(true), haiku.get("supports_function_calling"));
        assertEquals(JsonValue.from(true), haiku.get("supports_reasoning"));
    }

    @Test
    void aModelIsRetrievedByItsNameEvenWithASlash() throws Exception {
        assertEquals("team/coder", client.models().retrieve("team/coder").id());
        HttpResponse<String> raw = get("/v1/models/team/coder", gateway.apiKey(), false);
        assertEquals(200, raw.statusCode(), raw.body());
        assertEquals(true, json(raw).path("supports_vision").asBoolean());
        assertEquals(200, get("/models/coder", gateway.apiKey(), false).statusCode(), "without /v1 too");
    }

    @Test
    void anUnknownModelIsA404InOpenAisFormat() {
        NotFoundException error = assertThrows(NotFoundException.class, () -> client.models().retrieve("nope"));
        assertTrue(error.getMessage().contains("nope"), error.getMessage());
    }

    @Test
    void aScopedKeySeesItsModelsOnlyAndAnotherIsA404NotA403() throws Exception {
        String key = scopedKey(List.of("mock", "coder"));
        List<String> ids = new ArrayList<>();
        json(get("/v1/models", key, false)).path("data").forEach(m -> ids.add(m.path("id").asText()));
        assertEquals(List.of("coder", "mock"), ids);
        HttpResponse<String> hidden = get("/v1/models/half", key, false);
        assertEquals(404, hidden.statusCode());
        assertEquals("model_not_found", json(hidden).path("error").path("code").asText(), hidden.body());
        HttpResponse<String> hiddenAnthropic = get("/v1/models/half", key, true);
        assertEquals(404, hiddenAnthropic.statusCode());
        assertEquals("not_found_error", json(hiddenAnthropic).path("error").path("type").asText());
        List<String> anthropicIds = new ArrayList<>();
        json(get("/v1/models", key, true)).path("data").forEach(m -> anthropicIds.add(m.path("id").asText()));
        assertEquals(List.of("coder", "mock"), anthropicIds);
    }

    @Test
    void anthropicsFormatWhenTheRequestCarriesAnthropicVersion() throws Exception {
        HttpResponse<String> response = get("/v1/models", gateway.apiKey(), true);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json(response);
        assertFalse(body.has("object"), "Anthropic's page has no object field");
        assertEquals("coder", body.path("first_id").asText());
        assertEquals("haiku", body.path("last_id").asText());
        assertFalse(body.path("has_more").asBoolean());
        JsonNode coder = body.path("data").get(0);
        assertEquals("model", coder.path("type").asText());
        assertEquals("coder", coder.path("display_name").asText());
        assertEquals("1970-01-01T00:00:00Z", coder.path("created_at").asText());
        assertEquals(200_000, coder.path("max_input_tokens").asInt());
        assertEquals(32_768, coder.path("max_tokens").asInt());
        assertTrue(coder.path("capabilities").path("image_input").path("supported").asBoolean());
        assertTrue(coder.path("capabilities").path("structured_outputs").path("supported").asBoolean());
        assertFalse(coder.path("capabilities").path("thinking").path("supported").asBoolean(true));
        assertFalse(body.path("data").get(1).has("capabilities"), "the mock states nothing");
        JsonNode one = json(get("/v1/models/coder", gateway.apiKey(), true));
        assertEquals(coder, one);
    }

    /** Anthropic's Java SDK (which sends anthropic-version) reads the list and one model in its own types. */
    @Test
    void anthropicsSdkListsAndRetrievesModels() {
        AnthropicClient anthropic = AnthropicOkHttpClient.builder().baseUrl("http://127.0.0.1:" + gateway.port())
                .apiKey(gateway.apiKey()).maxRetries(0).build();
        try {
            List<String> ids = new ArrayList<>();
            anthropic.models().list().autoPager().forEach(model -> ids.add(model.id()));
            assertEquals(List.of("coder", "mock", "half", "team/coder", "haiku"), ids);
            com.anthropic.models.models.ModelInfo haiku = anthropic.models().retrieve("haiku");
            assertEquals(200_000L, haiku.maxInputTokens().orElseThrow());
            assertEquals(64_000L, haiku.maxTokens().orElseThrow());
            com.anthropic.models.models.ModelInfo coder = anthropic.models().retrieve("coder");
            assertTrue(coder.capabilities().orElseThrow().imageInput().supported());
            assertFalse(coder.capabilities().orElseThrow().thinking().supported());
            assertThrows(com.anthropic.errors.NotFoundException.class, () -> anthropic.models().retrieve("nope"));
        } finally {
            anthropic.close();
        }
    }

    @Test
    void anthropicsPagesFollowLimitAfterIdAndBeforeId() throws Exception {
        JsonNode first = json(get("/v1/models?limit=2", gateway.apiKey(), true));
        assertEquals(List.of("coder", "mock"), ids(first));
        assertTrue(first.path("has_more").asBoolean());
        JsonNode next = json(get("/v1/models?limit=2&after_id=mock", gateway.apiKey(), true));
        assertEquals(List.of("half", "team/coder"), ids(next));
        assertTrue(next.path("has_more").asBoolean(), "haiku is after them");
        JsonNode last = json(get("/v1/models?after_id=team/coder", gateway.apiKey(), true));
        assertEquals(List.of("haiku"), ids(last));
        assertFalse(last.path("has_more").asBoolean());
        JsonNode back = json(get("/v1/models?limit=1&before_id=half", gateway.apiKey(), true));
        assertEquals(List.of("mock"), ids(back));
        assertTrue(back.path("has_more").asBoolean(), "coder is before it");
        HttpResponse<String> badLimit = get("/v1/models?limit=0", gateway.apiKey(), true);
        assertEquals(400, badLimit.statusCode());
        assertEquals("invalid_request_error", json(badLimit).path("error").path("type").asText(), badLimit.body());
        assertEquals(400, get("/v1/models?after_id=nope", gateway.apiKey(), true).statusCode());
    }

    /** The fields OpenAI's model object does not declare, as the SDK keeps them (a map it marks deprecated). */
    @SuppressWarnings("deprecation")
    private static Map<String, JsonValue> extra(Model model) {
        return model._additionalProperties();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("data").forEach(m -> ids.add(m.path("id").asText()));
        return ids;
    }
}
