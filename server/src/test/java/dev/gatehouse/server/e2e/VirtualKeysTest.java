package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.auth.Issued;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.KeyService;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.auth.VirtualKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keys on the real server: every model route needs one, and a key is held to its scope. */
class VirtualKeysTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Actor ADMIN = new Actor("admin:test", "127.0.0.1");
    private static RunningGateway gateway;

    @BeforeAll
    static void start() {
        gateway = new RunningGateway();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static KeyService keys() {
        return gateway.gatehouse.control().keys();
    }

    private static String key(List<String> models, Set<Endpoint> endpoints) {
        return keys().createKey(new KeyDraft("t", null, models, endpoints, List.of(), null, Limits.NONE,
                Json.object()), ADMIN).secret();
    }

    private static HttpResponse<String> chat(String key, String model) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/chat/completions"))
                .header("content-type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}"));
        if (key != null) {
            request.header("authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode error(HttpResponse<String> response) {
        JsonNode error = Json.parseUpstream(response.body(), "test").path("error");
        assertTrue(error.isObject(), response.body());
        return error;
    }

    @Test
    void noKeyAndABadKeyAre401InOpenAisFormatAndReachNoUpstream() throws Exception {
        HttpResponse<String> none = chat(null, "mock");
        assertEquals(401, none.statusCode());
        assertEquals("invalid_api_key", error(none).path("code").asText());
        HttpResponse<String> bad = chat("gtw_vk_not-a-key", "mock");
        assertEquals(401, bad.statusCode());
        assertEquals("invalid_request_error", error(bad).path("type").asText());
        HttpResponse<String> models = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/models"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, models.statusCode(), "no route serves models without a key");
        assertTrue(gateway.nothingReachedAnUpstream());
    }

    @Test
    void aScopedKeyReachesItsModelsOnlyAndSeesOnlyThemListed() throws Exception {
        String key = key(List.of("mock", "gpt"), Set.of(Endpoint.CHAT, Endpoint.MODELS));
        assertEquals(200, chat(key, "mock").statusCode());
        HttpResponse<String> other = chat(key, "claude");
        assertEquals(403, other.statusCode());
        assertEquals("model_not_allowed", error(other).path("code").asText());
        assertEquals("model", error(other).path("param").asText());
        assertTrue(gateway.anthropic.requests().isEmpty(), "a refused request reaches no upstream");
        HttpResponse<String> listed = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/models"))
                .header("authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        List<String> ids = new ArrayList<>();
        Json.parseUpstream(listed.body(), "test").path("data").forEach(m -> ids.add(m.path("id").asText()));
        assertEquals(List.of("gpt", "mock"), ids);
    }

    @Test
    void theKeyMayComeInAnyOfTheHeadersClientsUse() throws Exception {
        String key = key(List.of("mock"), Set.of());
        for (String[] header : new String[][] {{"x-api-key", key}, {"api-key", key}, {"authorization", "bearer " + key},
                {"x-litellm-api-key", key}, {"x-litellm-api-key", "Bearer " + key}}) {
            HttpResponse<String> ok = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/chat/completions"))
                    .header("content-type", "application/json").header(header[0], header[1])
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"mock\",\"messages\":[{\"role\":"
                            + "\"user\",\"content\":\"hi\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode(), header[0] + ": " + ok.body());
        }
        // LiteLLM reads its own header before Authorization, which may then carry another service's token.
        HttpResponse<String> both = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/models"))
                .header("x-litellm-api-key", key).header("authorization", "Bearer not-a-gatehouse-key").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, both.statusCode(), both.body());
        HttpResponse<String> basic = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/models"))
                .header("authorization", "Basic " + key).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, basic.statusCode());
        assertTrue(error(basic).path("message").asText().contains("Authorization: Bearer"), basic.body());
        assertFalse(basic.body().contains(key));
    }

    @Test
    void aKeyWithoutTheChatEndpointIsRefusedThere() throws Exception {
        String key = key(List.of("*"), Set.of(Endpoint.EMBEDDINGS));
        HttpResponse<String> response = chat(key, "mock");
        assertEquals(403, response.statusCode());
        assertEquals("endpoint_not_allowed", error(response).path("code").asText());
    }

    @Test
    void aRevokedKeyStopsAtOnce() throws Exception {
        Issued<VirtualKey> issued = keys().createKey(new KeyDraft("r", null, List.of("*"), Set.of(), List.of(), null,
                Limits.NONE, Json.object()), ADMIN);
        assertEquals(200, chat(issued.secret(), "mock").statusCode());
        keys().revokeKey(issued.key().id(), ADMIN);
        assertEquals(401, chat(issued.secret(), "mock").statusCode());
    }

    @Test
    void keysCreatedAndRevokedWhileRequestsRunBehaveExactly() throws Exception {
        String steady = key(List.of("mock"), Set.of());
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<?>> load = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            load.add(pool.submit(() -> {
                while (running.get()) {
                    try {
                        int status = chat(steady, "mock").statusCode();
                        if (status != 200) {
                            wrong.add("a steady key got " + status);
                        }
                    } catch (Exception e) {
                        wrong.add(e.toString());
                    }
                }
            }));
        }
        for (int i = 0; i < 25; i++) {
            Issued<VirtualKey> issued = keys().createKey(new KeyDraft("churn-" + i, null, List.of("mock"), Set.of(),
                    List.of(), null, Limits.NONE, Json.object()), ADMIN);
            int before = chat(issued.secret(), "mock").statusCode();
            keys().revokeKey(issued.key().id(), ADMIN);
            int after = chat(issued.secret(), "mock").statusCode();
            if (before != 200 || after != 401) {
                wrong.add("key " + i + ": " + before + " before revocation, " + after + " after");
            }
        }
        running.set(false);
        for (Future<?> f : load) {
            f.get();
        }
        pool.close();
        assertTrue(wrong.isEmpty(), wrong.toString());
        assertFalse(gateway.gatehouse.metrics().scrape().contains("status=\"500\""));
    }
}
