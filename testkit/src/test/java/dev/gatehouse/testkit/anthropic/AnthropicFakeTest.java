package dev.gatehouse.testkit.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import dev.gatehouse.testkit.ScriptableFake.FakeToolCall;
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
import org.junit.jupiter.params.provider.CsvSource;

/** The fake refuses what Anthropic refuses, with Anthropic's error body, and answers in Anthropic's format. */
class AnthropicFakeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String HELLO = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello, Claude\"}]}";
    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
    private static final String TOOLS = "\"tools\":[{\"name\":\"get_weather\",\"input_schema\":{\"type\":\"object\"}}]";

    private final FakeAnthropic fake = new FakeAnthropic();

    @AfterEach
    void close() {
        fake.close();
    }

    private HttpResponse<String> post(String path, String key, String version, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("x-api-key", key);
        }
        if (version != null) {
            request.header("anthropic-version", version);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("the fake did not answer", e);
        }
    }

    private HttpResponse<String> post(String body) {
        return post("/v1/messages", fake.apiKey(), "2023-06-01", body);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** Asserts Anthropic's error shape and that the violation names {@code expected}. */
    private void assertRefused(HttpResponse<String> response, int status, String type, String expected) {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = json(response.body());
        assertEquals("error", body.path("type").asText());
        assertEquals(type, body.at("/error/type").asText());
        assertTrue(body.at("/error/message").asText().contains(expected), body.toString());
        assertEquals(1, fake.violations().size());
        assertTrue(fake.violations().getFirst().contains(expected), fake.violations().toString());
        assertThrows(AssertionError.class, fake::assertNoViolations);
    }

    @Test
    void acceptsTheDocumentedBasicRequest() {
        fake.replyText("Hello!", new FakeUsage(12, 6));
        HttpResponse<String> response = post(HELLO);
        assertEquals(200, response.statusCode());
        JsonNode message = json(response.body());
        assertEquals("message", message.path("type").asText());
        assertEquals("Hello!", message.at("/content/0/text").asText());
        assertEquals("end_turn", message.path("stop_reason").asText());
        assertEquals(12, message.at("/usage/input_tokens").asInt());
        fake.assertNoViolations();
    }

    @Test
    void checksPathKeyAndVersion() {
        assertRefused(post("/v1/chat/completions", fake.apiKey(), "2023-06-01", HELLO), 404, "not_found_error", "/v1/chat/completions");
        try (FakeAnthropic other = new FakeAnthropic()) {
            HttpResponse<String> noKey = CLIENT.send(HttpRequest.newBuilder(URI.create(other.baseUrl() + "/v1/messages"))
                    .header("anthropic-version", "2023-06-01").header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(HELLO)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, noKey.statusCode());
            assertEquals("authentication_error", json(noKey.body()).at("/error/type").asText());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void refusesAMissingVersionHeader() {
        assertRefused(post("/v1/messages", fake.apiKey(), null, HELLO), 400, "invalid_request_error", "anthropic-version");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no max_tokens       | {\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | max_tokens",
        "no messages         | {\"model\":\"m\",\"max_tokens\":5,\"messages\":[]} | messages",
        "an OpenAI field     | {\"model\":\"m\",\"max_tokens\":5,\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | n: Extra inputs are not permitted",
        "a system role       | {\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"system\",\"content\":\"Be brief\"},{\"role\":\"user\",\"content\":\"Hi\"}]} | messages.0.role",
        "two user turns      | {\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"user\",\"content\":\"There?\"}]} | roles must alternate",
        "temperature above 1 | {\"model\":\"m\",\"max_tokens\":5,\"temperature\":1.5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | temperature",
        "an empty text block | {\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"\"}]}]} | non-whitespace",
        "an OpenAI image     | {\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\"}}]}]} | image_url",
        "a bmp image         | {\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/bmp\",\"data\":\"Qk0=\"}}]}]} | media_type",
        "bad base64          | {\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"not base64!\"}}]}]} | base64",
        "system as an object | {\"model\":\"m\",\"max_tokens\":5,\"system\":{\"text\":\"x\"},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | system",
        "an OpenAI tool      | {\"model\":\"m\",\"max_tokens\":5,\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | tools.0.function",
        "tool_choice required| {\"model\":\"m\",\"max_tokens\":5,\"tool_choice\":{\"type\":\"required\"},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | tool_choice.type",
        "a JSON object mode  | {\"model\":\"m\",\"max_tokens\":5,\"output_config\":{\"format\":{\"type\":\"json_object\"}},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]} | output_config.format",
    })
    void refusesWhatTheApiRefuses(String what, String body, String expected) {
        assertRefused(post(body), 400, "invalid_request_error", expected);
    }

    @Test
    void takesSystemTurnsInMessagesOnlyWithTheMidConversationBeta() {
        // As Claude Code sends its environment with a model name it does not know.
        String body = "{\"model\":\"m\",\"max_tokens\":5,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
                + "{\"role\":\"system\",\"content\":[{\"type\":\"text\",\"text\":\"# Environment\"}]}]}";
        assertRefused(post(body), 400, "invalid_request_error", "messages.1.role");
        fake.replyText("Hello!", new FakeUsage(12, 6));
        HttpResponse<String> withBeta = postWithBetas(body, "claude-code-20250219,mid-conversation-tool-changes-2026-07-01");
        assertEquals(200, withBeta.statusCode(), withBeta.body());
    }

    private HttpResponse<String> postWithBetas(String body, String betas) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v1/messages"))
                    .header("x-api-key", fake.apiKey()).header("anthropic-version", "2023-06-01")
                    .header("anthropic-beta", betas).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("the fake did not answer", e);
        }
    }

    @Test
    void toolResultsMustAnswerThePreviousAssistantTurn() {
        String stray = "{\"model\":\"m\",\"max_tokens\":5," + TOOLS + ",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hello\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_9\",\"content\":\"18\"}]}]}";
        assertRefused(post(stray), 400, "invalid_request_error", "toolu_9");
    }

    @Test
    void toolUsesMustBeAnsweredRightAfter() {
        String unanswered = "{\"model\":\"m\",\"max_tokens\":5," + TOOLS + ",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"Weather?\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{}}]},"
                + "{\"role\":\"user\",\"content\":\"Well?\"}]}";
        assertRefused(post(unanswered), 400, "invalid_request_error", "without `tool_result` blocks immediately after: toolu_1");
    }

    @Test
    void toolResultsComeFirst() {
        String textFirst = "{\"model\":\"m\",\"max_tokens\":5," + TOOLS + ",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"Weather?\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Here:\"},"
                + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"18\"}]}]}";
        assertRefused(post(textFirst), 400, "invalid_request_error", "must come before");
    }

    @Test
    void acceptsAFullToolRoundTripWithAnImage() {
        fake.replyText("It is 18 degrees.", new FakeUsage(40, 8));
        String body = "{\"model\":\"m\",\"max_tokens\":5,\"system\":[{\"type\":\"text\",\"text\":\"Be brief.\"}]," + TOOLS
                + ",\"tool_choice\":{\"type\":\"auto\",\"disable_parallel_tool_use\":true},\"messages\":["
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Weather where this is?\"},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"" + PNG + "\"}}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"18\"},"
                + "{\"type\":\"text\",\"text\":\"Thanks\"}]}]}";
        assertEquals(200, post(body).statusCode());
        fake.assertNoViolations();
    }

    @Test
    void streamsToolInputInSeveralFragmentsWithPings() {
        fake.streamToolCalls(List.of(new FakeToolCall("get_weather", "{\"city\":\"Paris\"}")), new FakeUsage(12, 3));
        String sse = post(HELLO).body();
        assertTrue(sse.startsWith("event: message_start\n"), sse);
        assertTrue(sse.contains("event: ping\n"));
        assertTrue(sse.split("input_json_delta", -1).length - 1 >= 3, "several input_json_delta fragments: " + sse);
        assertTrue(sse.contains("\"stop_reason\":\"tool_use\""));
        assertTrue(sse.endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
    }

    @Test
    void errorsAreAnthropicsOwn() {
        fake.replyError(ErrorKind.RATE_LIMITED);
        HttpResponse<String> limited = post(HELLO);
        assertEquals(429, limited.statusCode());
        assertEquals("7", limited.headers().firstValue("retry-after").orElseThrow());
        assertEquals("rate_limit_error", json(limited.body()).at("/error/type").asText());
        fake.replyError(ErrorKind.OVERLOADED);
        HttpResponse<String> overloaded = post(HELLO);
        assertEquals(529, overloaded.statusCode());
        assertEquals("overloaded_error", json(overloaded.body()).at("/error/type").asText());
        fake.replyError(ErrorKind.CONTEXT_LENGTH);
        assertTrue(json(post(HELLO).body()).at("/error/message").asText().startsWith("prompt is too long: "));
        fake.assertNoViolations();
    }

    @Test
    void anUnscriptedRequestIsAViolation() {
        assertEquals(500, post(HELLO).statusCode());
        assertFalse(fake.violations().isEmpty());
    }
}
