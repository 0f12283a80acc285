package dev.gatehouse.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.http.JdkHttpTransport;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.http.UpstreamResponse;
import dev.gatehouse.json.Json;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.gemini.FakeGemini;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fake refuses what the real Gemini API refuses, in Gemini's error shape, and records why. */
class GeminiFakeStrictnessTest {

    private final FakeGemini fake = new FakeGemini();
    private final JdkHttpTransport transport = new JdkHttpTransport(Duration.ofSeconds(5));

    @AfterEach
    void close() {
        fake.close();
    }

    private JsonNode post(String pathAndQuery, String body, Map<String, String> headers) {
        try (UpstreamResponse response = transport.send(UpstreamRequest.postJson(
                URI.create(fake.baseUrl() + pathAndQuery), headers, body.getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(5)))) {
            JsonNode json = Json.parseUpstream(response.readAll(), "fake");
            assertEquals(response.status(), json.at("/error/code").asInt(), "the status is in the body too");
            return json;
        }
    }

    private JsonNode post(String pathAndQuery, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-goog-api-key", fake.apiKey());
        return post(pathAndQuery, body, headers);
    }

    private void assertRefused(String expectedInViolation) {
        AssertionError failure = assertThrows(AssertionError.class, fake::assertNoViolations);
        assertTrue(failure.getMessage().contains(expectedInViolation), failure.getMessage());
    }

    static final String GENERATE = "/v1beta/models/gemini-2.5-flash:generateContent";
    static final String HELLO = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "unknown top-level field | {\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}],\"messages\":[]} | Unknown name \"messages\"",
        "unknown generationConfig field | " + "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}],\"generationConfig\":{\"max_tokens\":5}} | Unknown name \"max_tokens\" at 'generation_config'",
        "OpenAI role | {\"contents\":[{\"role\":\"assistant\",\"parts\":[{\"text\":\"Hi\"}]}]} | role must be 'user' or 'model'",
        "temperature out of range | {\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}],\"generationConfig\":{\"temperature\":2.5}} | temperature 2.5 is outside",
        "empty contents | {\"contents\":[]} | contents is not specified",
        "bad base64 | {\"contents\":[{\"role\":\"user\",\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"@@@\"}}]}]} | Base64 decoding failed",
        "args as a string | {\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]},{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":\"{}\"}}]}]} | args must be a JSON object",
        "response without a call | {\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]},{\"role\":\"model\",\"parts\":[{\"text\":\"ok\"}]},{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"f\",\"response\":{}}}]}]} | does not answer a functionCall",
        "allowedFunctionNames with AUTO | {\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}],\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\"}]}],\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"AUTO\",\"allowedFunctionNames\":[\"f\"]}}} | only be set with mode ANY"})
    void refusesWhatGeminiRefuses(String what, String body, String reason) {
        JsonNode error = post(GENERATE, body);
        assertEquals(400, error.at("/error/code").asInt(), what);
        assertEquals("INVALID_ARGUMENT", error.at("/error/status").asText(), what);
        assertRefused(reason);
    }

    @Test
    void theKeyBelongsInTheHeader() {
        JsonNode inUrl = post(GENERATE + "?key=" + fake.apiKey(), HELLO + "}", Map.of());
        assertEquals(400, inUrl.at("/error/code").asInt());
        assertRefused("key= query parameter");
        assertTrue(!inUrl.toString().contains(fake.apiKey()), "the refusal does not echo the key");
    }

    @Test
    void aWrongKeyIsApiKeyInvalid() {
        JsonNode error = post(GENERATE, HELLO + "}", Map.of("x-goog-api-key", "wrong"));
        assertEquals("API_KEY_INVALID", error.at("/error/details/0/reason").asText());
        JsonNode none = post(GENERATE, HELLO + "}", Map.of());
        assertEquals("PERMISSION_DENIED", none.at("/error/status").asText());
    }

    @Test
    void streamingNeedsAltSse() {
        post("/v1beta/models/gemini-2.5-flash:streamGenerateContent", HELLO + "}");
        assertRefused("needs alt=sse");
    }

    @Test
    void aValidRequestIsServed() {
        fake.replyText("Hello", new FakeUsage(3, 1));
        try (UpstreamResponse response = transport.send(UpstreamRequest.postJson(URI.create(fake.baseUrl() + GENERATE),
                Map.of("x-goog-api-key", fake.apiKey()), (HELLO + "}").getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(5)))) {
            assertEquals(200, response.status());
            JsonNode body = Json.parseUpstream(response.readAll(), "fake");
            assertEquals("Hello", body.at("/candidates/0/content/parts/0/text").asText());
        }
        fake.assertNoViolations();
    }
}
