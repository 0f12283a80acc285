package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.logging.AccessLog;
import dev.gatehouse.server.logging.LineCapture;
import dev.gatehouse.server.logging.LogFormat;
import dev.gatehouse.server.logging.LogLevel;
import dev.gatehouse.server.logging.LoggingSettings;
import dev.gatehouse.server.telemetry.ObservabilitySettings;
import dev.gatehouse.server.testing.LogCapture;
import dev.gatehouse.server.testing.SecretParts;
import dev.gatehouse.server.tracing.TelemetrySettings;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.otlp.FakeOtlpReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Failing paths write log lines and answer callers; neither may carry a credential, even when
 * an upstream echoes one back in its error body (as OpenAI does for a wrong key), whatever
 * the credential's format, and whatever the log's format: the JDK's, Gatehouse's JSON and text
 * lines at their finest level (stack traces included), and the access log. Nor may the traces
 * the gateway exports.
 */
class NoSecretsInLogsTest {

    private static final String ECHOED = "sk-proj-EchoedBackByTheUpstream0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String send(HttpRequest.Builder request, String body) throws Exception {
        return HTTP.send(request.header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String chat(RunningGateway gateway, String key) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/chat/completions"))
                .header("authorization", "Bearer " + key),
                "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
    }

    @Test
    void upstreamFailuresAreLoggedWithoutCredentials() throws Exception {
        try (LogCapture capture = new LogCapture();
                LineCapture json = LineCapture.everything(new LoggingSettings(LogFormat.JSON, LogLevel.TRACE, true));
                LineCapture text = LineCapture.everything(new LoggingSettings(LogFormat.TEXT, LogLevel.TRACE, true));
                FakeOtlpReceiver receiver = new FakeOtlpReceiver()) {
            List<String> secrets;
            List<String> answers = new ArrayList<>();
            try (RunningGateway gateway = new RunningGateway(ServerSettings.defaults(), new ObservabilitySettings(
                    TelemetrySettings.exportingTo(receiver.tracesUrl()), ObservabilitySettings.DEFAULTS.logging(),
                    ObservabilitySettings.DEFAULTS.metrics()))) {
                String echoing = "{\"error\":{\"message\":\"upstream broke while using key " + ECHOED + " and "
                        + gateway.openai.apiKey() + "\",\"type\":\"server_error\",\"param\":null,\"code\":null}}";
                gateway.openai.enqueue(Reply.Full.json(500, echoing));
                gateway.openai.enqueue(Reply.Full.json(401, echoing));
                gateway.openai.enqueue(new Reply.Drop());
                gateway.anthropic.enqueue(Reply.Full.json(401, "{\"type\":\"error\",\"error\":{\"type\":"
                        + "\"authentication_error\",\"message\":\"invalid x-api-key " + gateway.anthropic.apiKey()
                        + "\"}}"));
                for (int i = 0; i < 3; i++) {
                    answers.add(chat(gateway, gateway.apiKey));
                }
                // The upstream refuses the credential on the Anthropic front door too.
                answers.add(send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/messages"))
                        .header("x-api-key", gateway.apiKey).header("anthropic-version", "2023-06-01"),
                        "{\"model\":\"claude\",\"max_tokens\":5,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"));
                // Callers' wrong keys: one cut short, one changed at its end, a provider key sent to Gatehouse.
                answers.add(chat(gateway, gateway.apiKey.substring(0, gateway.apiKey.length() - 4)));
                answers.add(chat(gateway, gateway.apiKey.substring(0, gateway.apiKey.length() - 1) + "x"));
                answers.add(chat(gateway, gateway.openai.apiKey()));
                secrets = List.of(ECHOED, gateway.openai.apiKey(), gateway.anthropic.apiKey(), gateway.apiKey);
                for (String answer : answers) {
                    for (String secret : List.of(ECHOED, gateway.openai.apiKey(), gateway.anthropic.apiKey())) {
                        assertFalse(answer.contains(secret), "no credential in what the caller receives: " + answer);
                    }
                }
            } // closed: every request's access-log line is written, every span still queued exported
            assertTrue(capture.text().contains("failed: 500"), "the failure was logged: " + capture.text());
            assertTrue(text.text().contains("failed: 500"), "the failure was logged: " + text.text());
            List<JsonNode> access = json.json().stream()
                    .filter(line -> line.path("logger").asText().equals(AccessLog.LOGGER)).toList();
            assertEquals(answers.size(), access.size(), "an access-log line per request: " + access);
            assertTrue(access.stream().allMatch(line -> line.path("status").intValue() >= 400), access.toString());
            assertTrue(receiver.spans().size() >= answers.size(), "the requests were traced: " + receiver.spans());
            String traces = receiver.allBytes();
            for (String secret : secrets) {
                SecretParts.assertAbsent(capture.text(), secret, "the JDK-formatted log");
                SecretParts.assertAbsent(json.text(), secret, "the JSON log");
                SecretParts.assertAbsent(text.text(), secret, "the text log");
                SecretParts.assertAbsent(traces, secret, "the exported traces");
            }
        }
    }
}
