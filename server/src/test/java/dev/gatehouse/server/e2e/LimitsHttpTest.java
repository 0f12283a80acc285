package dev.gatehouse.server.e2e;

import static dev.gatehouse.server.e2e.LimitedGateways.chat;
import static dev.gatehouse.server.e2e.LimitedGateways.header;
import static dev.gatehouse.server.e2e.LimitedGateways.key;
import static dev.gatehouse.server.e2e.LimitedGateways.limits;
import static dev.gatehouse.server.e2e.LimitedGateways.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.testing.MutableClock;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Limits as callers see them on one instance without Redis: the OpenAI-style rate-limit
 * headers on every answer of a limited key, on OpenAI's and Anthropic's routes, streamed or
 * not; the 429s in each route's error format; and an exact count under concurrent load.
 * The clock is a {@link MutableClock}, so no minute ends during a test.
 */
class LimitsHttpTest {

    /** One model request on some route. */
    interface Call {
        HttpResponse<String> send(Gatehouse gatehouse, String key, boolean stream);
    }

    private static Gatehouse start() {
        return LimitedGateways.start(TestStores.h2ControlPlane(), null, new MutableClock(), List.of());
    }

    private static void assertRateHeaders(HttpResponse<String> response, String remaining) {
        assertEquals("2", header(response, "x-ratelimit-limit-requests"), response.headers().toString());
        assertEquals(remaining, header(response, "x-ratelimit-remaining-requests"));
        assertEquals("60s", header(response, "x-ratelimit-reset-requests"));
        assertEquals("100000", header(response, "x-ratelimit-limit-tokens"));
        assertTrue(Long.parseLong(header(response, "x-ratelimit-remaining-tokens")) < 100000);
        assertEquals("60s", header(response, "x-ratelimit-reset-tokens"));
    }

    private static void headersOnEveryAnswer(Call call, boolean anthropic) {
        try (Gatehouse gatehouse = start()) {
            String key = key(gatehouse.control(), limits(2, 100_000L, null, null));
            HttpResponse<String> plain = call.send(gatehouse, key, false);
            assertEquals(200, plain.statusCode(), plain.body());
            assertRateHeaders(plain, "1");
            HttpResponse<String> streamed = call.send(gatehouse, key, true);
            assertEquals(200, streamed.statusCode(), streamed.body());
            assertTrue(header(streamed, "content-type").startsWith("text/event-stream"));
            assertRateHeaders(streamed, "0");
            HttpResponse<String> refused = call.send(gatehouse, key, false);
            assertEquals(429, refused.statusCode(), refused.body());
            assertEquals("60", header(refused, "retry-after"));
            assertRateHeaders(refused, "0");
            JsonNode body = Json.parseUpstream(refused.body(), "test");
            if (anthropic) {
                assertEquals("error", body.path("type").asText());
                assertEquals("rate_limit_error", body.path("error").path("type").asText());
            } else {
                assertEquals("rate_limit_exceeded", body.path("error").path("code").asText());
            }
            assertTrue(body.path("error").path("message").asText().contains("2 requests per minute"), refused.body());
            // A key without limits gets no rate-limit headers.
            HttpResponse<String> free = call.send(gatehouse, key(gatehouse.control(), Limits.NONE), false);
            assertEquals(200, free.statusCode());
            assertNull(header(free, "x-ratelimit-limit-requests"));
        }
    }

    @Test
    void theOpenAiRouteCarriesTheHeadersOnAnswersStreamsAnd429s() {
        headersOnEveryAnswer(LimitedGateways::chat, false);
    }

    @Test
    void theAnthropicRouteCarriesTheHeadersOnAnswersStreamsAnd429s() {
        headersOnEveryAnswer(LimitedGateways::messages, true);
    }

    /** A spent budget: 429, not to be retried, naming the budget; in each route's own format. */
    @Test
    void aSpentBudgetIsA429ThatSaysNotToRetry() {
        try (Gatehouse gatehouse = start()) {
            // $1 per thousand tokens; "hi" with max_tokens 10 reserves about 15 tokens, $0.015.
            String key = key(gatehouse.control(), limits(null, null, null, "0.03"));
            int served = 0;
            HttpResponse<String> answer = chat(gatehouse, key, false);
            while (answer.statusCode() == 200 && served < 5) {
                served++;
                answer = served % 2 == 0 ? chat(gatehouse, key, true) : messages(gatehouse, key, false);
            }
            assertTrue(served >= 1 && served < 5, "served " + served + " before the budget stopped the key");
            assertEquals(429, answer.statusCode(), answer.body());
            assertEquals("false", header(answer, "x-should-retry"));
            assertNull(header(answer, "retry-after"));
            assertTrue(answer.body().contains("The key's budget of $0.03 is"), answer.body());
            HttpResponse<String> openAi = chat(gatehouse, key, false);
            assertEquals(429, openAi.statusCode());
            assertEquals("insufficient_quota", Json.parseUpstream(openAi.body(), "test").path("error").path("code")
                    .asText(), openAi.body());
            HttpResponse<String> anthropic = messages(gatehouse, key, true);
            assertEquals(429, anthropic.statusCode());
            assertEquals("rate_limit_error", Json.parseUpstream(anthropic.body(), "test").path("error").path("type")
                    .asText(), anthropic.body());
            assertEquals("false", header(anthropic, "x-should-retry"));
        }
    }

    /** No model route bypasses the limiter: a key allowed no request a minute is refused on each, before its upstream. */
    @Test
    void everyModelRouteIsAdmittedThroughTheLimiter() throws Exception {
        try (Gatehouse gatehouse = LimitedGateways.start(TestStores.h2ControlPlane(), null, new MutableClock(),
                List.of(Deployment.builder("claude", "anthropic").upstreamModel("claude-sonnet-4-5")
                        .baseUrl("http://127.0.0.1:9").apiKey(Secret.of("sk-ant-test")).build()))) {
            String key = key(gatehouse.control(), limits(0, null, null, null));
            String chatBody = "{\"model\":\"mock\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            java.util.Map<String, String> routes = new java.util.LinkedHashMap<>();
            routes.put("/v1/chat/completions", chatBody);
            routes.put("/chat/completions", chatBody);
            routes.put("/v1/embeddings", "{\"model\":\"mock\",\"input\":\"hi\"}");
            routes.put("/v1/images/generations", "{\"model\":\"mock\",\"prompt\":\"a cat\"}");
            routes.put("/v1/rerank", "{\"model\":\"mock\",\"query\":\"q\",\"documents\":[\"a\"]}");
            routes.put("/v1/messages", "{\"model\":\"mock\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"hi\"}]}");
            routes.put("/v1/messages#native", "{\"model\":\"claude\",\"max_tokens\":5,\"messages\":[{\"role\":"
                    + "\"user\",\"content\":\"hi\"}]}");
            for (var route : routes.entrySet()) {
                HttpResponse<String> answer = LimitedGateways.post(gatehouse, route.getKey().replace("#native", ""),
                        key, route.getValue());
                assertEquals(429, answer.statusCode(), route.getKey() + ": " + answer.body());
                assertTrue(answer.body().contains("0 requests per minute"), route.getKey() + ": " + answer.body());
            }
            String boundary = "gatehouse-boundary";
            String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nmock\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nhat\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\n\u0089PNG\r\n--" + boundary + "--\r\n";
            HttpResponse<String> edit = LimitedGateways.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + gatehouse.port() + "/v1/images/edits")).header("authorization", "Bearer " + key)
                    .header("content-type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(429, edit.statusCode(), edit.body());
            assertTrue(edit.body().contains("0 requests per minute"), edit.body());
        }
    }

    /** count_tokens calls no model, but it is a request: it counts against the key's requests per minute. */
    @Test
    void countTokensCountsAgainstTheRequestsPerMinute() {
        try (Gatehouse gatehouse = start()) {
            String key = key(gatehouse.control(), limits(2, null, null, "0.000001"));
            String count = "{\"model\":\"mock\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            for (String remaining : List.of("1", "0")) {
                HttpResponse<String> counted = LimitedGateways.post(gatehouse, "/v1/messages/count_tokens", key, count);
                assertEquals(200, counted.statusCode(), counted.body() + " (neither a tiny budget nor tokens stop it)");
                assertEquals(remaining, header(counted, "x-ratelimit-remaining-requests"));
            }
            HttpResponse<String> refused = LimitedGateways.post(gatehouse, "/v1/messages/count_tokens", key, count);
            assertEquals(429, refused.statusCode(), refused.body());
            assertEquals("60", header(refused, "retry-after"));
            JsonNode body = Json.parseUpstream(refused.body(), "test");
            assertEquals("rate_limit_error", body.path("error").path("type").asText(), refused.body());
            assertTrue(body.path("error").path("message").asText().contains("2 requests per minute"), refused.body());
            assertTrue(gatehouse.metrics().scrape().contains("gatehouse_limit_refusals_total{reason=\"rpm\"} 1"));
        }
    }

    /**
     * A request without max_tokens is reserved its model's real maximum output, from the bundled
     * price table: Claude Sonnet 4.6 can write 128,000 tokens ($1.92 at $15 per million), not the
     * 4,096 ($0.06) that used to be reserved for every model the table had no maximum for.
     */
    @Test
    void aRequestWithoutMaxTokensReservesTheModelsRealMaximumOutput() {
        Deployment sonnet = Deployment.builder("sonnet", "anthropic").upstreamModel("claude-sonnet-4-6")
                .baseUrl(URI.create("http://127.0.0.1:9")).apiKey(Secret.of("sk-ant-test")).build();
        dev.gatehouse.server.config.ServerSettings d = dev.gatehouse.server.config.ServerSettings.defaults();
        try (Gatehouse gatehouse = Gatehouse.start(new dev.gatehouse.server.config.GatehouseConfig(
                new dev.gatehouse.server.config.ServerSettings("127.0.0.1", 0, d.maxBodyBytes(), d.maxMessages(),
                        d.maxHeaderBytes(), java.time.Duration.ofSeconds(1)), List.of(sonnet),
                java.util.Set.of("127.0.0.1")).withRouting(TestStores.ONE_ATTEMPT), TestStores.h2ControlPlane(),
                new MutableClock())) {
            String key = key(gatehouse.control(), limits(null, null, null, "1"));
            HttpResponse<String> refused = LimitedGateways.post(gatehouse, "/v1/chat/completions", key,
                    "{\"model\":\"sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertEquals(429, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("this request may cost up to $1.92"), refused.body());
        }
    }

    /** A caller that leaves mid-stream gives its slot back: the stream settles on disconnect too. */
    @Test
    void aStreamLeftByItsCallerGivesItsSlotBack() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi(); Gatehouse gatehouse = LimitedGateways.start(
                TestStores.h2ControlPlane(), null, new MutableClock(), List.of(Deployment.builder("m", "openai")
                        .upstreamModel("gpt-4o-mini").baseUrl(fake.baseUrl()).apiKey(Secret.of(fake.apiKey()))
                        .build()))) {
            String key = key(gatehouse.control(), limits(null, null, 1, null));
            fake.streamSlowly(500, 20);
            HttpResponse<InputStream> stream = LimitedGateways.HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gatehouse.port() + "/v1/chat/completions"))
                    .header("authorization", "Bearer " + key).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":true,\"messages\":"
                            + "[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, stream.statusCode());
            assertTrue(stream.body().read(new byte[64]) > 0, "the stream has started");
            String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            assertEquals(429, LimitedGateways.post(gatehouse, "/v1/chat/completions", key, body).statusCode(),
                    "the stream holds the key's one slot");
            stream.body().close();
            fake.replyText("second", new ScriptableFake.FakeUsage(3, 1));
            int status = 429;
            for (int i = 0; i < 500 && status == 429; i++) {
                Thread.sleep(20);
                status = LimitedGateways.post(gatehouse, "/v1/chat/completions", key, body).statusCode();
            }
            assertEquals(200, status, "the slot came back once the gateway saw the caller leave");
        }
    }

    /**
     * A request's slot is free before its caller has the whole answer: a caller that sends its
     * next request as soon as the last one is answered never finds that one still in flight, on
     * whole answers and streams, on OpenAI's route and Anthropic's.
     */
    @Test
    void aCallerThatWaitsForEachAnswerNeverFindsItsLastRequestInFlight() {
        try (Gatehouse gatehouse = start()) {
            String key = key(gatehouse.control(), limits(null, null, 1, null));
            for (int i = 0; i < 200; i++) {
                boolean stream = i % 2 == 1;
                HttpResponse<String> answer = i % 4 < 2 ? chat(gatehouse, key, stream) : messages(gatehouse, key, stream);
                assertEquals(200, answer.statusCode(), "request " + i + ": " + answer.body());
            }
        }
    }

    @Test
    void aKeyLimitedToNRequestsPerMinuteGetsExactlyNUnderConcurrentLoad() throws Exception {
        try (Gatehouse gatehouse = start(); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            String key = key(gatehouse.control(), limits(25, null, null, null));
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                boolean stream = i % 3 == 0;
                calls.add(pool.submit(() -> chat(gatehouse, key, stream).statusCode()));
            }
            int ok = 0;
            int limited = 0;
            for (Future<Integer> call : calls) {
                int status = call.get();
                ok += status == 200 ? 1 : 0;
                limited += status == 429 ? 1 : 0;
            }
            assertEquals(25, ok);
            assertEquals(75, limited);
            assertNotNull(gatehouse.metrics().scrape());
            assertTrue(gatehouse.metrics().scrape().contains("gatehouse_limit_refusals_total{reason=\"rpm\"} 75"));
        }
    }
}
