package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblemAt;
import static dev.gatehouse.server.config.Configs.assertWarning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.provider.Deployment;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What LiteLLM reads from the environment when an entry leaves it out: the provider's key
 * variable (docs.litellm.ai/docs/set_keys; the names per provider are LiteLLM's), and Azure's
 * AZURE_API_BASE and AZURE_API_VERSION; and azure/ without a deployment.
 */
class LiteLlmEnvironmentConfigTest {

    private static ConfigLoader.Loaded load(Map<String, String> extra, String yaml) {
        Map<String, String> env = new HashMap<>(Configs.ENV);
        env.putAll(extra);
        return Configs.loader(env::get).parse(yaml, "litellm.yaml");
    }

    private static String entry(String model, String more) {
        return "model_list:\n  - model_name: m\n    litellm_params:\n      model: " + model + "\n" + more;
    }

    @Test
    void aMissingKeyIsReadFromTheProvidersVariable() {
        ConfigLoader.Loaded loaded = load(Map.of("MISTRAL_API_KEY", "mistral-test-Hd72kP"), entry("mistral/mistral-embed",
                ""));
        assertTrue(loaded.ok(), () -> loaded.problems().toString());
        assertEquals("mistral-test-Hd72kP", loaded.config().deployments().getFirst().apiKey().reveal());
        ConfigLoader.Loaded openAi = load(Map.of(), entry("openai/gpt-4o", ""));
        assertEquals("sk-test-openai-Zq81xV", openAi.config().deployments().getFirst().apiKey().reveal());
    }

    @Test
    void theFirstSetVariableWinsInLiteLlmsOrder() {
        ConfigLoader.Loaded loaded = load(Map.of("GOOGLE_API_KEY", "google-test-Lk20", "TOGETHER_AI_TOKEN", "tg-Qp31"),
                entry("gemini/gemini-2.5-pro", "") + "  - model_name: t\n    litellm_params:\n"
                        + "      model: together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo\n");
        assertTrue(loaded.ok(), () -> loaded.problems().toString());
        assertEquals("google-test-Lk20", loaded.config().deployments().getFirst().apiKey().reveal(),
                "LiteLLM reads GOOGLE_API_KEY before GEMINI_API_KEY");
        assertEquals("tg-test-Yu12qE", loaded.config().deployments().get(1).apiKey().reveal(),
                "TOGETHER_API_KEY before TOGETHER_AI_TOKEN");
    }

    @Test
    void anUnsetVariableIsAProblemNamingIt() {
        assertProblemAt(load(Map.of(), entry("mistral/mistral-embed", "")), "model_list[0].litellm_params.api_key",
                "environment variable MISTRAL_API_KEY is not set");
        assertProblemAt(load(Map.of(), entry("groq/llama-3.3-70b-versatile", "")),
                "model_list[0].litellm_params.api_key", "environment variable GROQ_API_KEY is not set");
    }

    @Test
    void openAisKeyIsNeverSentToAnotherServer() {
        ConfigLoader.Loaded loaded = load(Map.of(), entry("openai/my-model",
                "      api_base: https://llm.example.com/v1\n"));
        assertProblemAt(loaded, "model_list[0].litellm_params.api_key", "required for provider openai_compatible");
        ConfigLoader.Loaded toOpenAi = load(Map.of(), entry("openai/gpt-4o",
                "      api_base: https://api.openai.com/v1\n"));
        assertEquals("sk-test-openai-Zq81xV", toOpenAi.config().deployments().getFirst().apiKey().reveal());
    }

    @Test
    void azureTakesItsBaseAndVersionFromTheEnvironment() {
        Map<String, String> env = Map.of("AZURE_API_BASE", "https://team.openai.azure.com/", "AZURE_API_VERSION",
                "2024-10-21");
        ConfigLoader.Loaded loaded = load(env, entry("azure/gpt-4o-prod", ""));
        assertTrue(loaded.ok(), () -> loaded.problems().toString());
        Deployment azure = loaded.config().deployments().getFirst();
        assertEquals(URI.create("https://team.openai.azure.com"), azure.baseUrl());
        assertEquals("2024-10-21", azure.options().get("api_version"));
        assertEquals("azure-test-key-Vb40nM", azure.apiKey().reveal(), "AZURE_API_KEY");
        ConfigLoader.Loaded v1 = load(Map.of("AZURE_API_BASE", "https://team.openai.azure.com"),
                entry("azure/gpt-4o-prod", ""));
        assertEquals(null, v1.config().deployments().getFirst().options().get("api_version"), "Azure's v1 API");
        assertProblemAt(load(Map.of(), entry("azure/gpt-4o-prod", "")), "model_list[0].litellm_params.api_base",
                "environment variable AZURE_API_BASE is not set");
    }

    @Test
    void azureWithoutADeploymentCallsTheDeploymentNamedLikeTheModel() {
        ConfigLoader.Loaded loaded = load(Map.of(), """
                model_list:
                  - model_name: dall-e-2
                    litellm_params:
                      model: azure/
                      api_version: 2023-06-01-preview
                      api_base: https://team.openai.azure.com/
                      api_key: os.environ/AZURE_API_KEY
                """);
        assertTrue(loaded.ok(), () -> loaded.problems().toString());
        Deployment azure = loaded.config().deployments().getFirst();
        assertEquals("dall-e-2", azure.model());
        assertEquals(null, azure.options().get("api_version"), "the retired API's version is dropped");
        assertWarning(loaded, "model_list[0].litellm_params.model", "Gatehouse calls the deployment named 'dall-e-2'");
        assertProblemAt(load(Map.of(), entry("azure/", "      api_base: https://team.openai.azure.com/\n")
                .replace("model_name: m", "model_name: \"my model!\"")), "model_list[0].litellm_params.model",
                "write azure/DEPLOYMENT");
    }
}
