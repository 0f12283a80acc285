package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.telemetry.ObservabilitySettings;
import dev.gatehouse.server.testing.LogCapture;
import dev.gatehouse.server.testing.SecretParts;
import dev.gatehouse.server.tracing.TelemetrySettings;
import dev.gatehouse.testkit.otlp.FakeOtlpReceiver;
import dev.gatehouse.testkit.Reply;
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
 * the credential's format. Nor may the traces the gateway exports.
 */
class NoSecretsInLogsTest {

    private static final String ECHOED = "sk-proj-EchoedBackByTheUpstream0123456789";

    @Test
    void upstreamFailuresAreLoggedWithoutCredentials() throws Exception {
        try (LogCapture capture = new LogCapture(); FakeOtlpReceiver receiver = new FakeOtlpReceiver();
                RunningGateway gateway = new RunningGateway(ServerSettings.defaults(), new ObservabilitySettings(
                        TelemetrySettings.exportingTo(receiver.tracesUrl()), ObservabilitySettings.DEFAULTS.logging(),
                        ObservabilitySettings.DEFAULTS.metrics()))) {
            String echoing = "{\"error\":{\"message\":\"upstream broke while using key " + ECHOED + " and "
                    + gateway.openai.apiKey() + "\",\"type\":\"server_error\",\"param\":null,\"code\":null}}";
            gateway.openai.enqueue(Reply.Full.json(500, echoing));
            gateway.openai.enqueue(Reply.Full.json(401, echoing));
            gateway.openai.enqueue(new Reply.Drop());
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                answers.add(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/chat/completions"))
                        .header("content-type", "application/json")
                        .header("authorization", "Bearer " + gateway.apiKey)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
            }
            for (String answer : answers) {
                assertFalse(answer.contains(ECHOED) || answer.contains(gateway.openai.apiKey()),
                        "no credential in what the caller receives: " + answer);
            }
            String all = capture.text();
            assertTrue(all.contains("failed: 500"), "the failure was logged: " + all);
            assertFalse(all.contains(ECHOED), all);
            assertFalse(all.contains(gateway.openai.apiKey()), all);
            gateway.gatehouse.close(); // exports every span still queued
            String traces = receiver.allBytes();
            assertTrue(receiver.spans().size() >= 9, "the three requests were traced: " + receiver.spans());
            for (String secret : List.of(ECHOED, gateway.openai.apiKey(), gateway.apiKey)) {
                SecretParts.assertAbsent(traces, secret, "the exported traces");
            }
        }
    }
}
