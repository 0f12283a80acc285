package dev.gatehouse.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.sagemaker.FakeSageMaker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LiteLLM's {@code sagemaker/} entries: LiteLLM's own example (proxy_server_config.yaml in
 * BerriAI/litellm: {@code model: sagemaker/berri-benchmarking-Llama-2-70b-chat-hf-4} with
 * {@code input_cost_per_second} and nothing else, the credentials and region from the
 * environment) checks, and an entry with os.environ credentials serves chat through the fake
 * SageMaker, streamed and not.
 */
class LiteLlmSageMakerConfigTest {

    private static final String EXAMPLE = """
            model_list:
              - model_name: sagemaker-completion-model
                litellm_params:
                  model: sagemaker/berri-benchmarking-Llama-2-70b-chat-hf-4
                  input_cost_per_second: 0.000420
            """;

    private static Deployment only(ConfigLoader.Loaded loaded) {
        assertTrue(loaded.ok(), () -> loaded.problems().toString());
        return loaded.config().deployments().getFirst();
    }

    @Test
    void liteLlmsExampleEntryTakesItsCredentialsAndRegionFromTheEnvironment() {
        Map<String, String> env = new HashMap<>(Configs.ENV);
        env.put("AWS_REGION_NAME", "eu-west-1");
        ConfigLoader.Loaded loaded = Configs.loader(env::get).parse(EXAMPLE, "litellm.yaml");
        Deployment d = only(loaded);
        assertEquals("sagemaker", d.provider());
        assertEquals("berri-benchmarking-Llama-2-70b-chat-hf-4", d.upstreamModel());
        assertEquals(Map.of("region", "eu-west-1"), d.options());
        assertEquals(Secret.of(Configs.ENV.get("AWS_ACCESS_KEY_ID")), d.credentials().get("aws_access_key_id"));
        assertEquals(Secret.of(Configs.ENV.get("AWS_SESSION_TOKEN")), d.credentials().get("aws_session_token"));
        assertEquals(List.of("model_list[0].litellm_params.input_cost_per_second (line 5): not supported yet, ignored"),
                loaded.warnings());
    }

    @Test
    void withoutARegionAnywhereLiteLlmsDefaultRegionIsUsedAndSaid() {
        ConfigLoader.Loaded loaded = Configs.load(EXAMPLE);
        assertEquals(Map.of("region", "us-west-2"), only(loaded).options());
        Configs.assertWarning(loaded, "model_list[0].litellm_params", "LiteLLM's default region, us-west-2");
    }

    @Test
    void credentialsThatAreNowhereAreAProblemNamingTheVariable() {
        ConfigLoader.Loaded loaded = Configs.loader(Map.of("AWS_REGION", "us-east-1")::get).parse(EXAMPLE, "litellm.yaml");
        assertTrue(loaded.problems().stream().anyMatch(p -> p.message().contains("AWS_ACCESS_KEY_ID")),
                loaded.problems().toString());
    }

    @Test
    void givenCredentialsAndRegionWinOverTheEnvironment() {
        Deployment d = only(Configs.load("""
                model_list:
                  - model_name: chat
                    litellm_params:
                      model: sagemaker_chat/my-tgi-endpoint
                      aws_access_key_id: os.environ/AWS_ACCESS_KEY_ID
                      aws_secret_access_key: os.environ/AWS_SECRET_ACCESS_KEY
                      aws_region_name: ap-south-1
                """));
        assertEquals("sagemaker_chat", d.provider());
        assertEquals(Map.of("region", "ap-south-1"), d.options());
        assertEquals(2, d.credentials().size(), "no session token unless given");
    }

    @Test
    void aLiteLlmSageMakerEntryServesThroughTheGateway(@TempDir Path dir) throws Exception {
        try (FakeSageMaker upstream = new FakeSageMaker()) {
            Path file = dir.resolve("litellm_config.yaml");
            Files.writeString(file, """
                    model_list:
                      - model_name: my-endpoint
                        litellm_params:
                          model: sagemaker/my-endpoint
                          aws_access_key_id: os.environ/SM_ACCESS_KEY_ID
                          aws_secret_access_key: os.environ/SM_SECRET_ACCESS_KEY
                          aws_region_name: %s
                          api_base: %s
                          allow_private_network: true
                    server:
                      port: 0
                    """.formatted(FakeSageMaker.REGION, upstream.baseUrl()));
            ConfigLoader loader = new ConfigLoader(Map.of("SM_ACCESS_KEY_ID", FakeSageMaker.ACCESS_KEY_ID,
                    "SM_SECRET_ACCESS_KEY", upstream.apiKey())::get);
            ConfigLoader.Loaded loaded = loader.load(file);
            assertTrue(loaded.ok(), loaded.problems().toString());

            upstream.replyText("served by a SageMaker endpoint", new FakeUsage(4, 5));
            upstream.streamText(List.of("streamed ", "by SageMaker"), new FakeUsage(4, 3));
            try (TestStores.Started gatehouse = TestStores.start(loaded.config())) {
                HttpResponse<String> response = post(gatehouse, "{\"model\":\"my-endpoint\",\"messages\":"
                        + "[{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":40}");
                assertEquals(200, response.statusCode(), response.body());
                assertTrue(response.body().contains("served by a SageMaker endpoint"), response.body());
                assertTrue(response.body().contains("\"model\":\"my-endpoint\""), response.body());

                HttpResponse<String> streamed = post(gatehouse, "{\"model\":\"my-endpoint\",\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
                assertEquals(200, streamed.statusCode(), streamed.body());
                assertEquals("streamed by SageMaker", streamedText(streamed.body()), streamed.body());
                assertTrue(streamed.body().contains("data: [DONE]"), streamed.body());
            }
            upstream.assertNoViolations();
            assertEquals("/endpoints/my-endpoint/invocations", upstream.requests().get(0).pathOnly());
            assertEquals("Hi", upstream.requests().get(0).json().get("inputs").asText());
            assertEquals(40, upstream.requests().get(0).json().path("parameters").path("max_new_tokens").asInt());
            assertEquals("/endpoints/my-endpoint/invocations-response-stream", upstream.requests().get(1).pathOnly());
        }
    }

    /** The content deltas of an SSE body, joined (the gateway may join fragments that arrive together). */
    private static String streamedText(String body) {
        StringBuilder text = new StringBuilder();
        for (String line : body.split("\n")) {
            if (line.startsWith("data: {")) {
                dev.gatehouse.json.Json.parseUpstream(line.substring(6), "test").path("choices")
                        .forEach(choice -> text.append(choice.path("delta").path("content").asText("")));
            }
        }
        return text.toString();
    }

    private static HttpResponse<String> post(TestStores.Started gatehouse, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gatehouse.port() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .header("authorization", "Bearer " + gatehouse.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
