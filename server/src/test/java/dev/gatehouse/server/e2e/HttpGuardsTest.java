package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every guard of the HTTP front door, tried with the attack or bad input it guards against:
 * the answer is an OpenAI-format error with the right status, and nothing reaches an upstream.
 */
class HttpGuardsTest {

    private static final int MAX_BODY = 64 * 1024;
    private static final int MAX_MESSAGES = 5;
    private static RunningGateway gateway;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        ServerSettings defaults = ServerSettings.defaults();
        gateway = new RunningGateway(new ServerSettings("127.0.0.1", 0, MAX_BODY, MAX_MESSAGES, 8 * 1024,
                defaults.drainTimeout()));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void noLeftovers() {
        assertTrue(gateway.nothingReachedAnUpstream(), "a previous test sent something upstream");
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return send(request("/v1/chat/completions").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.gatehouse.port() + path))
                .header("authorization", "Bearer " + gateway.apiKey)
                .timeout(Duration.ofSeconds(10));
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Asserts an OpenAI-format error and returns its error object. */
    private static JsonNode error(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        JsonNode error = Json.parseUpstream(response.body(), "test").get("error");
        assertTrue(error.get("message").isTextual() && error.has("type") && error.has("param") && error.has("code"),
                response.body());
        return error;
    }

    @ParameterizedTest
    @ValueSource(strings = {"api_base", "base_url", "api_key", "api_version", "extra_headers", "custom_llm_provider",
        "aws_secret_access_key", "vertex_credentials", "mock_response"})
    void fieldsThatSteerCredentialsAreRefused(String field) throws Exception {
        JsonNode error = error(post("{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\""
                + field + "\":\"https://attacker.example\"}"), 400);
        assertEquals(field, error.get("param").asText());
        assertTrue(gateway.nothingReachedAnUpstream());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://attacker.example/v1/chat", "openai/gpt-4o", "../gpt", "gpt ", "GPT"})
    void modelNamesAreOnlyLookedUpInTheConfiguration(String model) throws Exception {
        JsonNode error = error(post("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 404);
        assertEquals("model_not_found", error.get("code").asText());
        assertTrue(gateway.nothingReachedAnUpstream());
    }

    @Test
    void bodiesOverTheLimitAreRefusedDeclaredOrChunked() throws Exception {
        String big = "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(MAX_BODY) + "\"}]}";
        assertEquals("request_too_large", error(post(big), 413).get("code").asText());
        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = send(request("/v1/chat/completions").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build());
        assertEquals("request_too_large", error(chunked, 413).get("code").asText());
        assertTrue(gateway.nothingReachedAnUpstream());
    }

    @Test
    void malformedOrMistypedBodiesAreRefusedClearly() throws Exception {
        assertTrue(error(post("{\"model\":\"gpt\",\"messages\":["), 400).get("message").asText()
                .contains("could not parse the JSON body"));
        error(post(""), 400);
        error(post("[1,2]"), 400);
        assertEquals("messages", error(post("{\"model\":\"gpt\"}"), 400).get("param").asText());
        assertEquals("messages[0].role", error(post("{\"model\":\"gpt\",\"messages\":[{\"role\":1,\"content\":\"x\"}]}"),
                400).get("param").asText());
        assertEquals("temperature", error(post("{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + "\"temperature\":\"hot\"}"), 400).get("param").asText());
        String deep = "[".repeat(200) + "]".repeat(200);
        assertTrue(error(post("{\"model\":\"gpt\",\"messages\":" + deep + "}"), 400).get("message").asText()
                .contains("JSON limit"));
        assertTrue(gateway.nothingReachedAnUpstream());
    }

    @Test
    void onlyJsonIsAccepted() throws Exception {
        HttpResponse<String> form = send(request("/v1/chat/completions").header("content-type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("model=gpt")).build());
        assertEquals("unsupported_media_type", error(form, 415).get("code").asText());
    }

    @Test
    void tooManyMessagesAreRefused() throws Exception {
        String messages = String.join(",", java.util.Collections.nCopies(MAX_MESSAGES + 1,
                "{\"role\":\"user\",\"content\":\"x\"}"));
        assertEquals("messages", error(post("{\"model\":\"gpt\",\"messages\":[" + messages + "]}"), 400)
                .get("param").asText());
    }

    @Test
    void oversizedHeadersAreRefused() throws Exception {
        HttpResponse<String> response = send(request("/v1/models").header("x-padding", "x".repeat(16 * 1024)).build());
        // The HTTP layer answers 400 for an oversized header section (431 is what the handler would say).
        JsonNode error = error(response, response.statusCode() == 431 ? 431 : 400);
        assertTrue(error.get("message").asText().contains("header section"), response.body());
        assertFalse(response.body().contains("xxxxxxxx"), "the request is not echoed");
    }

    @Test
    void unknownRoutesAndMethodsAnswerInOpenAisFormat() throws Exception {
        assertEquals("unknown_url", error(send(request("/v1/nothing").build()), 404).get("code").asText());
        assertEquals("method_not_allowed", error(send(request("/v1/chat/completions").build()), 405).get("code").asText());
    }

    @Test
    void everyResponseCarriesARequestIdAndTheOverhead() throws Exception {
        HttpResponse<String> given = send(request("/v1/models").header("x-request-id", "trace-42.a:b").build());
        assertEquals("trace-42.a:b", given.headers().firstValue("x-request-id").orElseThrow());
        HttpResponse<String> replaced = send(request("/v1/models").header("x-request-id", "not ok <script>").build());
        assertNotEquals("not ok <script>", replaced.headers().firstValue("x-request-id").orElseThrow());
        assertTrue(replaced.headers().firstValue("x-request-id").orElseThrow().matches("[0-9a-f-]{36}"));
        double overhead = Double.parseDouble(replaced.headers().firstValue("x-gatehouse-overhead-ms").orElseThrow());
        assertTrue(overhead >= 0);
        HttpResponse<String> failed = post("{}");
        assertTrue(failed.headers().firstValue("x-request-id").isPresent());
        assertTrue(failed.headers().firstValue("x-gatehouse-overhead-ms").isPresent());
    }

    @Test
    void theSameRoutesWorkWithoutTheV1Prefix() throws Exception {
        HttpResponse<String> response = send(request("/chat/completions").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"mock\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"hi\"}]}")).build());
        assertEquals(200, response.statusCode());
        assertEquals(200, send(request("/models").build()).statusCode());
    }

    @Test
    void aStreamThatFailsAtOnceKeepsItsStatus() throws Exception {
        gateway.openai.replyError(ErrorKind.RATE_LIMITED);
        HttpResponse<String> response = post("{\"model\":\"gpt\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"x\"}]}");
        error(response, 429);
        assertEquals("7", response.headers().firstValue("retry-after").orElseThrow());
        resetFakes();
    }

    @Test
    void aFailureMidStreamEndsItWithAnErrorEvent() throws Exception {
        gateway.anthropic.streamTextThenError(List.of("Hel"));
        HttpResponse<String> response = post("{\"model\":\"claude\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"x\"}]}");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"content\":\"Hel\""), response.body());
        String last = response.body().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith("data: {\"error\""), last);
        assertFalse(response.body().contains("[DONE]"));
        resetFakes();
    }

    @Test
    void aCallerThatGoesAwayEndsTheUpstreamStream() throws Exception {
        gateway.openai.streamSlowly(300, 20);
        HttpResponse<InputStream> response = HTTP.send(request("/v1/chat/completions")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt\",\"stream\":true,\"messages\":[{\"role\":"
                        + "\"user\",\"content\":\"count\"}]}")).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertTrue(body.readNBytes(200).length > 0);
        }
        for (int i = 0; i < 300 && gateway.openai.abandonedStreams() == 0; i++) {
            Thread.sleep(20);
        }
        assertEquals(1, gateway.openai.abandonedStreams(), "the gateway closed its upstream stream");
        resetFakes();
    }

    @Test
    void metricsCountRequestsAndErrors() throws Exception {
        post("{}");
        gateway.openai.replyText("ok", new FakeUsage(1, 1));
        assertEquals(200, post("{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").statusCode());
        String metrics = send(request("/metrics").build()).body();
        assertTrue(metrics.contains("gatehouse_requests_total{route=\"chat_completions\",status=\"200\"}"), metrics);
        assertTrue(metrics.contains("gatehouse_errors_total{route=\"chat_completions\",type=\"invalid_request_error\"}"));
        assertTrue(metrics.contains("gatehouse_overhead_duration_seconds_count"));
        assertTrue(metrics.contains("gatehouse_open_streams 0"));
        resetFakes();
    }

    /**
     * A client that asks for {@code Connection: close} gets its answer and then the end of the
     * connection from the server, without having to close it itself (a connection left open is
     * a socket and a thread held for nothing until the idle timeout).
     */
    @ParameterizedTest
    @ValueSource(strings = {"GET /health/liveness", "POST /v1/chat/completions", "GET /nowhere"})
    void aRequestWithConnectionCloseGetsItsAnswerAndThenTheEndOfTheConnection(String request) throws Exception {
        String body = request.startsWith("POST") ? "{}" : "";
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", gateway.gatehouse.port())) {
            socket.setSoTimeout(10_000); // a bound on a hang, not a measurement: EOF is expected at once
            socket.getOutputStream().write((request + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + gateway.apiKey + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            String answer;
            try {
                answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("the server kept the connection open after answering " + request, e);
            }
            assertTrue(answer.startsWith("HTTP/1.1 "), answer);
            assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("\r\nconnection: close\r\n"), answer);
        }
    }

    /** Tests that use a fake leave it as they found it, for the no-upstream assertions. */
    private static void resetFakes() {
        gateway.close();
        start();
    }
}
