package dev.gatehouse.testkit.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Azure OpenAI media fake refuses what Azure refuses: a deployment address without a valid
 * api-version (404 "Resource not found"), the v1 address with one, a key anywhere but {@code api-key},
 * and DALL·E 3 asked for more than one image or an edit
 * (https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference,
 * https://learn.microsoft.com/en-us/azure/ai-foundry/openai/how-to/dall-e).
 */
class AzureMediaFakeTest {

    private final FakeOpenAiMedia fake = new FakeOpenAiMedia(MediaDialect.AZURE);
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        fake.close();
    }

    private HttpResponse<String> post(String path, String keyHeader, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (keyHeader != null) {
            request.header(keyHeader, keyHeader.equals("authorization") ? "Bearer " + fake.apiKey() : fake.apiKey());
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @CsvSource({
        "/openai/deployments/emb/embeddings, api-key, 404",
        "/openai/deployments/emb/embeddings?api-version=latest, api-key, 404",
        "/openai/v1/embeddings?api-version=2024-10-21, api-key, 400",
        "/openai/deployments/emb/embeddings?api-version=2024-10-21, authorization, 401",
        "/v1/embeddings, api-key, 404",
        "/openai/deployments/emb/embeddings?api-version=2024-10-21, api-key, 200",
        "/openai/v1/embeddings, api-key, 200",
    })
    void embeddingsAnswerOnlyAtAzuresAddressesWithTheKeyInApiKey(String path, String keyHeader, int status)
            throws Exception {
        fake.replyEmbeddings(1);
        HttpResponse<String> response = post(path, keyHeader, "{\"model\":\"emb\",\"input\":\"hello\"}");
        assertEquals(status, response.statusCode(), response.body());
    }

    @Test
    void dallE3DrawsOneImagePerRequest() throws Exception {
        HttpResponse<String> response = post("/openai/deployments/dall-e-3/images/generations?api-version=2024-10-21",
                "api-key", "{\"model\":\"dall-e-3\",\"prompt\":\"p\",\"n\":2}");
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("'n' must be 1"), response.body());
    }

    @Test
    void theContentFilterRefusalHasAzuresShape() throws Exception {
        fake.replyImageContentFiltered();
        HttpResponse<String> response = post("/openai/v1/images/generations", "api-key",
                "{\"model\":\"dall-e-3\",\"prompt\":\"p\"}");
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("\"code\":\"contentFilter\""), response.body());
    }
}
