package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.testing.MutableClock;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.anthropic.FakeAnthropic;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Numbers a budget or the upstream acts on must be numbers: {@code max_tokens} written as the
 * string {@code "100000"} on {@code /v1/messages} sent as written to Anthropic used to be read as
 * "no limit" by the budget (which reserved the default output) while going upstream as it was.
 * Every route refuses a wrong type with a 400 in its own error format naming the field, before
 * the upstream is called and before the budget holds anything.
 */
class NumericFieldTypesTest {

    private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    @Test
    void aWrongTypeIsA400NamingTheFieldOnEveryChatRoute() {
        try (FakeAnthropic anthropic = new FakeAnthropic(); Gatehouse gatehouse = LimitedGateways.start(
                TestStores.h2ControlPlane(), null, new MutableClock(), List.of(Deployment.builder("claude",
                        "anthropic").upstreamModel("claude-sonnet-4-5").baseUrl(anthropic.baseUrl())
                        .apiKey(Secret.of(anthropic.apiKey())).timeout(Duration.ofSeconds(5)).build()))) {
            // A budget of $1 at $1 per thousand tokens: each refused request would otherwise hold some of it.
            String key = LimitedGateways.key(gatehouse.control(), LimitedGateways.limits(null, null, null, "1"));
            Map<String, String> cases = new LinkedHashMap<>();
            cases.put("/v1/messages max_tokens", "{\"model\":\"claude\",\"max_tokens\":\"100000\"," + MESSAGES + "}");
            cases.put("/v1/messages temperature", "{\"model\":\"claude\",\"max_tokens\":5,\"temperature\":\"1\","
                    + MESSAGES + "}");
            cases.put("/v1/messages top_k", "{\"model\":\"claude\",\"max_tokens\":5,\"top_k\":\"5\"," + MESSAGES + "}");
            cases.put("/v1/messages thinking.budget_tokens", "{\"model\":\"claude\",\"max_tokens\":5000,\"thinking\":"
                    + "{\"type\":\"enabled\",\"budget_tokens\":\"2000\"}," + MESSAGES + "}");
            cases.put("/v1/messages max_tokens#float", "{\"model\":\"claude\",\"max_tokens\":1e5," + MESSAGES + "}");
            cases.put("/v1/messages max_tokens#translated", "{\"model\":\"mock\",\"max_tokens\":\"100000\","
                    + MESSAGES + "}");
            cases.put("/v1/chat/completions max_tokens", "{\"model\":\"mock\",\"max_tokens\":\"100000\"," + MESSAGES
                    + "}");
            cases.put("/v1/chat/completions max_completion_tokens", "{\"model\":\"mock\",\"max_completion_tokens\":"
                    + "[1]," + MESSAGES + "}");
            cases.put("/v1/chat/completions n", "{\"model\":\"mock\",\"n\":\"2\"," + MESSAGES + "}");
            cases.put("/v1/chat/completions frequency_penalty", "{\"model\":\"mock\",\"frequency_penalty\":\"2\","
                    + MESSAGES + "}");
            cases.put("/v1/chat/completions presence_penalty#range", "{\"model\":\"mock\",\"presence_penalty\":9,"
                    + MESSAGES + "}");
            cases.put("/v1/chat/completions top_logprobs", "{\"model\":\"mock\",\"top_logprobs\":1.5,"
                    + MESSAGES + "}");
            cases.put("/v1/chat/completions logprobs", "{\"model\":\"mock\",\"logprobs\":\"true\"," + MESSAGES + "}");
            cases.put("/v1/chat/completions logit_bias.50256", "{\"model\":\"mock\",\"logit_bias\":{\"50256\":"
                    + "\"-100\"}," + MESSAGES + "}");
            for (var entry : cases.entrySet()) {
                String path = entry.getKey().substring(0, entry.getKey().indexOf(' '));
                String field = entry.getKey().substring(entry.getKey().indexOf(' ') + 1).replaceAll("#.*", "");
                HttpResponse<String> refused = LimitedGateways.post(gatehouse, path, key, entry.getValue());
                assertEquals(400, refused.statusCode(), entry.getKey() + ": " + refused.body());
                JsonNode body = Json.parseUpstream(refused.body(), "test");
                if (path.equals("/v1/messages")) {
                    assertEquals("error", body.path("type").asText(), refused.body());
                    assertEquals("invalid_request_error", body.path("error").path("type").asText());
                } else {
                    assertEquals(field, body.path("error").path("param").asText(), refused.body());
                }
                assertTrue(body.path("error").path("message").asText().contains("'" + field + "'"),
                        entry.getKey() + ": " + refused.body());
            }
            assertEquals(0, anthropic.requestCount(), "no refused request reached the upstream");
            // Nothing was held or charged: a request that could cost $0.99 still fits the $1 budget.
            HttpResponse<String> fits = LimitedGateways.post(gatehouse, "/v1/chat/completions", key,
                    "{\"model\":\"mock\",\"max_tokens\":980," + MESSAGES + "}");
            assertEquals(200, fits.statusCode(), fits.body());
        }
    }
}
