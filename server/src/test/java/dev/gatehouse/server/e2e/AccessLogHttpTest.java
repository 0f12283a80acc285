package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.logging.LineCapture;
import dev.gatehouse.server.logging.LogFormat;
import dev.gatehouse.server.logging.LogLevel;
import dev.gatehouse.server.logging.LoggingSettings;
import dev.gatehouse.server.telemetry.ObservabilitySettings;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.server.testing.SecretParts;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The real server writes one access-log line per request, on every route, in whatever way the
 * request ends: served, streamed, refused, failed upstream, or on the admin API.
 */
class AccessLogHttpTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> chat(RunningGateway gateway, String key, String model, boolean stream)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/chat/completions"))
                .header("content-type", "application/json").header("authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode lineOf(List<JsonNode> lines, HttpResponse<String> response) {
        String id = response.headers().firstValue("x-request-id").orElseThrow();
        List<JsonNode> matching = lines.stream().filter(line -> id.equals(line.path("request_id").asText())).toList();
        assertEquals(1, matching.size(), "one line for request " + id + " in " + lines);
        return matching.get(0);
    }

    @Test
    void everyRequestWritesOneLine() throws Exception {
        try (LineCapture capture = LineCapture.accessLog(); RunningGateway gateway = new RunningGateway()) {
            gateway.openai.replyText("ok", new FakeUsage(11, 3));
            gateway.openai.enqueue(Reply.Full.json(500,
                    "{\"error\":{\"message\":\"broke\",\"type\":\"server_error\"}}"));
            HttpResponse<String> served = chat(gateway, gateway.apiKey, "gpt", false);
            HttpResponse<String> streamed = chat(gateway, gateway.apiKey, "mock", true);
            HttpResponse<String> refused = chat(gateway, "gtw_vk_not-a-key-at-all-0123456789", "gpt", false);
            HttpResponse<String> failed = chat(gateway, gateway.apiKey, "gpt", false);
            HttpResponse<String> admin = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + gateway.gatehouse.port() + "/admin/keys")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(List.of(200, 200, 401, 500, 401), List.of(served.statusCode(), streamed.statusCode(),
                    refused.statusCode(), failed.statusCode(), admin.statusCode()));
            List<JsonNode> lines = capture.awaitJson(5);

            JsonNode ok = lineOf(lines, served);
            assertEquals("gatehouse.access", ok.get("logger").asText());
            assertEquals("chat_completions", ok.get("route").asText());
            assertEquals(200, ok.get("status").intValue());
            assertTrue(ok.get("key_id").asText().startsWith("key_"), ok.toString());
            assertEquals("gpt", ok.get("model").asText());
            assertEquals(served.headers().firstValue("x-gatehouse-deployment").orElseThrow(),
                    ok.get("deployment").asText());
            assertEquals("openai", ok.get("provider").asText());
            assertEquals(1, ok.get("attempts").intValue());
            assertEquals(11, ok.get("input_tokens").intValue());
            assertEquals(3, ok.get("output_tokens").intValue());
            assertTrue(ok.get("cost_usd").doubleValue() > 0, ok.toString());
            assertFalse(ok.get("stream").booleanValue());
            assertTrue(ok.get("duration_ms").doubleValue() >= ok.get("upstream_ms").doubleValue(), ok.toString());
            assertFalse(ok.has("ttft_ms") || ok.has("error_type"), ok.toString());
            assertEquals("127.0.0.1", ok.get("client_address").asText());

            JsonNode stream = lineOf(lines, streamed);
            assertTrue(stream.get("stream").booleanValue(), stream.toString());
            assertTrue(stream.get("ttft_ms").isNumber(), stream.toString());
            assertEquals("mock", stream.get("provider").asText());

            JsonNode denied = lineOf(lines, refused);
            assertEquals(401, denied.get("status").intValue());
            assertEquals(dev.gatehouse.json.Json.mapper().readTree(refused.body()).at("/error/type").asText(),
                    denied.get("error_type").asText(), "the error type the caller got");
            assertFalse(denied.has("key_id") || denied.has("model"), denied.toString());

            JsonNode broke = lineOf(lines, failed);
            assertEquals(500, broke.get("status").intValue());
            assertTrue(broke.has("error_type"), broke.toString());
            assertEquals(ok.get("deployment"), broke.get("deployment"));
            assertEquals(1, broke.get("attempts").intValue());

            JsonNode adminLine = lineOf(lines, admin);
            assertEquals("admin", adminLine.get("route").asText());
            assertEquals(401, adminLine.get("status").intValue());
            assertFalse(adminLine.has("model") || adminLine.has("attempts"), adminLine.toString());

            SecretParts.assertAbsent(capture.text(), gateway.apiKey, "the access log");
            SecretParts.assertAbsent(capture.text(), gateway.openai.apiKey(), "the access log");
        }
    }

    @Test
    void offTheServerWritesNoAccessLine() throws Exception {
        ServerSettings defaults = ServerSettings.defaults();
        GatehouseConfig config = new GatehouseConfig(new ServerSettings("127.0.0.1", 0, defaults.maxBodyBytes(),
                defaults.maxMessages(), defaults.maxHeaderBytes(), Duration.ofSeconds(1)),
                List.of(Deployment.builder("mock", "mock").build()), Set.of());
        config = config.withObservability(new ObservabilitySettings(config.observability().telemetry(),
                new LoggingSettings(LogFormat.JSON, LogLevel.INFO, false), config.observability().metrics()));
        try (LineCapture capture = LineCapture.accessLog()) {
            try (TestStores.Started started = TestStores.start(config)) {
                HttpResponse<String> served = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + started.port() + "/v1/chat/completions")).header("content-type", "application/json")
                        .header("authorization", "Bearer " + started.apiKey()).POST(HttpRequest.BodyPublishers
                                .ofString("{\"model\":\"mock\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, served.statusCode(), served.body());
            } // stopped: a line would have been written by now
            assertEquals(List.of(), capture.lines());
        }
    }
}
