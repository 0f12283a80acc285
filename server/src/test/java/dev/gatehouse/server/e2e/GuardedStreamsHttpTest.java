package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.guardrail.pii.PiiKind;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.audit.AuditEntry;
import dev.gatehouse.server.cache.CacheSettings;
import dev.gatehouse.server.cache.CacheSettings.ModelCache;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.guardrail.GuardrailSettings;
import dev.gatehouse.server.guardrail.GuardrailSettings.Action;
import dev.gatehouse.server.testing.Await;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.anthropic.FakeAnthropic;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import dev.gatehouse.testkit.openai.FakeResponses;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The guardrails on streamed answers, over real HTTP against the fakes (docs/guardrails.md,
 * "Streams"): a secret the model streams, split across chunks, ends the stream with the route's
 * own error event after the text before it and before any part of it; a clean stream's text
 * arrives exactly as the upstream sent it; reversible placeholders split across chunks are put
 * back, in the deltas and in the texts the stream repeats; a policy that only logs lets the
 * stream through and counts; a cached answer holding a secret is cut on the hit as well.
 */
class GuardedStreamsHttpTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Key-shaped text made up at run time from a seeded source: never a real key, never in the source. */
    private static final String KEY = "sk-proj-" + random(48, 7);
    /** Longer than the window's hold-back, so some text goes out before the key comes. */
    private static final String PROSE = "The capital of France is Paris, and it lies on the Seine. ".repeat(8);
    private static final String WITH_KEY = PROSE + "Deploy with " + KEY + " and restart the service.";
    private static final FakeUsage USAGE = new FakeUsage(20, 40);

    private final FakeOpenAi openai = new FakeOpenAi();
    private final FakeAnthropic anthropic = new FakeAnthropic();
    private TestStores.Started gatehouse;

    @AfterEach
    void close() {
        if (gatehouse != null) {
            gatehouse.close();
        }
        openai.close();
        anthropic.close();
    }

    private static String random(int length, long seed) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private void start(GuardrailSettings guardrails) {
        start(guardrails, null);
    }

    private void start(GuardrailSettings guardrails, CacheSettings cache) {
        GatehouseConfig config = new GatehouseConfig(
                new ServerSettings("127.0.0.1", 0, 1 << 20, 100, 16 * 1024, Duration.ofSeconds(5)),
                List.of(Deployment.builder("gpt", "openai").upstreamModel("gpt-4o").baseUrl(openai.baseUrl())
                                .apiKey(Secret.of(openai.apiKey())).timeout(Duration.ofSeconds(5)).build(),
                        Deployment.builder("gpt-chat", "openai").upstreamModel("gpt-4o").baseUrl(openai.baseUrl())
                                .apiKey(Secret.of(openai.apiKey())).options(Map.of("native_responses", "false"))
                                .timeout(Duration.ofSeconds(5)).build(),
                        Deployment.builder("claude", "anthropic").upstreamModel("claude-sonnet-4-5")
                                .baseUrl(anthropic.baseUrl()).apiKey(Secret.of(anthropic.apiKey()))
                                .timeout(Duration.ofSeconds(5)).build()),
                Set.of("127.0.0.1")).withGuardrails(guardrails);
        gatehouse = TestStores.start(cache == null ? config : config.withCache(cache));
    }

    private static GuardrailSettings secrets(Action action) {
        return new GuardrailSettings(new GuardrailSettings.Secrets(action, Set.of()),
                new GuardrailSettings.PersonalData(Action.OFF, Set.of()),
                new GuardrailSettings.Deny(List.of(), Map.of(), Action.BLOCK), 0);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port() + path))
                .header("content-type", "application/json").header("authorization", "Bearer " + gatehouse.apiKey())
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ObjectNode chat(String model, String content) {
        ObjectNode body = Json.object().put("model", model);
        body.putArray("messages").addObject().put("role", "user").put("content", content);
        return body;
    }

    private static String chatStream(String content) {
        return chat("gpt", content).put("stream", true).toString();
    }

    private static String messagesStream(String model, String content) {
        return chat(model, content).put("max_tokens", 200).put("stream", true).toString();
    }

    private static String responsesStream(String input) {
        return responsesStream("gpt", input);
    }

    private static String responsesStream(String model, String input) {
        return Json.object().put("model", model).put("input", input).put("stream", true).toString();
    }

    /** {@code text} in pieces of {@code size} characters: many chunks, the key split across several. */
    private static List<String> pieces(String text, int size) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i += size) {
            out.add(text.substring(i, Math.min(text.length(), i + size)));
        }
        return out;
    }

    /** One server-sent event as the caller read it. */
    private record Sse(String name, String data) {
        JsonNode json() {
            return Json.parseUpstream(data, "gatehouse");
        }
    }

    private static List<Sse> events(String body) {
        List<Sse> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
            if (!data.isEmpty()) {
                events.add(new Sse(name, data.toString()));
            }
        }
        return events;
    }

    /** The text the caller's deltas add up to, {@code delta} reading one event's piece (null for none). */
    private static String joined(List<Sse> events, Function<Sse, String> delta) {
        StringBuilder text = new StringBuilder();
        events.forEach(e -> {
            String piece = delta.apply(e);
            if (piece != null) {
                text.append(piece);
            }
        });
        return text.toString();
    }

    private static String chatDelta(Sse e) {
        if (e.data().equals("[DONE]")) {
            return null;
        }
        JsonNode content = e.json().path("choices").path(0).path("delta").path("content");
        return content.isTextual() ? content.asText() : null;
    }

    private static String anthropicDelta(Sse e) {
        return "content_block_delta".equals(e.name()) ? e.json().path("delta").path("text").asText(null) : null;
    }

    private static String responsesDelta(Sse e) {
        return "response.output_text.delta".equals(e.name()) ? e.json().path("delta").asText() : null;
    }

    /** What every cut stream shows: the text before the key went out, none of the key did. */
    private static void cutBeforeTheKey(HttpResponse<String> response, String text) {
        assertEquals(200, response.statusCode(), response.body());
        assertFalse(text.isEmpty(), "the text before the secret reached the caller");
        assertTrue(WITH_KEY.startsWith(text), text);
        assertTrue(text.length() <= WITH_KEY.indexOf(KEY), "nothing of the secret was sent");
        assertFalse(response.body().contains(KEY.substring(0, 12)), response.body());
        assertFalse(response.body().contains("restart the service"), "nothing after the trip is written");
    }

    private List<AuditEntry> audit(String action) {
        return gatehouse.gatehouse().control().audit().list(0, 1000).stream()
                .filter(e -> e.action().equals(action)).toList();
    }

    @Test
    void aSecretSplitAcrossChunksEndsAChatStreamWithOpenAisErrorEventBeforeAnyOfItGoesOut() throws Exception {
        start(GuardrailSettings.DEFAULTS);
        openai.streamText(pieces(WITH_KEY, 9), USAGE);
        HttpResponse<String> response = post("/v1/chat/completions", chatStream("How do I deploy?"));

        List<Sse> events = events(response.body());
        cutBeforeTheKey(response, joined(events, GuardedStreamsHttpTest::chatDelta));
        JsonNode error = events.getLast().json().path("error");
        assertEquals("secret_detected", error.path("code").asText(), response.body());
        assertTrue(error.path("message").asText().contains("openai_api_key"), error.toString());
        assertFalse(response.body().contains("[DONE]"), "a cut stream does not end normally");

        Await.until(() -> !audit("guardrail.blocked").isEmpty(), "the cut is audited");
        String details = audit("guardrail.blocked").getFirst().details();
        assertTrue(details.contains("output") && details.contains("openai_api_key"), details);
        assertFalse(details.contains(KEY.substring(8, 20)), "the audit never holds the secret");
        String metrics = gatehouse.gatehouse().metrics().scrape();
        assertTrue(metrics.contains(
                "gatehouse_guardrail_findings_total{kind=\"openai_api_key\",action=\"block\",stage=\"output\"} 1"),
                metrics);
    }

    @Test
    void theMessagesRouteEndsWithAnthropicsErrorEventTranslatedAndAsWritten() throws Exception {
        start(GuardrailSettings.DEFAULTS);
        openai.streamText(pieces(WITH_KEY, 7), USAGE);
        HttpResponse<String> translated = post("/v1/messages", messagesStream("gpt", "How do I deploy?"));
        anthropic.streamText(pieces(WITH_KEY, 11), USAGE);
        HttpResponse<String> written = post("/v1/messages", messagesStream("claude", "How do I deploy?"));

        for (HttpResponse<String> response : List.of(translated, written)) {
            List<Sse> events = events(response.body());
            cutBeforeTheKey(response, joined(events, GuardedStreamsHttpTest::anthropicDelta));
            Sse last = events.getLast();
            assertEquals("error", last.name(), response.body());
            assertEquals("invalid_request_error", last.json().path("error").path("type").asText(), last.data());
            assertTrue(last.json().path("error").path("message").asText().contains("openai_api_key"), last.data());
            assertTrue(events.stream().noneMatch(e -> "message_stop".equals(e.name())), response.body());
        }
    }

    @Test
    void theResponsesRouteEndsWithItsErrorEventAsWrittenAndTranslated() throws Exception {
        start(GuardrailSettings.DEFAULTS);
        openai.responses().stream(new FakeResponses.Usage(20, 40, 0), new FakeResponses.Text(pieces(WITH_KEY, 13)));
        HttpResponse<String> written = post("/v1/responses", responsesStream("How do I deploy?"));
        assertEquals("/v1/responses", openai.lastRequest().pathOnly(), "OpenAI's own Responses stream");
        openai.streamText(pieces(WITH_KEY, 8), USAGE);
        HttpResponse<String> translated = post("/v1/responses", responsesStream("gpt-chat", "How do I deploy?"));
        assertEquals("/v1/chat/completions", openai.lastRequest().pathOnly(), "a chat stream made into Responses events");

        for (HttpResponse<String> response : List.of(written, translated)) {
            List<Sse> events = events(response.body());
            cutBeforeTheKey(response, joined(events, GuardedStreamsHttpTest::responsesDelta));
            assertTrue(events.stream().noneMatch(e -> "response.completed".equals(e.name())), response.body());
        }
        // Each path ends as it reports any failure after the start: OpenAI's own stream with an
        // error event, the translated one with response.failed (docs/guardrails.md, "Streams").
        Sse error = events(written.body()).getLast();
        assertEquals("error", error.name(), written.body());
        assertEquals("secret_detected", error.json().path("code").asText(), error.data());
        Sse failed = events(translated.body()).getLast();
        assertEquals("response.failed", failed.name(), translated.body());
        assertEquals("secret_detected", failed.json().path("response").path("error").path("code").asText(), failed.data());
    }

    @Test
    void aCleanStreamArrivesWithExactlyTheUpstreamsText() throws Exception {
        start(GuardrailSettings.DEFAULTS);
        String answer = PROSE + "Nothing secret here, only a long answer about rivers. ".repeat(5);
        openai.streamText(pieces(answer, 5), USAGE);
        HttpResponse<String> chat = post("/v1/chat/completions", chatStream("Tell me about Paris"));
        assertEquals(200, chat.statusCode(), chat.body());
        assertEquals(answer, joined(events(chat.body()), GuardedStreamsHttpTest::chatDelta));
        assertTrue(chat.body().endsWith("data: [DONE]\n\n"), chat.body());

        openai.responses().stream(new FakeResponses.Usage(20, 40, 0), new FakeResponses.Text(pieces(answer, 6)));
        HttpResponse<String> responses = post("/v1/responses", responsesStream("Tell me about Paris"));
        List<Sse> events = events(responses.body());
        assertEquals(answer, joined(events, GuardedStreamsHttpTest::responsesDelta));
        assertEquals(answer, done(events).path("text").asText());
        assertEquals(answer, completedText(events));
    }

    private static JsonNode done(List<Sse> events) {
        return events.stream().filter(e -> "response.output_text.done".equals(e.name())).findFirst().orElseThrow()
                .json();
    }

    private static String completedText(List<Sse> events) {
        return events.stream().filter(e -> "response.completed".equals(e.name())).findFirst().orElseThrow().json()
                .path("response").path("output").path(0).path("content").path(0).path("text").asText();
    }

    @Test
    void reversiblePlaceholdersSplitAcrossChunksArePutBackInTheDeltasAndTheRepeatedTexts() throws Exception {
        start(new GuardrailSettings(new GuardrailSettings.Secrets(Action.BLOCK, Set.of()),
                new GuardrailSettings.PersonalData(Action.REVERSIBLE, Set.of(PiiKind.EMAIL)),
                new GuardrailSettings.Deny(List.of(), Map.of(), Action.BLOCK), 0));
        List<String> upstream = new ArrayList<>(pieces(PROSE, 10));
        upstream.addAll(List.of("I wrote to [EM", "AIL", "_1] and to [EMAIL_1", "] again", ", done."));
        String restored = PROSE + "I wrote to ada@example.org and to ada@example.org again, done.";

        openai.streamText(upstream, USAGE);
        HttpResponse<String> chat = post("/v1/chat/completions", chatStream("Write to ada@example.org"));
        assertEquals(200, chat.statusCode(), chat.body());
        assertEquals("Write to [EMAIL_1]",
                openai.lastRequest().json().path("messages").get(0).path("content").asText());
        assertEquals(restored, joined(events(chat.body()), GuardedStreamsHttpTest::chatDelta));

        openai.responses().stream(new FakeResponses.Usage(20, 40, 0), new FakeResponses.Text(upstream));
        HttpResponse<String> responses = post("/v1/responses", responsesStream("Write to ada@example.org"));
        List<Sse> events = events(responses.body());
        assertEquals(restored, joined(events, GuardedStreamsHttpTest::responsesDelta), responses.body());
        assertEquals(restored, done(events).path("text").asText());
        assertEquals(restored, completedText(events));
        assertFalse(responses.body().contains("[EMAIL_1]"), responses.body());
    }

    @Test
    void aLoggingPolicyLetsTheStreamThroughWholeAndCountsWhatItFound() throws Exception {
        start(secrets(Action.LOG));
        openai.streamText(pieces(WITH_KEY, 9), USAGE);
        HttpResponse<String> response = post("/v1/chat/completions", chatStream("How do I deploy?"));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(WITH_KEY, joined(events(response.body()), GuardedStreamsHttpTest::chatDelta));
        assertTrue(response.body().endsWith("data: [DONE]\n\n"), response.body());
        String metrics = gatehouse.gatehouse().metrics().scrape();
        assertTrue(metrics.contains(
                "gatehouse_guardrail_findings_total{kind=\"openai_api_key\",action=\"log\",stage=\"output\"} 1"),
                metrics);
        assertTrue(audit("guardrail.blocked").isEmpty());
    }

    @Test
    void aCachedAnswerHoldingASecretIsCutOnTheHitToo() throws Exception {
        start(GuardrailSettings.DEFAULTS, new CacheSettings(CacheSettings.Storage.MEMORY, 1 << 20, 1 << 16,
                new ModelCache(Duration.ofMinutes(5), false), Map.of()));
        openai.replyText(WITH_KEY, USAGE);
        HttpResponse<String> whole = post("/v1/chat/completions", chat("gpt", "How do I deploy?").toString());
        assertEquals(200, whole.statusCode(), whole.body());
        assertFalse(whole.body().contains(KEY), "the whole answer was masked for its caller");

        // The cache kept the upstream's answer as it came; the hit goes through the guard on its way out.
        HttpResponse<String> hit = post("/v1/chat/completions", chatStream("How do I deploy?"));
        assertEquals(1, openai.requests().size(), "the stream was a hit");
        assertEquals("hit", hit.headers().firstValue("x-gatehouse-cache").orElse(null));
        assertFalse(hit.body().contains(KEY.substring(0, 12)), hit.body());
        // A replayed answer comes in one chunk: the window trips before anything was written, so the
        // caller gets the error as the whole answer.
        assertEquals(400, hit.statusCode(), hit.body());
        assertEquals("secret_detected", Json.parseUpstream(hit.body(), "test").path("error").path("code").asText());
    }
}
