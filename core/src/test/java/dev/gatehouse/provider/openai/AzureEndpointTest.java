package dev.gatehouse.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.provider.Deployment;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Azure OpenAI's two address forms for every operation Gatehouse calls
 * (https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference: deployment addresses with
 * api-version; https://learn.microsoft.com/en-us/rest/api/microsoft-foundry/azureopenai/embeddings: the v1 API).
 */
class AzureEndpointTest {

    private static Deployment deployment(Map<String, String> options) {
        return Deployment.builder("m", "azure").upstreamModel("team embed")
                .baseUrl(URI.create("https://res.openai.azure.com//")).options(options).build();
    }

    @Test
    void deploymentAddressesEncodeTheDeploymentAndCarryTheApiVersion() {
        Deployment versioned = deployment(Map.of("api_version", "2024-10-21"));
        assertEquals("https://res.openai.azure.com/openai/deployments/team%20embed/embeddings?api-version=2024-10-21",
                AzureEndpoint.embeddings(versioned, "team embed").toString());
        assertEquals("https://res.openai.azure.com/openai/deployments/team%20embed/images/generations"
                + "?api-version=2024-10-21", AzureEndpoint.images(versioned, "team embed", false).toString());
        assertEquals("https://res.openai.azure.com/openai/deployments/team%20embed/images/edits?api-version=2024-10-21",
                AzureEndpoint.images(versioned, "team embed", true).toString());
        assertEquals("https://res.openai.azure.com/openai/deployments/team%20embed/chat/completions"
                + "?api-version=2024-10-21", AzureEndpoint.chatCompletions(versioned, "team embed").toString());
    }

    @Test
    void withoutAnApiVersionEveryOperationIsUnderTheV1Api() {
        Deployment v1 = deployment(Map.of());
        assertEquals("https://res.openai.azure.com/openai/v1/embeddings", AzureEndpoint.embeddings(v1, "x").toString());
        assertEquals("https://res.openai.azure.com/openai/v1/images/generations",
                AzureEndpoint.images(v1, "x", false).toString());
        assertEquals("https://res.openai.azure.com/openai/v1/images/edits", AzureEndpoint.images(v1, "x", true).toString());
    }
}
