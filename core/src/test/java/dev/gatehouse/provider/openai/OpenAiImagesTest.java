package dev.gatehouse.provider.openai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.Gateway;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ImageFile;
import dev.gatehouse.api.ImageRequest;
import dev.gatehouse.api.ImageResponse;
import dev.gatehouse.api.wire.ImageRequestJson;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.Multiparts;
import dev.gatehouse.testkit.openai.FakeOpenAiMedia;
import dev.gatehouse.testkit.openai.MediaDialect;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Image generation and edits through OpenAI (GPT Image, platform.openai.com/docs/api-reference/images),
 * xAI (docs.x.ai/docs/guides/image-generations) and Together's FLUX
 * (docs.together.ai/reference/post-images-generations), against the strict fakes.
 */
class OpenAiImagesTest {

    private FakeOpenAiMedia openai;
    private FakeOpenAiMedia xai;
    private FakeOpenAiMedia together;
    private Gateway gateway;

    @BeforeEach
    void start() {
        openai = new FakeOpenAiMedia(MediaDialect.OPENAI);
        xai = new FakeOpenAiMedia(MediaDialect.XAI);
        together = new FakeOpenAiMedia(MediaDialect.TOGETHER);
        gateway = Gateway.builder()
                .deployment(deployment("image", "openai", "gpt-image-1", openai, false))
                .deployment(deployment("grok-image", "xai", "grok-2-image-1212", xai, false))
                .deployment(deployment("grok-image-lenient", "xai", "grok-2-image-1212", xai, true))
                .deployment(deployment("grok-imagine", "xai", "grok-imagine-image", xai, false))
                .deployment(deployment("flux", "together", "black-forest-labs/FLUX.1.1-pro", together, false))
                .deployment(deployment("kontext", "together", "black-forest-labs/FLUX.1-kontext-pro", together, false))
                .deployment(Deployment.builder("deepseek", "deepseek").apiKey(Secret.of("k")).build())
                .build();
    }

    private static Deployment deployment(String name, String provider, String upstream, FakeOpenAiMedia fake,
            boolean drop) {
        return Deployment.builder(name, provider).upstreamModel(upstream).baseUrl(fake.baseUrl())
                .apiKey(Secret.of(fake.apiKey())).dropParams(drop).build();
    }

    @AfterEach
    void stop() {
        openai.close();
        xai.close();
        together.close();
    }

    private static ImageRequest read(String json) {
        try {
            return ImageRequestJson.readGeneration(Json.mapper().readTree(json.replace('\'', '"')));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void gptImageAnswersInBase64WithTokenUsage() {
        openai.replyImages();
        ImageResponse response = gateway.generateImages(read("{'model':'image','prompt':'a lighthouse','n':2,"
                + "'size':'1536x1024','quality':'high','response_format':'b64_json'}"));
        openai.assertNoViolations();
        JsonNode sent = openai.lastRequest().json();
        assertEquals("gpt-image-1", sent.get("model").asText());
        assertFalse(sent.has("response_format"), "GPT Image refuses response_format; b64_json is what it returns");
        assertEquals(2, response.data().size());
        assertArrayEquals(FakeOpenAiMedia.IMAGE, Base64.getDecoder().decode(response.data().getFirst().b64Json()));
        assertEquals(new ImageResponse.ImageUsage(2, "1536x1024", "high", 50, 2112, 2162), response.usage());
    }

    @Test
    void gptImageRefusesUrlsAndSizesItDoesNotMake() {
        assertEquals("response_format", assertThrows(GatewayException.BadRequest.class, () ->
                gateway.generateImages(read("{'model':'image','prompt':'p','response_format':'url'}"))).param());
        GatewayException.BadRequest size = assertThrows(GatewayException.BadRequest.class, () ->
                gateway.generateImages(read("{'model':'image','prompt':'p','size':'512x512'}")));
        assertEquals("size", size.param());
        assertTrue(size.getMessage().contains("1536x1024"), size.getMessage());
        assertEquals("style", assertThrows(GatewayException.BadRequest.class, () ->
                gateway.generateImages(read("{'model':'image','prompt':'p','style':'vivid'}"))).param());
        assertTrue(openai.requests().isEmpty());
    }

    @Test
    void grokPassesUrlsAndRevisedPromptsThrough() {
        xai.replyImages();
        ImageResponse response = gateway.generateImages(read("{'model':'grok-image','prompt':'a cat','n':3}"));
        xai.assertNoViolations();
        assertEquals(3, response.data().size());
        assertTrue(response.data().getFirst().url().startsWith("https://"));
        assertEquals("A detailed rendering of: a cat", response.data().getFirst().revisedPrompt());
        assertEquals(3, response.usage().images());
    }

    @Test
    void grokRefusesSizeAndQualityUnlessDropped() {
        GatewayException.BadRequest e = assertThrows(GatewayException.BadRequest.class, () ->
                gateway.generateImages(read("{'model':'grok-image','prompt':'p','size':'1024x1024'}")));
        assertEquals("size", e.param());
        assertTrue(xai.requests().isEmpty());
        xai.replyImages();
        gateway.generateImages(read("{'model':'grok-image-lenient','prompt':'p','size':'1024x1024','quality':'hd',"
                + "'response_format':'b64_json'}"));
        xai.assertNoViolations();
        assertFalse(xai.lastRequest().json().has("size"));
        assertEquals("b64_json", xai.lastRequest().json().get("response_format").asText());
    }

    @Test
    void grokImagineSizesByAspectRatio() {
        xai.replyImages();
        gateway.generateImages(read("{'model':'grok-imagine','prompt':'p','size':'1280x720'}"));
        xai.assertNoViolations();
        assertEquals("16:9", xai.lastRequest().json().get("aspect_ratio").asText());
        assertFalse(xai.lastRequest().json().has("size"));
        assertEquals("size", assertThrows(GatewayException.BadRequest.class, () ->
                gateway.generateImages(read("{'model':'grok-imagine','prompt':'p','size':'1000x999'}"))).param());
    }

    @Test
    void togetherTakesWidthAndHeightAndBase64() {
        together.replyImages();
        ImageResponse response = gateway.generateImages(read("{'model':'flux','prompt':'p','size':'1024x768','n':2}"));
        together.assertNoViolations();
        JsonNode sent = together.lastRequest().json();
        assertEquals(1024, sent.get("width").asInt());
        assertEquals(768, sent.get("height").asInt());
        assertEquals("base64", sent.get("response_format").asText());
        assertEquals(2, response.data().size());
        assertArrayEquals(FakeOpenAiMedia.IMAGE, Base64.getDecoder().decode(response.data().get(1).b64Json()));
    }

    @Test
    void togetherKontextTakesAnAspectRatio() {
        together.replyImages();
        gateway.generateImages(read("{'model':'kontext','prompt':'p','size':'1536x1024','response_format':'url'}"));
        together.assertNoViolations();
        JsonNode sent = together.lastRequest().json();
        assertEquals("3:2", sent.get("aspect_ratio").asText());
        assertEquals("url", sent.get("response_format").asText());
        assertEquals("size", assertThrows(GatewayException.BadRequest.class, () ->
                gateway.generateImages(read("{'model':'kontext','prompt':'p','size':'1000x1024'}"))).param());
    }

    @Test
    void togetherMakesAtMostFourImages() {
        assertEquals("n", assertThrows(GatewayException.BadRequest.class, () ->
                gateway.generateImages(read("{'model':'flux','prompt':'p','n':5}"))).param());
        assertTrue(together.requests().isEmpty());
    }

    @Test
    void aProviderWithoutImagesIsRefused() {
        GatewayException.BadRequest e = assertThrows(GatewayException.BadRequest.class, () ->
                gateway.generateImages(read("{'model':'deepseek','prompt':'p'}")));
        assertTrue(e.getMessage().contains("deepseek") && e.getMessage().contains("image generation"));
        assertThrows(GatewayException.BadRequest.class, () -> gateway.editImages(new ImageRequest("grok-image", "p",
                null, null, null, null, null, null, null, null, null, null, null,
                List.of(new ImageFile("a.png", "image/png", new byte[] {1})), null)));
    }

    @Test
    void gptImageEditsSendOpenAisMultipartForm() {
        openai.replyImages();
        ImageFile first = new ImageFile("cat.png", "image/png", new byte[] {1, 2, 3});
        ImageFile second = new ImageFile("hat.png", "image/png", new byte[] {4, 5});
        ImageFile mask = new ImageFile("mask.png", "image/png", new byte[] {9});
        ImageResponse response = gateway.editImages(ImageRequestJson.readEdit(Map.of("model", "image", "prompt",
                "put the hat on the cat", "size", "1024x1024", "input_fidelity", "high"), List.of(first, second), mask));
        openai.assertNoViolations();
        assertEquals(1, response.data().size());
        var request = openai.lastRequest();
        assertTrue(request.pathOnly().endsWith("/images/edits"));
        List<Multiparts.Part> parts = Multiparts.parse(request.header("content-type").orElseThrow(), request.body())
                .orElseThrow();
        assertEquals(List.of("image[]", "image[]", "mask"), parts.stream().filter(p -> p.filename() != null)
                .map(Multiparts.Part::name).toList());
        assertArrayEquals(new byte[] {4, 5}, parts.get(1).bytes());
        Map<String, String> fields = new java.util.HashMap<>();
        parts.stream().filter(p -> p.filename() == null).forEach(p -> fields.put(p.name(), p.text()));
        assertEquals("gpt-image-1", fields.get("model"));
        assertEquals("put the hat on the cat", fields.get("prompt"));
        assertEquals("high", fields.get("input_fidelity"));
        assertNull(fields.get("response_format"));
    }
}
