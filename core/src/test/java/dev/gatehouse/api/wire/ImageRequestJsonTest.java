package dev.gatehouse.api.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ImageFile;
import dev.gatehouse.api.ImageRequest;
import dev.gatehouse.api.ImageResponse;
import dev.gatehouse.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OpenAI's image requests (platform.openai.com/docs/api-reference/images/create and /createEdit). */
class ImageRequestJsonTest {

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readsAGeneration() {
        ImageRequest request = ImageRequestJson.readGeneration(json("{'model':'gpt-image-1','prompt':'a cat','n':2,"
                + "'size':'1536x1024','quality':'high','output_format':'webp','output_compression':80,"
                + "'background':'transparent','moderation':'low','user':'u'}"));
        assertEquals(2, request.count());
        assertEquals("1536x1024", request.size());
        assertEquals("webp", request.outputFormat());
        assertEquals(80, request.outputCompression());
        assertEquals(false, request.isEdit());
        JsonNode written = ImageRequestJson.writeGeneration(request);
        assertEquals("transparent", written.get("background").asText());
        assertEquals(2, written.get("n").asInt());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'model':'m'}                                       | prompt",
        "{'model':'m','prompt':''}                           | prompt",
        "{'model':'m','prompt':'   '}                        | prompt",
        "{'model':'m','prompt':'x','n':11}                   | n",
        "{'model':'m','prompt':'x','n':0}                    | n",
        "{'model':'m','prompt':'x','size':'big'}             | size",
        "{'model':'m','prompt':'x','size':'1024*1024'}       | size",
        "{'model':'m','prompt':'x','quality':'ultra'}        | quality",
        "{'model':'m','prompt':'x','response_format':'png'}  | response_format",
        "{'model':'m','prompt':'x','output_format':'gif'}    | output_format",
        "{'model':'m','prompt':'x','output_compression':101} | output_compression",
        "{'model':'m','prompt':'x','background':'pink'}      | background",
        "{'model':'m','prompt':'x','seed':3}                 | seed",
        "{'prompt':'x'}                                      | model",
    })
    void refusesBadGenerationsNamingTheField(String body, String field) {
        GatewayException.BadRequest e = assertThrows(GatewayException.BadRequest.class,
                () -> ImageRequestJson.readGeneration(json(body)));
        assertEquals(field, e.param());
    }

    @Test
    void refusesAVeryLongPrompt() {
        String prompt = "x".repeat(ImageRequestJson.MAX_PROMPT_CHARS + 1);
        GatewayException.BadRequest e = assertThrows(GatewayException.BadRequest.class,
                () -> ImageRequestJson.readGeneration(Json.object().put("model", "m").put("prompt", prompt)));
        assertEquals("prompt", e.param());
    }

    @Test
    void readsAnEditFromFormFields() {
        ImageFile image = new ImageFile("cat.png", "image/png", new byte[] {1, 2});
        ImageRequest request = ImageRequestJson.readEdit(Map.of("model", "gpt-image-1", "prompt", "add a hat",
                "n", "2", "input_fidelity", "high"), List.of(image), null);
        assertEquals(2, request.count());
        assertTrue(request.isEdit());
        assertEquals("high", request.inputFidelity());
        assertEquals("n", assertThrows(GatewayException.BadRequest.class, () -> ImageRequestJson.readEdit(
                Map.of("model", "m", "prompt", "p", "n", "many"), List.of(image), null)).param());
        assertEquals("image", assertThrows(GatewayException.BadRequest.class, () -> ImageRequestJson.readEdit(
                Map.of("model", "m", "prompt", "p"), List.of(), null)).param());
        assertEquals("moderation", assertThrows(GatewayException.BadRequest.class, () -> ImageRequestJson.readEdit(
                Map.of("model", "m", "prompt", "p", "moderation", "low"), List.of(image), null)).param());
    }

    @Test
    void writesOnlyWhatIsKnownAndTokensWhereCounted() {
        ImageResponse withTokens = new ImageResponse(1, List.of(new ImageResponse.Image("AAA", null, null)), "opaque",
                "png", "high", "1024x1024", new ImageResponse.ImageUsage(1, "1024x1024", "high", 50, 4160, 4210));
        JsonNode body = ImageResponseJson.write(withTokens);
        assertEquals("AAA", body.at("/data/0/b64_json").asText());
        assertEquals(4210, body.at("/usage/total_tokens").asInt());
        assertTrue(body.at("/data/0/url").isMissingNode());
        ImageResponse counted = new ImageResponse(1, List.of(new ImageResponse.Image(null, "https://x/y.jpg", "r")),
                null, null, null, null, new ImageResponse.ImageUsage(1, null, null, null, null, null));
        JsonNode plain = ImageResponseJson.write(counted);
        assertTrue(plain.get("usage") == null, "no token usage invented");
        assertEquals("r", plain.at("/data/0/revised_prompt").asText());
    }

    @Test
    void readsUpstreamImagesStrippingDataUrls() {
        ImageResponse read = ImageResponseJson.read(json("{'created':5,'data':[{'b64_json':'data:image/jpeg;base64,QUJD'}]}"),
                "xAI", "1024x1024", null);
        assertEquals("QUJD", read.data().getFirst().b64Json());
        assertEquals(1, read.usage().images());
        assertEquals("1024x1024", read.usage().size());
        assertThrows(GatewayException.UpstreamServerError.class,
                () -> ImageResponseJson.read(json("{'data':[{}]}"), "x", null, null));
    }
}
