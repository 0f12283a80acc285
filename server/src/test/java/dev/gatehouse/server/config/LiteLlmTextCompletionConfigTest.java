package dev.gatehouse.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.openai.FakeOpenAiCompletions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LiteLLM's {@code text-completion-openai/} entries (LiteLLM's example proxy_server_config.yaml in
 * BerriAI/litellm has {@code model: text-completion-openai/gpt-3.5-turbo-instruct}) are served by
 * {@code openai_text_completion}: the example entry checks with OPENAI_API_KEY from the environment,
 * an api_base names a compatible server (vLLM) and never receives OPENAI_API_KEY, and an entry is
 * served through the gateway on {@code /v1/completions} and {@code /v1/chat/completions}, streamed and not.
 */
class LiteLlmTextCompletionConfigTest {

    private static Deployment only(ConfigLoader.Loaded loaded) {
        assertTrue(loaded.ok(), () -> loaded.problems().toString());
        return loaded.config().deployments().getFirst();
    }

    @Test
    void liteLlmsExampleEntryIsServedWithOpenAisKeyFromTheEnvironment() {
        Deployment d = only(Configs.load("""
                model_list:
                  - model_name: gpt-instruct
                    litellm_params:
                      model: text-completion-openai/gpt-3.5-turbo-instruct
                """));
        assertEquals("openai_text_completion", d.provider());
        assertEquals("gpt-3.5-turbo-instruct", d.upstreamModel());
        assertNull(d.baseUrl(), "OpenAI's own address");
        assertEquals(Secret.of(Configs.ENV.get("OPENAI_API_KEY")), d.apiKey());
    }

    @Test
    void anApiBaseElsewhereIsACompatibleServerThatNeverGetsOpenAisKey() {
        ConfigLoader.Loaded loaded = Configs.load("""
                model_list:
                  - model_name: local-instruct
                    litellm_params:
                      model: text-completion-openai/meta-llama/Llama-3.1-8B
                      api_base: https://vllm.example.com/v1
                """);
        assertFalse(loaded.ok(), "no key is taken from OPENAI_API_KEY for another server");
        Configs.assertProblemAt(loaded, "model_list[0].litellm_params.api_key", "required for provider");
        Deployment d = only(Configs.load("""
                model_list:
                  - model_name: local-instruct
                    litellm_params:
                      model: text-completion-openai/meta-llama/Llama-3.1-8B
                      api_base: https://vllm.example.com/v1
                      api_key: os.environ/OPENAI_API_KEY
                """));
        assertEquals(URI.create("https://vllm.example.com/v1"), d.baseUrl());
        assertEquals("meta-llama/Llama-3.1-8B", d.upstreamModel());
    }

    @Test
    void anEntryServesCompletionsAndChatThroughTheGateway(@TempDir Path dir) throws Exception {
        try (FakeOpenAiCompletions upstream = new FakeOpenAiCompletions()) {
            Path file = dir.resolve("litellm_config.yaml");
            Files.writeString(file, """
                    model_list:
                      - model_name: gpt-instruct
                        litellm_params:
                          model: text-completion-openai/gpt-3.5-turbo-instruct
                          api_base: %s
                          api_key: os.environ/INSTRUCT_KEY
                          allow_private_network: true
                    server:
                      port: 0
                    """.formatted(upstream.baseUrl()));
            ConfigLoader.Loaded loaded = new ConfigLoader(Map.of("INSTRUCT_KEY", upstream.apiKey())::get).load(file);
            assertTrue(loaded.ok(), loaded.problems().toString());

            upstream.replyText("\n\nThis is indeed a test", new FakeUsage(5, 7));
            upstream.streamText(List.of("This", " is"), new FakeUsage(5, 2));
            upstream.replyText("Paris.", new FakeUsage(20, 2));
            upstream.streamText(List.of("Par", "is."), new FakeUsage(20, 2));
            try (TestStores.Started gatehouse = TestStores.start(loaded.config())) {
                HttpResponse<String> completion = post(gatehouse, "/v1/completions",
                        "{\"model\":\"gpt-instruct\",\"prompt\":\"Say this is a test\",\"max_tokens\":7}");
                assertEquals(200, completion.statusCode(), completion.body());
                JsonNode body = Json.parseUpstream(completion.body(), "test");
                assertEquals("text_completion", body.path("object").asText(), completion.body());
                assertEquals("\n\nThis is indeed a test", body.path("choices").path(0).path("text").asText());
                assertEquals(12, body.path("usage").path("total_tokens").asInt(), completion.body());

                HttpResponse<String> streamedCompletion = post(gatehouse, "/v1/completions",
                        "{\"model\":\"gpt-instruct\",\"prompt\":\"Say this\",\"stream\":true}");
                assertEquals(200, streamedCompletion.statusCode(), streamedCompletion.body());
                assertEquals("This is", streamed(streamedCompletion.body(), "text"), streamedCompletion.body());
                assertTrue(streamedCompletion.body().contains("data: [DONE]"), streamedCompletion.body());

                HttpResponse<String> chat = post(gatehouse, "/v1/chat/completions", "{\"model\":\"gpt-instruct\","
                        + "\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                        + "{\"role\":\"user\",\"content\":\"Capital of France?\"}],\"max_tokens\":5}");
                assertEquals(200, chat.statusCode(), chat.body());
                JsonNode answer = Json.parseUpstream(chat.body(), "test");
                assertEquals("Paris.", answer.path("choices").path(0).path("message").path("content").asText());
                assertEquals("gpt-instruct", answer.path("model").asText());

                HttpResponse<String> streamedChat = post(gatehouse, "/v1/chat/completions", "{\"model\":\"gpt-instruct\","
                        + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Capital of France?\"}]}");
                assertEquals(200, streamedChat.statusCode(), streamedChat.body());
                assertEquals("Paris.", streamed(streamedChat.body(), "delta"), streamedChat.body());

                HttpResponse<String> tools = post(gatehouse, "/v1/chat/completions", "{\"model\":\"gpt-instruct\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}],\"tools\":[{\"type\":\"function\","
                        + "\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}}]}");
                assertEquals(400, tools.statusCode(), tools.body());
                assertEquals("tools", Json.parseUpstream(tools.body(), "test").path("error").path("param").asText(),
                        tools.body());
            }
            upstream.assertNoViolations();
            assertEquals(4, upstream.requests().size(), "the refused request never reached the upstream");
            JsonNode first = upstream.requests().get(0).json();
            assertEquals("/v1/completions", upstream.requests().get(0).pathOnly());
            assertEquals("Say this is a test", first.path("prompt").asText(), "the prompt passes through unchanged");
            assertEquals(7, first.path("max_tokens").asInt());
            assertEquals("gpt-3.5-turbo-instruct", first.path("model").asText());
            assertEquals("System: Be brief.\n\nUser: Capital of France?\n\nAssistant:",
                    upstream.requests().get(2).json().path("prompt").asText());
            assertTrue(upstream.requests().get(3).json().path("stream_options").path("include_usage").asBoolean(),
                    "every stream is accounted");
        }
    }

    /** The text of an SSE body's chunks: each choice's {@code text}, or its {@code delta.content}. */
    private static String streamed(String body, String field) {
        StringBuilder text = new StringBuilder();
        for (String line : body.split("\n")) {
            if (line.startsWith("data: {")) {
                Json.parseUpstream(line.substring(6), "test").path("choices").forEach(choice -> text.append(
                        field.equals("text") ? choice.path("text").asText("")
                                : choice.path("delta").path("content").asText("")));
            }
        }
        return text.toString();
    }

    private static HttpResponse<String> post(TestStores.Started gatehouse, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gatehouse.port() + path))
                .header("content-type", "application/json")
                .header("authorization", "Bearer " + gatehouse.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
