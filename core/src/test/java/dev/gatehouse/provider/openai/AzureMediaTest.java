package dev.gatehouse.provider.openai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.Gateway;
import dev.gatehouse.api.EmbeddingInput;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ImageFile;
import dev.gatehouse.api.ImageRequest;
import dev.gatehouse.api.ImageResponse;
import dev.gatehouse.api.wire.ImageRequestJson;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.EmbeddingProvider;
import dev.gatehouse.provider.ImageEditProvider;
import dev.gatehouse.provider.ImageProvider;
import dev.gatehouse.provider.Providers;
import dev.gatehouse.provider.RerankProvider;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.Multiparts;
import dev.gatehouse.testkit.openai.FakeOpenAiMedia;
import dev.gatehouse.testkit.openai.MediaDialect;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Embeddings and images on Azure OpenAI, at both of Azure's addresses, with the key in
 * {@code api-key}: https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference (deployment
 * addresses with api-version), https://learn.microsoft.com/en-us/rest/api/microsoft-foundry/azureopenai/embeddings
 * (the v1 API), https://learn.microsoft.com/en-us/azure/ai-foundry/openai/how-to/embeddings (2048 inputs a
 * call) and https://learn.microsoft.com/en-us/azure/ai-foundry/openai/how-to/dall-e (DALL·E 3 and GPT Image,
 * edits, the contentFilter refusal).
 */
class AzureMediaTest {

    private static final Map<String, String> VERSIONED = Map.of("api_version", "2025-04-01-preview");

    private FakeOpenAiMedia azure;
    private Gateway gateway;

    @BeforeEach
    void start() {
        azure = new FakeOpenAiMedia(MediaDialect.AZURE);
        gateway = Gateway.builder()
                .deployment(deployment("embed", "text-embedding-3-large", VERSIONED))
                .deployment(deployment("embed-v1", "text-embedding-3-large", Map.of()))
                .deployment(deployment("dalle", "dall-e-3", VERSIONED))
                .deployment(deployment("dalle-v1", "dall-e-3", Map.of()))
                .deployment(deployment("gpt-image", "gpt-image-1", VERSIONED))
                .deployment(deployment("gpt-image-v1", "gpt-image-1", Map.of()))
                .build();
    }

    private Deployment deployment(String name, String azureDeployment, Map<String, String> options) {
        return Deployment.builder(name, "azure").upstreamModel(azureDeployment).baseUrl(azure.baseUrl())
                .apiKey(Secret.of(azure.apiKey())).options(options).build();
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    private static EmbeddingRequest texts(String model, List<String> texts) {
        return new EmbeddingRequest(model, new EmbeddingInput.Texts(texts), null, null, null);
    }

    private static ImageRequest read(String json) {
        try {
            return ImageRequestJson.readGeneration(Json.mapper().readTree(json.replace('\'', '"')));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void azureOffersEmbeddingsImagesAndEditsButNotRerank() {
        var provider = Providers.create("azure");
        assertTrue(provider.offers(EmbeddingProvider.class));
        assertTrue(provider.offers(ImageProvider.class));
        assertTrue(provider.offers(ImageEditProvider.class));
        assertFalse(provider.offers(RerankProvider.class));
    }

    @Test
    void embedsAtTheDeploymentAddressWithItsApiVersionAndTheKeyInApiKey() {
        azure.replyEmbeddings(1);
        EmbeddingResponse response = gateway.embed(new EmbeddingRequest("embed",
                new EmbeddingInput.Texts(List.of("abc", "de")), 256, EmbeddingRequest.EncodingFormat.FLOAT, "u-1"));
        azure.assertNoViolations();
        assertEquals("/openai/deployments/text-embedding-3-large/embeddings?api-version=2025-04-01-preview",
                azure.lastRequest().path());
        assertEquals(azure.apiKey(), azure.lastRequest().header("api-key").orElseThrow());
        assertTrue(azure.lastRequest().header("authorization").isEmpty(), "the key is not also a bearer token");
        JsonNode sent = azure.lastRequest().json();
        assertEquals(256, sent.get("dimensions").asInt());
        assertEquals("float", sent.get("encoding_format").asText());
        assertEquals("u-1", sent.get("user").asText());
        assertEquals(2, response.data().size());
        assertEquals(256, response.data().getFirst().vector().length);
        assertEquals(5, response.usage().promptTokens());
    }

    @Test
    void embedsThroughTheV1ApiNamingTheDeploymentInTheBody() {
        azure.replyEmbeddings(1);
        gateway.embed(texts("embed-v1", List.of("hello")));
        azure.assertNoViolations();
        assertEquals("/openai/v1/embeddings", azure.lastRequest().path());
        assertEquals("text-embedding-3-large", azure.lastRequest().json().get("model").asText());
    }

    @Test
    void splitsBatchesAtAzuresDocumentedLimitOf2048() {
        azure.replyEmbeddings(2);
        List<String> many = IntStream.range(0, 2049).mapToObj(i -> "t" + i).toList();
        EmbeddingResponse response = gateway.embed(texts("embed", many));
        azure.assertNoViolations();
        assertEquals(2, azure.requestCount());
        assertEquals(2049, response.data().size());
        assertEquals(2048, response.data().get(2048).index());
    }

    @Test
    void dallE3DrawsAtTheDeploymentAddressAnsweringWithAUrl() {
        azure.replyImages();
        ImageResponse response = gateway.generateImages(read("{'model':'dalle','prompt':'a lighthouse',"
                + "'size':'1792x1024','quality':'hd','style':'natural'}"));
        azure.assertNoViolations();
        assertEquals("/openai/deployments/dall-e-3/images/generations?api-version=2025-04-01-preview",
                azure.lastRequest().path());
        JsonNode sent = azure.lastRequest().json();
        assertEquals("hd", sent.get("quality").asText());
        assertEquals("natural", sent.get("style").asText());
        assertEquals(1, response.data().size());
        assertTrue(response.data().getFirst().url().startsWith("https://"));
        assertEquals("1792x1024", response.usage().size());
        assertEquals("hd", response.usage().quality());
    }

    @Test
    void dallE3DrawsOneImagePerRequestSoNOverOneIsRefusedBeforeAnyCall() {
        GatewayException.BadRequest refused = assertThrows(GatewayException.BadRequest.class,
                () -> gateway.generateImages(read("{'model':'dalle','prompt':'p','n':2}")));
        assertEquals("n", refused.param());
        assertEquals(0, azure.requestCount());
    }

    @Test
    void gptImageDrawsThroughTheV1ApiInBase64() {
        azure.replyImages();
        ImageResponse response = gateway.generateImages(read("{'model':'gpt-image-v1','prompt':'a lighthouse','n':2,"
                + "'size':'1024x1536','quality':'low','output_format':'jpeg'}"));
        azure.assertNoViolations();
        assertEquals("/openai/v1/images/generations", azure.lastRequest().path());
        assertEquals("gpt-image-1", azure.lastRequest().json().get("model").asText());
        assertEquals(2, response.data().size());
        assertArrayEquals(FakeOpenAiMedia.IMAGE, Base64.getDecoder().decode(response.data().getFirst().b64Json()));
    }

    @Test
    void gptImageOnAzureWritesNoWebp() {
        GatewayException.BadRequest refused = assertThrows(GatewayException.BadRequest.class,
                () -> gateway.generateImages(read("{'model':'gpt-image','prompt':'p','output_format':'webp'}")));
        assertEquals("output_format", refused.param());
        assertEquals(0, azure.requestCount());
    }

    @Test
    void gptImageEditsAsAMultipartFormAtTheDeploymentAddress() {
        azure.replyImages();
        ImageFile photo = new ImageFile("cat.png", "image/png", FakeOpenAiMedia.IMAGE);
        ImageResponse response = gateway.editImages(ImageRequestJson.readEdit(Map.of("model", "gpt-image", "prompt",
                "put a hat on the cat", "size", "1024x1024", "quality", "high"), List.of(photo), null));
        azure.assertNoViolations();
        assertEquals("/openai/deployments/gpt-image-1/images/edits?api-version=2025-04-01-preview",
                azure.lastRequest().path());
        assertEquals(azure.apiKey(), azure.lastRequest().header("api-key").orElseThrow());
        List<Multiparts.Part> parts = Multiparts.parse(azure.lastRequest().header("content-type").orElseThrow(),
                azure.lastRequest().body()).orElseThrow();
        assertTrue(parts.stream().anyMatch(p -> p.name().equals("image") && "cat.png".equals(p.filename())));
        assertEquals(1, response.data().size());
    }

    @Test
    void dallEHasNoEditApiOnAzure() {
        ImageFile photo = new ImageFile("cat.png", "image/png", FakeOpenAiMedia.IMAGE);
        GatewayException.BadRequest refused = assertThrows(GatewayException.BadRequest.class,
                () -> gateway.editImages(ImageRequestJson.readEdit(Map.of("model", "dalle", "prompt", "p"),
                        List.of(photo), null)));
        assertEquals("model", refused.param());
        assertEquals(0, azure.requestCount());
    }

    @Test
    void theImagesApisContentFilterRefusalIsContentFiltered() {
        azure.replyImageContentFiltered();
        GatewayException.ContentFiltered filtered = assertThrows(GatewayException.ContentFiltered.class,
                () -> gateway.generateImages(read("{'model':'dalle-v1','prompt':'something unsafe'}")));
        assertTrue(filtered.getMessage().contains("safety system"), filtered.getMessage());
        assertEquals(400, filtered.status());
    }

    @Test
    void aWrongKeyIsAnAuthenticationError() {
        Gateway wrongKey = Gateway.builder().deployment(Deployment.builder("embed", "azure")
                .upstreamModel("text-embedding-3-large").baseUrl(azure.baseUrl()).apiKey(Secret.of("not-the-key"))
                .options(VERSIONED).build()).build();
        assertThrows(GatewayException.Authentication.class, () -> wrongKey.embed(texts("embed", List.of("a"))));
    }
}
