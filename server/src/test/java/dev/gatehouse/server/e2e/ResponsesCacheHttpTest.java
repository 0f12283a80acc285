package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import dev.gatehouse.testkit.openai.FakeResponses;
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
 * {@code /v1/responses} in the response cache, over HTTP: a request that keeps no state
 * ({@code store: false}) is answered from the cache, whole or streamed, as a new response with a
 * fresh id; one that keeps or reads state is never the cache's (no {@code x-gatehouse-cache}
 * header); a replayed stream has the Responses API's events in order
 * (https://platform.openai.com/docs/api-reference/responses-streaming); never across teams
 * (docs/cache.md, "The Responses API").
 */
class ResponsesCacheHttpTest {

    private static final String ASK = "{'model':'MODEL','input':'capital of France?'STORE STREAM}";
    private static final FakeResponses.Usage USAGE = new FakeResponses.Usage(20, 2, 0);

    private final FakeOpenAi openAi = new FakeOpenAi();
    private Gatehouse gatehouse;
    private String key;
    private String otherTeam;

    @BeforeEach
    void start() {
        StoreSettings store = new StoreSettings("jdbc:h2:mem:responses-cache-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                Optional.empty(), Optional.empty(), 4);
        ControlPlane control = ControlPlane.open(store, Optional.empty(), Duration.ofMillis(50));
        String team = control.keys().createTeam(new TeamDraft("a", List.of("*"), Limits.NONE, Json.object()),
                Actor.CLI).id();
        String other = control.keys().createTeam(new TeamDraft("b", List.of("*"), Limits.NONE, Json.object()),
                Actor.CLI).id();
        key = key(control, team);
        otherTeam = key(control, other);
        Deployment codex = Deployment.builder("codex", "openai").upstreamModel("gpt-5-codex").baseUrl(openAi.baseUrl())
                .apiKey(Secret.of(openAi.apiKey())).build();
        Deployment chat = Deployment.builder("chat-gpt", "openai").upstreamModel("gpt-4o").baseUrl(openAi.baseUrl())
                .apiKey(Secret.of(openAi.apiKey())).options(Map.of("native_responses", "false")).build();
        ServerSettings d = ServerSettings.defaults();
        gatehouse = Gatehouse.start(new GatehouseConfig(new ServerSettings("127.0.0.1", 0, d.maxBodyBytes(),
                d.maxMessages(), d.maxHeaderBytes(), Duration.ofSeconds(5)), List.of(codex, chat),
                Set.of("127.0.0.1")).withRouting(TestStores.ONE_ATTEMPT).withCache(new CacheSettings(
                        CacheSettings.Storage.MEMORY, 1 << 20, 1 << 16, new ModelCache(Duration.ofMinutes(5), false),
                        Map.of())), control);
    }

    @AfterEach
    void stop() {
        gatehouse.close();
        openAi.close();
    }

    private static String key(ControlPlane control, String team) {
        return control.keys().createKey(new KeyDraft("cached", team, List.of("*"), Set.of(), List.of(), null,
                Limits.NONE, Json.object()), Actor.CLI).secret();
    }

    private HttpResponse<String> ask(String secret, String model, String store, boolean stream) {
        return post(secret, ASK.replace("MODEL", model).replace("STORE", store)
                .replace(" STREAM", stream ? ",'stream':true" : ""));
    }

    private HttpResponse<String> post(String secret, String body) {
        return LimitedGateways.post(gatehouse, "/v1/responses", secret, body.replace('\'', '"'));
    }

    private static String cache(HttpResponse<?> response) {
        return response.headers().firstValue("x-gatehouse-cache").orElse(null);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.parseUpstream(response.body(), "test");
    }

    private static List<JsonNode> events(HttpResponse<String> response) {
        return NamedEvents.of(response.body());
    }

    /**
     * The events' types in order, a run of text deltas as one: the guardrails' stream window
     * (docs/guardrails.md, "Streams") may send a delta's text in more than one piece.
     */
    private static List<String> types(List<JsonNode> events) {
        List<String> types = new ArrayList<>();
        for (JsonNode event : events) {
            String type = event.path("type").asText();
            if (!(type.endsWith("_text.delta") && !types.isEmpty() && types.getLast().equals(type))) {
                types.add(type);
            }
        }
        return types;
    }

    private static String outputText(JsonNode response) {
        return response.path("output").path(0).path("content").path(0).path("text").asText();
    }

    @Test
    void aStatelessRequestIsAnsweredAsANewResponseWithAFreshId() {
        openAi.responses().reply(USAGE, new FakeResponses.Text("Paris."));
        HttpResponse<String> first = ask(key, "codex", ",'store':false", false);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("miss", cache(first));

        HttpResponse<String> again = post(key, "{'model':'codex','input':'capital of France?','store':false,"
                + "'metadata':{'ticket':'7'}}");
        assertEquals("hit", cache(again), "metadata labels the request: it is not in the key");
        JsonNode hit = json(again);
        assertEquals("Paris.", outputText(hit));
        assertEquals("completed", hit.path("status").asText());
        assertTrue(hit.path("id").asText().startsWith("resp_"), hit.toString());
        assertNotEquals(json(first).path("id").asText(), hit.path("id").asText(), "a hit is a response of its own");
        assertEquals("7", hit.path("metadata").path("ticket").asText(), "the labels are this request's");
        assertEquals(1, openAi.requestCount());
    }

    @Test
    void aStreamIsKeptFromItsCompletedEventAndReplayedInOrder() {
        openAi.responses().stream(USAGE, new FakeResponses.Text(List.of("Par", "is.")),
                new FakeResponses.FunctionCall("call_1", "weather", "{\"city\":\"Paris\"}"));
        HttpResponse<String> first = ask(key, "codex", ",'store':false", true);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("miss", cache(first));

        JsonNode whole = json(ask(key, "codex", ",'store':false", false));
        assertEquals("Paris.", outputText(whole));
        assertEquals("weather", whole.path("output").path(1).path("name").asText());

        HttpResponse<String> replayed = ask(key, "codex", ",'store':false", true);
        assertEquals("hit", cache(replayed));
        List<JsonNode> events = events(replayed);
        assertEquals(List.of("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done",
                "response.completed"), types(events));
        // Numbered from 0, one more each, also where the guardrails' stream window added a delta.
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i, events.get(i).path("sequence_number").asInt(), events.toString());
        }
        assertEquals("in_progress", events.get(0).path("response").path("status").asText());
        assertTrue(events.get(0).path("response").path("output").isEmpty());
        StringBuilder text = new StringBuilder();
        for (JsonNode event : events) {
            if (event.path("type").asText().equals("response.output_text.delta")) {
                text.append(event.path("delta").asText());
                assertTrue(event.path("logprobs").isArray(), "a text delta carries its logprobs, as the API's do");
            } else if (event.path("type").asText().equals("response.function_call_arguments.delta")) {
                assertEquals("{\"city\":\"Paris\"}", event.path("delta").asText());
            }
        }
        assertEquals("Paris.", text.toString());
        JsonNode completed = events.getLast().path("response");
        assertEquals("completed", completed.path("status").asText());
        assertEquals(events.get(0).path("response").path("id").asText(), completed.path("id").asText());
        assertEquals(20, completed.path("usage").path("input_tokens").asInt());
        assertEquals(1, openAi.requestCount());
    }

    @Test
    void aTranslatedStreamIsKeptAsTheResponse() {
        openAi.streamText(List.of("Par", "is."), new FakeUsage(20, 2));
        assertEquals("miss", cache(ask(key, "chat-gpt", ",'store':false", true)));
        HttpResponse<String> whole = ask(key, "chat-gpt", ",'store':false", false);
        assertEquals("hit", cache(whole));
        assertEquals("Paris.", outputText(json(whole)));
        assertEquals("chat-gpt", json(whole).path("model").asText());
        assertEquals(1, openAi.requestCount());
    }

    @Test
    void aRequestThatKeepsOrReadsStateIsNeverTheCaches() {
        openAi.responses().reply(USAGE, new FakeResponses.Text("one"));
        openAi.responses().reply(USAGE, new FakeResponses.Text("two"));
        openAi.responses().reply(USAGE, new FakeResponses.Text("three"));
        HttpResponse<String> kept = ask(key, "codex", "", false);
        assertEquals(200, kept.statusCode(), kept.body());
        assertNull(cache(kept), "store is true unless said: the response has an id later requests name");
        assertNull(cache(ask(key, "codex", "", false)));
        HttpResponse<String> background = ask(key, "codex", ",'store':false,'background':true", false);
        assertNull(cache(background), "a background response is fetched later by its id");
        assertEquals(3, openAi.requestCount(), "each asked afresh, nothing kept");
    }

    @Test
    void anotherTeamNeverGetsTheResponse() {
        openAi.responses().reply(USAGE, new FakeResponses.Text("Paris."));
        openAi.responses().reply(USAGE, new FakeResponses.Text("Paris, for b."));
        assertEquals("miss", cache(ask(key, "codex", ",'store':false", false)));
        HttpResponse<String> other = ask(otherTeam, "codex", ",'store':false", false);
        assertEquals("miss", cache(other));
        assertEquals("Paris, for b.", outputText(json(other)));
        assertEquals(2, openAi.requestCount());
    }
}
