package dev.gatehouse.testkit.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fake refuses what OpenAI's legacy Completions endpoint refuses, in OpenAI's error body, and
 * answers with the documented {@code text_completion} object and stream
 * (https://platform.openai.com/docs/api-reference/completions).
 */
class CompletionsFakeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final FakeOpenAiCompletions fake = new FakeOpenAiCompletions();

    @AfterEach
    void close() {
        fake.close();
    }

    private HttpResponse<String> post(String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
                .header("content-type", "application/json").header("authorization", "Bearer " + fake.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("the fake did not answer", e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    @Test
    void answersTheDocumentedObject() {
        fake.replyText("\n\nThis is indeed a test", new FakeUsage(5, 7));
        HttpResponse<String> response = post("/completions",
                "{\"model\":\"gpt-3.5-turbo-instruct\",\"prompt\":\"Say this is a test\",\"max_tokens\":7,\"temperature\":0}");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json(response.body());
        assertEquals("text_completion", body.path("object").asText());
        assertEquals("\n\nThis is indeed a test", body.path("choices").path(0).path("text").asText());
        assertEquals(12, body.path("usage").path("total_tokens").asInt());
        fake.assertNoViolations();
    }

    @Test
    void streamsUsageOnlyWhenAsked() {
        fake.streamText(List.of("This", " is"), new FakeUsage(5, 2));
        fake.streamText(List.of("This"), new FakeUsage(5, 1));
        String asked = post("/completions", "{\"model\":\"m\",\"prompt\":\"p\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true}}").body();
        String unasked = post("/completions", "{\"model\":\"m\",\"prompt\":\"p\",\"stream\":true}").body();
        assertTrue(asked.contains("\"usage\"") && asked.endsWith("data: [DONE]\n\n"), asked);
        assertTrue(!unasked.contains("\"usage\"") && unasked.contains("\"text\":\"This\""), unasked);
        fake.assertNoViolations();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", // a chat body
            "{\"model\":\"m\"}", // no prompt
            "{\"model\":\"m\",\"prompt\":\"p\",\"stream_options\":{\"include_usage\":true}}", // not streamed
            "{\"model\":\"m\",\"prompt\":\"p\",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}", // five stops
            "{\"model\":\"m\",\"prompt\":\"p\",\"logprobs\":6}",
            "{\"model\":\"m\",\"prompt\":\"p\",\"n\":3,\"best_of\":2}",
            "{\"model\":\"m\",\"prompt\":\"p\",\"temperature\":2.5}"})
    void refusesWhatTheApiRefuses(String body) {
        HttpResponse<String> response = post("/completions", body);
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(json(response.body()).path("error").path("message").isTextual(), response.body());
        assertEquals(1, fake.violations().size());
    }

    @Test
    void servesNoOtherPath() {
        assertEquals(404, post("/chat/completions", "{\"model\":\"m\",\"prompt\":\"p\"}").statusCode());
        assertEquals(1, fake.violations().size());
    }
}
