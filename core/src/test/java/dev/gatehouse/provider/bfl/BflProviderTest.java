package dev.gatehouse.provider.bfl;

import dev.gatehouse.routing.RoutingSettings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.Gateway;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ImageFile;
import dev.gatehouse.api.ImageRequest;
import dev.gatehouse.api.ImageResponse;
import dev.gatehouse.api.wire.ImageRequestJson;
import dev.gatehouse.http.JdkHttpTransport;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.bfl.FakeBfl;
import dev.gatehouse.testkit.bfl.FakeBfl.Outcome;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FLUX on BFL's asynchronous API (docs.bfl.ai/quick_start/generating_images, get_result
 * statuses from docs.bfl.ai/api-reference/utility/get-result), against the strict fake: every
 * outcome of a task, and the URLs Gatehouse must refuse to follow.
 */
class BflProviderTest {

    private FakeBfl fake;
    private Gateway gateway;

    @BeforeEach
    void start() {
        fake = new FakeBfl();
        gateway = Gateway.builder()
                .routing(RoutingSettings.DEFAULTS.withRetries(0)) // one upstream answer per request, as scripted
                .transport(new JdkHttpTransport(Duration.ofSeconds(5)))
                .deployment(deployment("flux", "flux-pro-1.1", Duration.ofSeconds(30), Map.of()))
                .deployment(deployment("kontext", "flux-kontext-pro", Duration.ofSeconds(30), Map.of()))
                .deployment(deployment("flux-quick-deadline", "flux-pro-1.1", Duration.ofMillis(300), Map.of()))
                .deployment(deployment("flux-small", "flux-pro-1.1", Duration.ofSeconds(30),
                        Map.of("max_image_bytes", "1024")))
                .build();
    }

    private Deployment deployment(String name, String model, Duration total, Map<String, String> options) {
        Map<String, String> all = new java.util.HashMap<>(options);
        all.put("poll_interval_ms", "5");
        return Deployment.builder(name, "bfl").upstreamModel(model).baseUrl(fake.baseUrl())
                .apiKey(Secret.of(fake.apiKey())).timeout(Duration.ofMillis(Math.min(5000, total.toMillis())))
                .totalTimeout(total).options(all).build();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static ImageRequest read(String json) {
        try {
            return ImageRequestJson.readGeneration(Json.mapper().readTree(json.replace('\'', '"')));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void pollsUntilReadyThenDownloadsAtOnceWithoutTheKey() {
        fake.enqueue(Outcome.READY, 3);
        ImageResponse response = gateway.generateImages(read("{'model':'flux','prompt':'a red fox','size':'1024x768',"
                + "'output_format':'png'}"));
        fake.assertNoViolations();
        assertArrayEquals(FakeBfl.IMAGE, Base64.getDecoder().decode(response.data().getFirst().b64Json()));
        assertEquals("png", response.outputFormat());
        assertEquals(new ImageResponse.ImageUsage(1, "1024x768", null, null, null, null), response.usage());
        JsonNode submitted = fake.submissions().getFirst().json();
        assertEquals("/v1/flux-pro-1.1", fake.submissions().getFirst().pathOnly());
        assertEquals(1024, submitted.get("width").asInt());
        assertEquals(768, submitted.get("height").asInt());
        assertEquals("png", submitted.get("output_format").asText());
        long polls = fake.requests().stream().filter(r -> r.pathOnly().equals("/v1/get_result")).count();
        assertEquals(4, polls, "three Pending answers, then Ready");
        assertEquals(1, fake.downloads().size());
    }

    @Test
    void nImagesAreNTasks() {
        fake.enqueue(Outcome.READY, 0).enqueue(Outcome.READY, 1);
        ImageResponse response = gateway.generateImages(read("{'model':'flux','prompt':'p','n':2}"));
        fake.assertNoViolations();
        assertEquals(2, response.data().size());
        assertEquals(2, fake.submissions().size());
        assertEquals(2, response.usage().images());
    }

    @Test
    void failedAndModeratedTasksBecomeTheirErrors() {
        fake.enqueue(Outcome.ERROR, 1);
        assertInstanceOf(GatewayException.UpstreamServerError.class,
                assertThrows(GatewayException.class, () -> gateway.generateImages(read("{'model':'flux','prompt':'p'}"))));
        fake.enqueue(Outcome.REQUEST_MODERATED, 0);
        GatewayException moderated = assertThrows(GatewayException.class,
                () -> gateway.generateImages(read("{'model':'flux','prompt':'p'}")));
        assertInstanceOf(GatewayException.ContentFiltered.class, moderated);
        assertEquals(400, moderated.status());
        fake.enqueue(Outcome.CONTENT_MODERATED, 2);
        assertInstanceOf(GatewayException.ContentFiltered.class,
                assertThrows(GatewayException.class, () -> gateway.generateImages(read("{'model':'flux','prompt':'p'}"))));
        fake.enqueue(Outcome.TASK_NOT_FOUND, 0);
        assertTrue(assertThrows(GatewayException.class, () -> gateway.generateImages(read(
                "{'model':'flux','prompt':'p'}"))).getMessage().contains("Task not found"));
        assertTrue(fake.downloads().isEmpty());
        fake.assertNoViolations();
    }

    @Test
    void aTaskThatNeverFinishesEndsAtTheDeadline() {
        fake.enqueue(Outcome.NEVER_READY, 0);
        GatewayException e = assertThrows(GatewayException.class,
                () -> gateway.generateImages(read("{'model':'flux-quick-deadline','prompt':'p'}")));
        assertInstanceOf(GatewayException.UpstreamTimeout.class, e);
        assertEquals(504, e.status());
    }

    @Test
    void anExpiredResultUrlIsReportedNotHandedOut() {
        fake.enqueue(Outcome.EXPIRED_RESULT, 0);
        GatewayException e = assertThrows(GatewayException.class,
                () -> gateway.generateImages(read("{'model':'flux','prompt':'p'}")));
        assertInstanceOf(GatewayException.UpstreamServerError.class, e);
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        assertTrue(!e.getMessage().contains("sig="), "the signed URL is never quoted");
    }

    @Test
    void aRedirectingResultIsNotFollowed() {
        fake.enqueue(Outcome.REDIRECTED_RESULT, 0);
        GatewayException e = assertThrows(GatewayException.class,
                () -> gateway.generateImages(read("{'model':'flux','prompt':'p'}")));
        assertTrue(e.getMessage().contains("redirect"), e.getMessage());
        fake.assertNoViolations();
    }

    @Test
    void aResultLargerThanTheLimitIsRefused() {
        fake.enqueue(Outcome.OVERSIZED_RESULT, 0);
        GatewayException e = assertThrows(GatewayException.class,
                () -> gateway.generateImages(read("{'model':'flux-small','prompt':'p'}")));
        assertTrue(e.getMessage().contains("max_image_bytes"), e.getMessage());
    }

    @Test
    void aPollingUrlOnAForeignHostIsNeverFollowed() {
        fake.enqueue(Outcome.FOREIGN_POLLING_URL, 0);
        GatewayException e = assertThrows(GatewayException.class,
                () -> gateway.generateImages(read("{'model':'flux','prompt':'p'}")));
        assertTrue(e.getMessage().contains("polling URL") && e.getMessage().contains("localhost"), e.getMessage());
        assertEquals(1, fake.requests().size(), "only the submission reached BFL; the foreign URL was not called");
        fake.assertNoViolations();
    }

    @Test
    void aResultUrlOnAForeignHostIsNeverFollowed() {
        fake.enqueue(Outcome.FOREIGN_RESULT_URL, 0);
        GatewayException e = assertThrows(GatewayException.class,
                () -> gateway.generateImages(read("{'model':'flux','prompt':'p'}")));
        assertTrue(e.getMessage().contains("result URL"), e.getMessage());
        assertTrue(fake.downloads().isEmpty());
        fake.assertNoViolations();
    }

    @Test
    void sizesAndParametersBflDoesNotTakeAreRefusedByName() {
        assertEquals("size", assertThrows(GatewayException.BadRequest.class,
                () -> gateway.generateImages(read("{'model':'flux','prompt':'p','size':'1000x1000'}"))).param());
        assertEquals("n", assertThrows(GatewayException.BadRequest.class,
                () -> gateway.generateImages(read("{'model':'flux','prompt':'p','n':5}"))).param());
        assertEquals("response_format", assertThrows(GatewayException.BadRequest.class,
                () -> gateway.generateImages(read("{'model':'flux','prompt':'p','response_format':'url'}"))).param());
        assertEquals("quality", assertThrows(GatewayException.BadRequest.class,
                () -> gateway.generateImages(read("{'model':'flux','prompt':'p','quality':'hd'}"))).param());
        assertEquals("output_format", assertThrows(GatewayException.BadRequest.class,
                () -> gateway.generateImages(read("{'model':'flux','prompt':'p','output_format':'webp'}"))).param());
        assertTrue(fake.requests().isEmpty());
    }

    @Test
    void kontextTakesAnAspectRatioAndEditsUploadedImages() {
        fake.enqueue(Outcome.READY, 1);
        ImageFile photo = new ImageFile("photo.jpg", "image/jpeg", new byte[] {1, 2, 3});
        ImageResponse response = gateway.editImages(ImageRequestJson.readEdit(Map.of("model", "kontext", "prompt",
                "make the sky purple", "size", "1536x1024"), List.of(photo), null));
        fake.assertNoViolations();
        assertEquals(1, response.data().size());
        JsonNode submitted = fake.submissions().getFirst().json();
        assertEquals("/v1/flux-kontext-pro", fake.submissions().getFirst().pathOnly());
        assertEquals("AQID", submitted.get("input_image").asText());
        assertEquals("3:2", submitted.get("aspect_ratio").asText());
        assertEquals("size", assertThrows(GatewayException.BadRequest.class, () -> gateway.editImages(
                ImageRequestJson.readEdit(Map.of("model", "kontext", "prompt", "p", "size", "1792x1024"),
                        List.of(photo), null))).param(), "7:4 is not one of Kontext's ratios");
    }

    @Test
    void bflServesImagesOnly() {
        GatewayException chat = assertThrows(GatewayException.BadRequest.class, () -> gateway.chat(
                dev.gatehouse.api.ChatRequest.of("flux", List.of(dev.gatehouse.api.Message.User.of("hi")))));
        assertTrue(chat.getMessage().contains("'flux'") && chat.getMessage().contains("chat completions"));
        assertThrows(GatewayException.BadRequest.class, () -> gateway.embed(new dev.gatehouse.api.EmbeddingRequest(
                "flux", new dev.gatehouse.api.EmbeddingInput.Texts(List.of("x")), null, null, null)));
        assertTrue(fake.requests().isEmpty());
    }

    @Test
    void editsNeedKontextAndNoMask() {
        ImageFile photo = new ImageFile("photo.jpg", "image/jpeg", new byte[] {1});
        assertEquals("model", assertThrows(GatewayException.BadRequest.class, () -> gateway.editImages(
                ImageRequestJson.readEdit(Map.of("model", "flux", "prompt", "p"), List.of(photo), null))).param());
        assertEquals("mask", assertThrows(GatewayException.BadRequest.class, () -> gateway.editImages(
                ImageRequestJson.readEdit(Map.of("model", "kontext", "prompt", "p"), List.of(photo), photo))).param());
        assertTrue(fake.requests().isEmpty());
    }
}
