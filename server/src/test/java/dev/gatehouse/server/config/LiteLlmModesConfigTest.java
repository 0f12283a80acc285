package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblemAt;
import static dev.gatehouse.server.config.Configs.assertWarning;
import static dev.gatehouse.server.config.Configs.load;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A LiteLLM entry's model_info.mode: ignored with a warning when the provider serves it (Azure OpenAI
 * embeddings and images, https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference), a problem
 * when it does not (Azure OpenAI has no rerank endpoint), so that config check refuses what requests would.
 */
class LiteLlmModesConfigTest {

    private static String azure(String model, String mode) {
        return """
                model_list:
                  - model_name: m
                    litellm_params:
                      model: azure/%s
                      api_base: https://my-resource.openai.azure.com
                      api_key: os.environ/AZURE_API_KEY
                      api_version: "2024-10-21"
                    model_info:
                      mode: %s
                """.formatted(model, mode);
    }

    @Test
    void azureEmbeddingAndImageModesAreServed() {
        for (String[] entry : new String[][] {{"text-embedding-3-large", "embedding"}, {"dall-e-3", "image_generation"},
                {"gpt-4o", "chat"}}) {
            ConfigLoader.Loaded loaded = load(azure(entry[0], entry[1]));
            assertTrue(loaded.ok(), loaded.problems().toString());
            assertWarning(loaded, "model_list[0].model_info.mode", "ignored: LiteLLM's health checks");
        }
    }

    @Test
    void anAzureRerankDeploymentIsAProblemNamingTheProvider() {
        assertProblemAt(load(azure("cohere-rerank-v3", "rerank")), "model_list[0].model_info.mode",
                "provider azure does not serve rerank requests");
    }

    @Test
    void aChatOnlyProviderWithAnEmbeddingModeIsAProblem() {
        assertProblemAt(load("""
                model_list:
                  - model_name: e
                    litellm_params:
                      model: groq/llama-3.3-70b-versatile
                      api_key: os.environ/GROQ_API_KEY
                    model_info:
                      mode: embedding
                """), "model_list[0].model_info.mode", "provider groq does not serve embedding requests");
    }
}
