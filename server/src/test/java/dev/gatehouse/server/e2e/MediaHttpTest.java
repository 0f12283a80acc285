package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testkit.Multiparts;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embeddings and images routes over raw HTTP: paths, limits, forms, and their metrics. */
class MediaHttpTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static MediaGateway gateway;

    @BeforeAll
    static void start() {
        gateway = new MediaGateway();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + gateway.gatehouse.port() + path);
    }

    private static HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url(path)).header("content-type", contentType)
                .header("authorization", "Bearer " + gateway.apiKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postJson(String path, String json) throws Exception {
        return post(path, "application/json", json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode error(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("error");
    }

    /** A multipart form with a text field and one file of {@code size} bytes. */
    private static byte[] form(String boundary, String model, String fileField, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n" + model + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nadd a hat\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                + "\"; filename=\"cat.png\"\r\nContent-Type: image/png\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[size]);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void embeddingsAndImagesAreHeldToTheKeysScope() throws Exception {
        String chatOnly = gateway.gatehouse.control().keys().createKey(new dev.gatehouse.server.auth.KeyDraft(
                "chat-only", null, List.of("*"), java.util.Set.of(dev.gatehouse.server.auth.Endpoint.CHAT), List.of(),
                null, dev.gatehouse.server.auth.Limits.NONE, dev.gatehouse.json.Json.object()),
                new dev.gatehouse.server.audit.Actor("admin:test", "127.0.0.1")).secret();
        String embedOnly = gateway.gatehouse.control().keys().createKey(new dev.gatehouse.server.auth.KeyDraft(
                "embed-only", null, List.of("embed"), java.util.Set.of(), List.of(), null,
                dev.gatehouse.server.auth.Limits.NONE, dev.gatehouse.json.Json.object()),
                new dev.gatehouse.server.audit.Actor("admin:test", "127.0.0.1")).secret();
        int before = gateway.openai.requests().size() + gateway.xai.requests().size();
        for (String[] call : new String[][] {
                {chatOnly, "/v1/embeddings", "{'model':'embed','input':'a'}", "endpoint_not_allowed"},
                {chatOnly, "/v1/images/generations", "{'model':'grok-image','prompt':'p'}", "endpoint_not_allowed"},
                {embedOnly, "/v1/images/generations", "{'model':'grok-image','prompt':'p'}", "model_not_allowed"},
                {"gtw_vk_wrong", "/v1/embeddings", "{'model':'embed','input':'a'}", "invalid_api_key"}}) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url(call[1]))
                    .header("content-type", "application/json").header("authorization", "Bearer " + call[0])
                    .POST(HttpRequest.BodyPublishers.ofString(call[2].replace('\'', '"'))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(call[3], error(response, call[3].equals("invalid_api_key") ? 401 : 403).get("code").asText());
        }
        assertEquals(before, gateway.openai.requests().size() + gateway.xai.requests().size(),
                "a refused request reaches no upstream");
    }

    @Test
    void routesAnswerWithAndWithoutV1() throws Exception {
        gateway.openai.replyEmbeddings(2);
        for (String path : List.of("/v1/embeddings", "/embeddings")) {
            HttpResponse<String> response = postJson(path, "{'model':'embed','input':['a','bb'],'encoding_format':'float'}");
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("[2.0,1.0,0.25]", JSON.readTree(response.body()).at("/data/1/embedding").toString());
        }
        gateway.xai.replyImages();
        assertEquals(200, postJson("/images/generations", "{'model':'grok-image','prompt':'p'}").statusCode());
        gateway.openai.assertNoViolations();
        String metrics = HTTP.send(HttpRequest.newBuilder(url("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("route=\"embeddings\",status=\"200\""), metrics);
        assertTrue(metrics.contains("route=\"images_generations\",status=\"200\""), metrics);
    }

    @Test
    void base64EmbeddingsAreLittleEndianFloats() throws Exception {
        gateway.openai.replyEmbeddings(1);
        HttpResponse<String> response = postJson("/v1/embeddings", "{'model':'embed','input':'abc','dimensions':1,"
                + "'encoding_format':'base64'}");
        assertEquals(200, response.statusCode(), response.body());
        // 3.0f is 00 00 40 40 little-endian.
        assertEquals("AABAQA==", JSON.readTree(response.body()).at("/data/0/embedding").asText());
        assertEquals("float", gateway.openai.lastRequest().json().get("encoding_format").asText());
    }

    @Test
    void aHugeUploadIsRefusedWith413BeforeAnyUpstreamCall() throws Exception {
        int before = gateway.openai.requests().size();
        HttpResponse<String> response = post("/v1/images/edits", "multipart/form-data; boundary=XyZ",
                form("XyZ", "gpt-image", "image", (int) MediaGateway.MAX_BODY_BYTES + 1));
        JsonNode error = error(response, 413);
        assertEquals("request_too_large", error.get("code").asText());
        assertTrue(error.get("message").asText().contains(Long.toString(MediaGateway.MAX_BODY_BYTES)));
        assertEquals(before, gateway.openai.requests().size());
    }

    @Test
    void editsTakeAMultipartForm() throws Exception {
        gateway.openai.replyImages();
        HttpResponse<String> ok = post("/v1/images/edits", "multipart/form-data; boundary=XyZ",
                form("XyZ", "gpt-image", "image", 16));
        assertEquals(200, ok.statusCode(), ok.body());
        var sent = gateway.openai.lastRequest();
        List<Multiparts.Part> parts = Multiparts.parse(sent.header("content-type").orElseThrow(), sent.body())
                .orElseThrow();
        assertTrue(parts.stream().anyMatch(p -> p.name().equals("image") && p.bytes().length == 16));
        assertEquals(415, post("/v1/images/edits", "application/json", "{}".getBytes(StandardCharsets.UTF_8))
                .statusCode());
        assertEquals("picture", error(post("/v1/images/edits", "multipart/form-data; boundary=XyZ",
                form("XyZ", "gpt-image", "picture", 4)), 400).get("param").asText());
        assertEquals(400, post("/v1/images/edits", "multipart/form-data; boundary=XyZ",
                "garbage".getBytes(StandardCharsets.UTF_8)).statusCode());
        gateway.openai.assertNoViolations();
    }

    @Test
    void aForeignPollingUrlFromBflIsRefusedNotFollowed() throws Exception {
        int before = gateway.bfl.requests().size();
        gateway.bfl.enqueue(dev.gatehouse.testkit.bfl.FakeBfl.Outcome.FOREIGN_POLLING_URL, 0);
        JsonNode error = error(postJson("/v1/images/generations", "{'model':'flux','prompt':'p'}"), 502);
        assertTrue(error.get("message").asText().contains("polling URL"), error.toString());
        assertEquals(before + 1, gateway.bfl.requests().size(), "the submission only");
        gateway.bfl.assertNoViolations();
    }

    @Test
    void badInputsNameTheirField() throws Exception {
        int bflBefore = gateway.bfl.requests().size();
        assertEquals("prompt", error(postJson("/v1/images/generations", "{'model':'flux','prompt':''}"), 400)
                .get("param").asText());
        assertEquals("n", error(postJson("/v1/images/generations", "{'model':'flux','prompt':'p','n':5}"), 400)
                .get("param").asText());
        assertEquals("size", error(postJson("/v1/images/generations", "{'model':'flux','prompt':'p','size':'100x100'}"),
                400).get("param").asText());
        assertEquals("encoding_format", error(postJson("/v1/embeddings",
                "{'model':'embed','input':'x','encoding_format':'int8'}"), 400).get("param").asText());
        assertEquals("api_base", error(postJson("/v1/embeddings",
                "{'model':'embed','input':'x','api_base':'http://evil'}"), 400).get("param").asText());
        assertEquals("model_not_found", error(postJson("/v1/embeddings", "{'model':'nope','input':'x'}"), 404)
                .get("code").asText());
        assertEquals(bflBefore, gateway.bfl.requests().size(), "no bad request reached BFL");
    }
}
