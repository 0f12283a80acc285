package dev.gatehouse.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A LiteLLM proxy config, as users bring it, starts the gateway and serves a request through it. */
class LiteLlmConfigServesTest {

    @Test
    void aLiteLlmConfigServesARequest(@TempDir Path dir) throws Exception {
        try (FakeOpenAi upstream = new FakeOpenAi()) {
            Path file = dir.resolve("litellm_config.yaml");
            Files.writeString(file, """
                    model_list:
                      - model_name: team-gpt
                        litellm_params:
                          model: openai/gpt-4o-mini
                          api_base: %s
                          api_key: os.environ/TEAM_OPENAI_KEY
                          allow_private_network: true
                    litellm_settings:
                      drop_params: true
                    server:
                      port: 0
                    """.formatted(upstream.baseUrl()));
            ConfigLoader loader = new ConfigLoader(Map.of("TEAM_OPENAI_KEY", upstream.apiKey())::get);
            ConfigLoader.Loaded loaded = loader.load(file);
            assertTrue(loaded.ok(), loaded.problems().toString());

            upstream.replyText("served through a LiteLLM config", new FakeUsage(4, 5));
            try (TestStores.Started gatehouse = TestStores.start(loaded.config())) {
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gatehouse.port() + "/v1/chat/completions"))
                        .header("content-type", "application/json")
                        .header("authorization", "Bearer " + gatehouse.apiKey())
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"team-gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), response.body());
                assertTrue(response.body().contains("served through a LiteLLM config"));
                assertTrue(response.body().contains("\"model\":\"team-gpt\""));
            }
            upstream.assertNoViolations();
            assertEquals("gpt-4o-mini", upstream.lastRequest().json().get("model").asText());
        }
    }

    /** litellm_settings.cache turns the response cache on: the same request twice reaches the upstream once. */
    @Test
    void aLiteLlmConfigWithCacheTrueAnswersARepeatFromTheCache(@TempDir Path dir) throws Exception {
        try (FakeOpenAi upstream = new FakeOpenAi()) {
            Path file = dir.resolve("litellm_config.yaml");
            Files.writeString(file, """
                    model_list:
                      - model_name: team-gpt
                        litellm_params:
                          model: openai/gpt-4o-mini
                          api_base: %s
                          api_key: os.environ/TEAM_OPENAI_KEY
                          allow_private_network: true
                    litellm_settings:
                      cache: true
                      cache_params:
                        type: local
                        ttl: 600
                    server:
                      port: 0
                    """.formatted(upstream.baseUrl()));
            ConfigLoader.Loaded loaded = new ConfigLoader(Map.of("TEAM_OPENAI_KEY", upstream.apiKey())::get).load(file);
            assertTrue(loaded.ok(), loaded.problems().toString());
            assertEquals(java.util.List.of(), loaded.warnings());

            upstream.replyText("kept by the cache", new FakeUsage(4, 5));
            try (TestStores.Started gatehouse = TestStores.start(loaded.config())) {
                HttpResponse<String> first = chat(gatehouse);
                HttpResponse<String> second = chat(gatehouse);
                assertEquals(200, first.statusCode(), first.body());
                assertEquals("miss", first.headers().firstValue("x-gatehouse-cache").orElse(null));
                assertEquals(200, second.statusCode(), second.body());
                assertEquals("hit", second.headers().firstValue("x-gatehouse-cache").orElse(null));
                assertTrue(second.body().contains("kept by the cache"), second.body());
            }
            assertEquals(1, upstream.requestCount(), "the repeat was answered without the upstream");
        }
    }

    private static HttpResponse<String> chat(TestStores.Started gatehouse) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gatehouse.port() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .header("authorization", "Bearer " + gatehouse.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"team-gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
