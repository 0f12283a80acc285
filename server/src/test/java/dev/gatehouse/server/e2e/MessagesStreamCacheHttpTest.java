package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.testing.NamedEvents;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.auth.TeamDraft;
import dev.gatehouse.server.cache.CacheSettings;
import dev.gatehouse.server.cache.CacheSettings.ModelCache;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.ScriptableFake.FakeToolCall;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.anthropic.FakeAnthropic;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Streams on {@code /v1/messages} in the response cache, over HTTP: a stream that ended is kept
 * whole and serves a whole request; a whole answer is replayed as Anthropic's events in the order
 * of Anthropic's streaming page (https://platform.claude.com/docs/en/build-with-claude/streaming);
 * both for a model that speaks Anthropic's API and for one translated from chat; never across
 * teams (docs/cache.md, "What a hit looks like").
 */
class MessagesStreamCacheHttpTest {

    private static final String ASK = "{\"model\":\"MODEL\",\"max_tokens\":10,STREAM\"messages\":[{\"role\":\"user\","
            + "\"content\":\"what is the capital of France?\"}]}";
    private static final List<String> ORDER = List.of("message_start", "ping", "content_block_start",
            "content_block_delta", "content_block_stop", "message_delta", "message_stop");

    private final FakeAnthropic anthropic = new FakeAnthropic();
    private final FakeOpenAi openAi = new FakeOpenAi();
    private Gatehouse gatehouse;
    private String key;
    private String otherTeam;

    @BeforeEach
    void start() {
        StoreSettings store = new StoreSettings("jdbc:h2:mem:messages-cache-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                Optional.empty(), Optional.empty(), 4);
        ControlPlane control = ControlPlane.open(store, Optional.empty(), Duration.ofMillis(50));
        String team = control.keys().createTeam(new TeamDraft("a", List.of("*"), Limits.NONE, Json.object()),
                Actor.CLI).id();
        String other = control.keys().createTeam(new TeamDraft("b", List.of("*"), Limits.NONE, Json.object()),
                Actor.CLI).id();
        key = key(control, team);
        otherTeam = key(control, other);
        Deployment claude = Deployment.builder("claude", "anthropic").upstreamModel("claude-sonnet-4-5")
                .baseUrl(anthropic.baseUrl()).apiKey(Secret.of(anthropic.apiKey())).build();
        Deployment gpt = Deployment.builder("gpt", "openai").upstreamModel("gpt-4o").baseUrl(openAi.baseUrl())
                .apiKey(Secret.of(openAi.apiKey())).build();
        ServerSettings d = ServerSettings.defaults();
        gatehouse = Gatehouse.start(new GatehouseConfig(new ServerSettings("127.0.0.1", 0, d.maxBodyBytes(),
                d.maxMessages(), d.maxHeaderBytes(), Duration.ofSeconds(5)), List.of(claude, gpt),
                Set.of("127.0.0.1")).withRouting(TestStores.ONE_ATTEMPT).withCache(new CacheSettings(
                        CacheSettings.Storage.MEMORY, 1 << 20, 1 << 16, new ModelCache(Duration.ofMinutes(5), false),
                        Map.of())), control);
    }

    @AfterEach
    void stop() {
        gatehouse.close();
        anthropic.close();
        openAi.close();
    }

    private static String key(ControlPlane control, String team) {
        return control.keys().createKey(new KeyDraft("cached", team, List.of("*"), Set.of(), List.of(), null,
                Limits.NONE, Json.object()), Actor.CLI).secret();
    }

    private HttpResponse<String> ask(String secret, String model, boolean stream) {
        String body = ASK.replace("MODEL", model).replace("STREAM", stream ? "\"stream\":true," : "");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port() + "/v1/messages"))
                .header("x-api-key", secret).header("anthropic-version", "2023-06-01")
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return LimitedGateways.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String cache(HttpResponse<?> response) {
        return response.headers().firstValue("x-gatehouse-cache").orElse(null);
    }

    /** Each event's data, in order; the event line and the data's type must agree. */
    private static List<JsonNode> events(HttpResponse<String> response) {
        return NamedEvents.of(response.body());
    }

    /**
     * The events' types in order, a run of deltas of one block as one: the guardrails' stream
     * window (docs/guardrails.md, "Streams") may send a delta's text in more than one piece.
     */
    private static List<String> types(List<JsonNode> events) {
        List<String> types = new ArrayList<>();
        for (JsonNode event : events) {
            String type = event.path("type").asText();
            if (!(type.equals("content_block_delta") && !types.isEmpty() && types.getLast().equals(type))) {
                types.add(type);
            }
        }
        return types;
    }

    private static JsonNode messageDelta(List<JsonNode> events) {
        return events.stream().filter(event -> event.path("type").asText().equals("message_delta")).findFirst()
                .orElseThrow();
    }

    /** The text of the deltas, joined. */
    private static String text(List<JsonNode> events) {
        StringBuilder text = new StringBuilder();
        events.forEach(event -> text.append(event.path("delta").path("text").asText("")));
        return text.toString();
    }

    @Test
    void anAnthropicStreamIsKeptWholeAndReplayedInTheOfficialOrder() {
        anthropic.streamText(List.of("Par", "is."), new FakeUsage(20, 2));
        HttpResponse<String> first = ask(key, "claude", true);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("miss", cache(first));
        assertEquals("Paris.", text(events(first)));

        HttpResponse<String> whole = ask(key, "claude", false);
        assertEquals("hit", cache(whole), "the stream serves a whole request: stream is not in the key");
        JsonNode message = Json.parseUpstream(whole.body(), "test");
        assertEquals("message", message.path("type").asText());
        assertEquals("Paris.", message.path("content").path(0).path("text").asText());
        assertEquals("end_turn", message.path("stop_reason").asText());
        assertEquals(2, message.path("usage").path("output_tokens").asInt());

        HttpResponse<String> replayed = ask(key, "claude", true);
        assertEquals(200, replayed.statusCode(), replayed.body());
        assertEquals("hit", cache(replayed));
        List<JsonNode> events = events(replayed);
        assertEquals(ORDER, types(events));
        assertEquals("Paris.", text(events));
        assertEquals(message.path("id").asText(), events.get(0).path("message").path("id").asText());
        assertTrue(events.get(0).path("message").path("content").isEmpty(), "message_start has no content yet");
        assertEquals("end_turn", messageDelta(events).path("delta").path("stop_reason").asText());
        assertEquals(2, messageDelta(events).path("usage").path("output_tokens").asInt());
        assertEquals(1, anthropic.requestCount(), "the upstream was asked once");
    }

    @Test
    void aWholeAnswerIsReplayedAsAnthropicEvents() {
        anthropic.replyText("Paris.", new FakeUsage(20, 2));
        assertEquals("miss", cache(ask(key, "claude", false)));
        HttpResponse<String> replayed = ask(key, "claude", true);
        assertEquals("hit", cache(replayed));
        assertEquals("text/event-stream", replayed.headers().firstValue("content-type").orElse("").split(";")[0]);
        assertEquals(ORDER, types(events(replayed)));
        assertEquals("Paris.", text(events(replayed)));
        assertEquals(1, anthropic.requestCount());
    }

    @Test
    void toolUseSurvivesTheRoundTripAsInputJsonDeltas() {
        anthropic.streamToolCalls(List.of(new FakeToolCall("weather", "{\"city\":\"Paris\",\"days\":[1,2]}")),
                new FakeUsage(20, 5));
        assertEquals("miss", cache(ask(key, "claude", true)));
        HttpResponse<String> whole = ask(key, "claude", false);
        assertEquals("hit", cache(whole));
        JsonNode block = Json.parseUpstream(whole.body(), "test").path("content").path(0);
        assertEquals("tool_use", block.path("type").asText());
        assertEquals("weather", block.path("name").asText());
        assertEquals(Json.parseUpstream("{\"city\":\"Paris\",\"days\":[1,2]}", "test"), block.path("input"),
                "the pieces of JSON text joined into the input");

        List<JsonNode> events = events(ask(key, "claude", true));
        assertEquals(ORDER, types(events));
        JsonNode start = events.get(2).path("content_block");
        assertEquals(block.path("id").asText(), start.path("id").asText());
        assertTrue(start.path("input").isEmpty(), "the input comes in its deltas");
        StringBuilder input = new StringBuilder();
        for (JsonNode event : events) {
            if (event.path("type").asText().equals("content_block_delta")) {
                assertEquals("input_json_delta", event.path("delta").path("type").asText());
                input.append(event.path("delta").path("partial_json").asText());
            }
        }
        assertEquals(block.path("input"), Json.parseUpstream(input.toString(), "test"));
        assertEquals("tool_use", messageDelta(events).path("delta").path("stop_reason").asText());
        assertEquals(1, anthropic.requestCount());
    }

    @Test
    void aTranslatedStreamIsKeptAsTheMessagesAnswer() {
        openAi.streamText(List.of("Par", "is."), new FakeUsage(20, 2));
        HttpResponse<String> first = ask(key, "gpt", true);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("miss", cache(first));

        HttpResponse<String> whole = ask(key, "gpt", false);
        assertEquals("hit", cache(whole));
        JsonNode message = Json.parseUpstream(whole.body(), "test");
        assertEquals("Paris.", message.path("content").path(0).path("text").asText());
        assertEquals("end_turn", message.path("stop_reason").asText());
        assertEquals(20, message.path("usage").path("input_tokens").asInt());

        HttpResponse<String> replayed = ask(key, "gpt", true);
        assertEquals("hit", cache(replayed));
        assertEquals(ORDER, types(events(replayed)));
        assertEquals("Paris.", text(events(replayed)));
        assertEquals(1, openAi.requestCount());
    }

    @Test
    void anotherTeamsStreamIsNeverReplayed() {
        anthropic.streamText(List.of("Paris."), new FakeUsage(20, 2));
        anthropic.streamText(List.of("Paris, again."), new FakeUsage(20, 2));
        assertEquals("miss", cache(ask(key, "claude", true)));
        HttpResponse<String> other = ask(otherTeam, "claude", true);
        assertEquals("miss", cache(other));
        assertEquals("Paris, again.", text(events(other)));
        assertEquals(2, anthropic.requestCount());
    }

    @Test
    void aStreamCutShortIsNotKept() {
        anthropic.streamTextThenError(List.of("Par"));
        anthropic.replyText("Paris.", new FakeUsage(20, 2));
        ask(key, "claude", true);
        HttpResponse<String> whole = ask(key, "claude", false);
        assertEquals("miss", cache(whole), "a stream that ended in an error was not kept");
        assertEquals(2, anthropic.requestCount());
    }
}
