package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.images.Image;
import com.openai.models.images.ImageEditParams;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import dev.gatehouse.testkit.bfl.FakeBfl;
import dev.gatehouse.testkit.openai.FakeOpenAiMedia;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Embeddings and images through the server, driven by the official OpenAI Java SDK as users
 * drive it, for every provider behind it (against their fakes).
 */
class MediaSdkTest {

    private static MediaGateway gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        gateway = new MediaGateway();
        client = OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl().toString()).apiKey(gateway.apiKey)
                .maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
    }

    private static List<Float> firsts(CreateEmbeddingResponse response) {
        return response.data().stream().map(e -> e.embedding().getFirst()).toList();
    }

    @Test
    void embeddingsOnOpenAi() {
        gateway.openai.replyEmbeddings(1);
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder().model("embed")
                .inputOfArrayOfStrings(List.of("one", "three", "twenty")).dimensions(4).build());
        gateway.openai.assertNoViolations();
        assertEquals("embed", response.model());
        assertEquals(List.of(3f, 5f, 6f), firsts(response));
        assertEquals(4, response.data().getFirst().embedding().size());
        assertEquals(14, response.usage().promptTokens());
        assertEquals(List.of(0L, 1L, 2L), response.data().stream().map(e -> e.index()).toList());
    }

    @Test
    void embeddingsAsFloatsWhenAskedSo() {
        gateway.openai.replyEmbeddings(1);
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder().model("embed")
                .input("hello").encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());
        gateway.openai.assertNoViolations();
        assertEquals(List.of(5f), firsts(response));
    }

    @Test
    void embeddingsOnGemini() {
        gateway.gemini.replyEmbeddings(1);
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("gemini-embed").inputOfArrayOfStrings(List.of("ab", "abcd")).dimensions(8).build());
        gateway.gemini.assertNoViolations();
        assertEquals(List.of(2f, 4f), firsts(response));
        assertEquals(8, response.data().getLast().embedding().size());
        assertEquals(8, gateway.gemini.lastRequest().json().at("/requests/1/outputDimensionality").asInt());
    }

    @Test
    void embeddingsOnOllama() {
        gateway.ollama.replyEmbeddings(1);
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("local-embed").input("local").build());
        gateway.ollama.assertNoViolations();
        assertEquals(List.of(5f), firsts(response));
    }

    @Test
    void embeddingsOnCohere() {
        gateway.cohere.replyEmbeddings(1);
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("cohere-embed").inputOfArrayOfStrings(List.of("abc", "a")).build());
        gateway.cohere.assertNoViolations();
        assertEquals("cohere-embed", response.model());
        assertEquals(List.of(3f, 1f), firsts(response));
        assertEquals(4, response.usage().promptTokens());
        assertEquals("search_document", gateway.cohere.lastRequest().json().get("input_type").asText());
        assertEquals("/v2/embed", gateway.cohere.lastRequest().pathOnly());
    }

    @Test
    void embeddingsOnBedrockTitan() {
        gateway.bedrock.replyEmbeddings(2);
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("titan-embed").inputOfArrayOfStrings(List.of("abcd", "ab")).dimensions(256).build());
        gateway.bedrock.assertNoViolations();
        assertEquals(List.of(4f, 2f), firsts(response));
        assertEquals(256, response.data().getLast().embedding().size());
        assertEquals(6, response.usage().promptTokens());
        assertEquals("/model/amazon.titan-embed-text-v2%3A0/invoke", gateway.bedrock.lastRequest().pathOnly());
    }

    @Test
    void embeddingsOnCohereOnBedrock() {
        gateway.bedrock.replyEmbeddings(1);
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("bedrock-cohere-embed").inputOfArrayOfStrings(List.of("a", "abc", "ab")).build());
        gateway.bedrock.assertNoViolations();
        assertEquals(List.of(1f, 3f, 2f), firsts(response));
        assertEquals(1024, response.data().getFirst().embedding().size());
        assertEquals(6, response.usage().promptTokens());
        assertEquals("search_query", gateway.bedrock.lastRequest().json().get("input_type").asText());
    }

    @Test
    void imagesOnGptImage() {
        gateway.openai.replyImages();
        ImagesResponse response = client.images().generate(ImageGenerateParams.builder().model("gpt-image")
                .prompt("a lighthouse at dusk").n(2).size(ImageGenerateParams.Size._1536X1024)
                .quality(ImageGenerateParams.Quality.HIGH).build());
        gateway.openai.assertNoViolations();
        List<Image> images = response.data().orElseThrow();
        assertEquals(2, images.size());
        assertArrayEquals(FakeOpenAiMedia.IMAGE, Base64.getDecoder().decode(images.getFirst().b64Json().orElseThrow()));
        assertEquals(2162, response.usage().orElseThrow().totalTokens());
        assertEquals("gpt-image-1", gateway.openai.lastRequest().json().get("model").asText());
    }

    @Test
    void imagesOnGrok() {
        gateway.xai.replyImages();
        ImagesResponse response = client.images().generate(ImageGenerateParams.builder().model("grok-image")
                .prompt("a cat in a tree").build());
        gateway.xai.assertNoViolations();
        Image image = response.data().orElseThrow().getFirst();
        assertTrue(image.url().orElseThrow().startsWith("https://"));
        assertEquals("A detailed rendering of: a cat in a tree", image.revisedPrompt().orElseThrow());
    }

    @Test
    void imagesOnBflFlux() {
        gateway.bfl.enqueue(FakeBfl.Outcome.READY, 2);
        ImagesResponse response = client.images().generate(ImageGenerateParams.builder().model("flux")
                .prompt("a red fox in snow").size(ImageGenerateParams.Size._1024X1024).build());
        gateway.bfl.assertNoViolations();
        assertArrayEquals(FakeBfl.IMAGE, Base64.getDecoder().decode(
                response.data().orElseThrow().getFirst().b64Json().orElseThrow()));
    }

    @Test
    void imagesOnTogetherFlux() {
        gateway.together.replyImages();
        ImagesResponse response = client.images().generate(ImageGenerateParams.builder().model("together-flux")
                .prompt("a red fox in snow").size(ImageGenerateParams.Size._1024X1024).build());
        gateway.together.assertNoViolations();
        assertArrayEquals(FakeOpenAiMedia.IMAGE, Base64.getDecoder().decode(
                response.data().orElseThrow().getFirst().b64Json().orElseThrow()));
        assertEquals(1024, gateway.together.lastRequest().json().get("width").asInt());
    }

    @Test
    void editsOnGptImage() {
        gateway.openai.replyImages();
        ImagesResponse response = client.images().edit(ImageEditParams.builder().model("gpt-image")
                .image(new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3}).prompt("add a red hat").build());
        gateway.openai.assertNoViolations();
        assertEquals(1, response.data().orElseThrow().size());
        assertTrue(gateway.openai.lastRequest().pathOnly().endsWith("/images/edits"));
    }

    @Test
    void editsOnFluxKontext() {
        gateway.bfl.enqueue(FakeBfl.Outcome.READY, 0);
        ImagesResponse response = client.images().edit(ImageEditParams.builder().model("kontext")
                .image(new byte[] {1, 2, 3}).prompt("make the sky purple").build());
        gateway.bfl.assertNoViolations();
        assertEquals(1, response.data().orElseThrow().size());
        assertEquals("AQID", gateway.bfl.submissions().getLast().json().get("input_image").asText());
    }

    @Test
    void badInputsAreRefusedNamingTheField() {
        assertEquals("prompt", param(assertThrows(BadRequestException.class, () -> client.images().generate(
                ImageGenerateParams.builder().model("gpt-image").prompt("").build()))));
        assertEquals("n", param(assertThrows(BadRequestException.class, () -> client.images().generate(
                ImageGenerateParams.builder().model("gpt-image").prompt("p").n(11).build()))));
        assertEquals("size", param(assertThrows(BadRequestException.class, () -> client.images().generate(
                ImageGenerateParams.builder().model("gpt-image").prompt("p").size(ImageGenerateParams.Size.of("512x512"))
                        .build()))));
        assertEquals("encoding_format", param(assertThrows(BadRequestException.class, () -> client.embeddings().create(
                EmbeddingCreateParams.builder().model("embed").input("x")
                        .encodingFormat(EmbeddingCreateParams.EncodingFormat.of("binary")).build()))));
        BadRequestException unsupported = assertThrows(BadRequestException.class, () -> client.embeddings().create(
                EmbeddingCreateParams.builder().model("chat-only").input("x").build()));
        assertTrue(unsupported.getMessage().contains("chat-only") && unsupported.getMessage().contains("embeddings"),
                unsupported.getMessage());
    }

    private static String param(BadRequestException e) {
        return e.param().orElse(null);
    }
}
