package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.auth.TeamDraft;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.crypto.MasterKeyring;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.MasterKeyringText;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/responses} on the real server: translated for a chat upstream (the fake OpenAI's
 * Chat Completions, whole and streamed), as written for a Responses upstream (the strict fake),
 * kept and continued with {@code previous_response_id} by its team only, one spend row per response.
 */
class ResponsesRouteTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final FakeOpenAi openai = new FakeOpenAi();
    private StoreSettings store;
    private Gatehouse gatehouse;
    private String keyA;
    private String keyB;

    @BeforeEach
    void start() {
        store = new StoreSettings("jdbc:h2:mem:responses-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                Optional.empty(), Optional.empty(), 4);
        ControlPlane control = ControlPlane.open(store, Optional.of(MasterKeyring.parse(MasterKeyringText.fresh())),
                Duration.ofMillis(50));
        String teamA = control.keys().createTeam(new TeamDraft("a", List.of("*"), Limits.NONE, Json.object()),
                Actor.CLI).id();
        String teamB = control.keys().createTeam(new TeamDraft("b", List.of("*"), Limits.NONE, Json.object()),
                Actor.CLI).id();
        keyA = key(control, teamA);
        keyB = key(control, teamB);
        Deployment chat = Deployment.builder("chat-gpt", "openai").upstreamModel("gpt-4o").baseUrl(openai.baseUrl())
                .apiKey(Secret.of(openai.apiKey())).options(Map.of("native_responses", "false"))
                .timeout(Duration.ofSeconds(5)).build();
        Deployment codex = Deployment.builder("codex", "openai").upstreamModel("gpt-5-codex").baseUrl(openai.baseUrl())
                .apiKey(Secret.of(openai.apiKey())).timeout(Duration.ofSeconds(5)).build();
        Deployment mock = Deployment.builder("mock", "mock").options(Map.of("stream_delay_ms", "0")).build();
        gatehouse = Gatehouse.start(new GatehouseConfig(new ServerSettings("127.0.0.1", 0, 1 << 20, 100, 16 * 1024,
                Duration.ofSeconds(2)), List.of(chat, codex, mock), Set.of("127.0.0.1"))
                .withRouting(TestStores.ONE_ATTEMPT), control);
    }

    private static String key(ControlPlane control, String team) {
        return control.keys().createKey(new KeyDraft("k", team, List.of("*"), Set.of(), List.of(), null, Limits.NONE,
                Json.object()), Actor.CLI).secret();
    }

    @AfterEach
    void stop() {
        gatehouse.close();
        openai.close();
    }

    private HttpResponse<String> post(String key, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port() + "/v1/responses"))
                .header("content-type", "application/json").header("authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body.replace('\'', '"'))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String key, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port() + path))
                .header("authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.parseUpstream(response.body(), "test");
    }

    /** The events of a streamed answer, as (type, data) in order. */
    private static List<JsonNode> events(String body) {
        List<JsonNode> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            for (String line : block.split("\n")) {
                if (line.startsWith("data: ")) {
                    events.add(Json.parseUpstream(line.substring(6), "test"));
                }
            }
        }
        return events;
    }

    @Test
    void aChatModelAnswersAWholeResponseAndKeepsIt() throws Exception {
        openai.replyText("Paris.", new FakeUsage(12, 3));
        HttpResponse<String> answered = post(keyA, "{'model':'chat-gpt','instructions':'be brief',"
                + "'input':'capital of France?','prompt_cache_key':'agent-7'}");
        assertEquals(200, answered.statusCode(), answered.body());
        assertEquals("prompt_cache_key", answered.headers().firstValue("x-gatehouse-dropped").orElse(""),
                "what only steers OpenAI's platform is named as dropped");
        openai.assertNoViolations();
        JsonNode response = json(answered);
        assertEquals("response", response.path("object").asText());
        assertEquals("completed", response.path("status").asText());
        assertEquals("chat-gpt", response.path("model").asText());
        assertTrue(response.path("id").asText().startsWith("resp_"), response.toString());
        assertEquals("Paris.", response.path("output").get(0).path("content").get(0).path("text").asText());
        assertEquals(12, response.path("usage").path("input_tokens").asInt());
        JsonNode sent = openai.lastRequest().json();
        assertEquals("system", sent.path("messages").get(0).path("role").asText());
        assertEquals("capital of France?", sent.path("messages").get(1).path("content").asText());
        HttpResponse<String> kept = get(keyA, "/v1/responses/" + response.path("id").asText());
        assertEquals(200, kept.statusCode(), kept.body());
        assertEquals(response, json(kept));
    }

    @Test
    void aChatModelStreamsTheResponsesEventsInOrder() throws Exception {
        openai.streamText(List.of("Par", "is."), new FakeUsage(12, 3));
        HttpResponse<String> answered = post(keyA, "{'model':'chat-gpt','input':'capital of France?','stream':true}");
        assertEquals(200, answered.statusCode(), answered.body());
        List<JsonNode> events = events(answered.body());
        assertEquals("response.created", events.getFirst().path("type").asText());
        assertEquals("response.completed", events.getLast().path("type").asText());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i, events.get(i).path("sequence_number").asInt(), events.get(i).toString());
        }
        assertTrue(events.stream().anyMatch(e -> e.path("type").asText().equals("response.output_text.delta")));
        JsonNode last = events.getLast().path("response");
        assertEquals("Paris.", last.path("output").get(0).path("content").get(0).path("text").asText());
        assertEquals(200, get(keyA, "/v1/responses/" + last.path("id").asText()).statusCode(), "a completed stream is kept");
    }

    @Test
    void previousResponseIdContinuesTheConversationForItsTeamOnly() throws Exception {
        openai.replyText("Paris.", new FakeUsage(12, 3));
        String first = json(post(keyA, "{'model':'chat-gpt','input':'capital of France?'}")).path("id").asText();
        // The next turn goes to another model, and then back: the conversation is Gatehouse's, not an upstream's.
        HttpResponse<String> second = post(keyA, "{'model':'mock','previous_response_id':'" + first + "',"
                + "'input':'and its population?'}");
        assertEquals(200, second.statusCode(), second.body());
        assertEquals(first, json(second).path("previous_response_id").asText());
        openai.replyText("About 2 million.", new FakeUsage(20, 4));
        HttpResponse<String> third = post(keyA, "{'model':'chat-gpt','previous_response_id':'"
                + json(second).path("id").asText() + "','input':'thanks'}");
        assertEquals(200, third.statusCode(), third.body());
        JsonNode messages = openai.lastRequest().json().path("messages");
        assertEquals(5, messages.size(), "question, answer, question, answer, thanks: " + messages);
        assertEquals("capital of France?", messages.get(0).path("content").asText());
        assertEquals("Paris.", messages.get(1).path("content").asText());
        assertEquals("assistant", messages.get(3).path("role").asText());
        assertEquals("thanks", messages.get(4).path("content").asText());

        HttpResponse<String> foreign = post(keyB, "{'model':'chat-gpt','previous_response_id':'" + first + "',"
                + "'input':'what did they ask?'}");
        assertEquals(400, foreign.statusCode(), foreign.body());
        assertEquals("previous_response_not_found", json(foreign).path("error").path("code").asText());
        assertEquals("previous_response_id", json(foreign).path("error").path("param").asText());
        assertEquals(404, get(keyB, "/v1/responses/" + first).statusCode());
        HttpResponse<String> unknown = post(keyA, "{'model':'chat-gpt','previous_response_id':'resp_nothing',"
                + "'input':'x'}");
        assertEquals(json(foreign).path("error").path("code"), json(unknown).path("error").path("code"));
        assertEquals(2, openai.requests().size(), "the refused ones reached no upstream (the second turn was mock's)");
    }

    @Test
    void aStreamThatFailsIsNeverKept() throws Exception {
        openai.streamTextThenError(List.of("Par"));
        List<JsonNode> translated = events(post(keyA, "{'model':'chat-gpt','input':'capital?','stream':true}").body());
        assertEquals("response.failed", translated.getLast().path("type").asText(), translated.toString());
        String id = translated.getFirst().path("response").path("id").asText();
        assertEquals(404, get(keyA, "/v1/responses/" + id).statusCode(), "a failed response is not kept");

        openai.responses().streamThenFail("upstream broke");
        List<JsonNode> failed = events(post(keyA, "{'model':'codex','input':'capital?','stream':true}").body());
        assertEquals("response.failed", failed.getLast().path("type").asText(), failed.toString());
        assertEquals(404, get(keyA, "/v1/responses/" + failed.getLast().path("response").path("id").asText())
                .statusCode());

        openai.responses().streamThenDrop("Par");
        List<JsonNode> dropped = events(post(keyA, "{'model':'codex','input':'capital?','stream':true}").body());
        JsonNode error = dropped.getLast();
        assertEquals("error", error.path("type").asText(), dropped.toString());
        assertEquals(dropped.size() - 1, error.path("sequence_number").asInt(), "numbered after the relayed events");
        assertTrue(error.path("message").isTextual());
    }

    @Test
    void storeFalseKeepsNothing() throws Exception {
        openai.replyText("Paris.", new FakeUsage(12, 3));
        JsonNode response = json(post(keyA, "{'model':'chat-gpt','input':'capital?','store':false}"));
        assertFalse(response.path("store").asBoolean(true));
        assertEquals(404, get(keyA, "/v1/responses/" + response.path("id").asText()).statusCode());
    }

    @Test
    void withoutAMasterKeyStoreIsNamedAsDroppedAndNothingContinues() throws Exception {
        ControlPlane bare = ControlPlane.open(TestStores.h2(), Optional.empty(), Duration.ofMillis(50));
        String key = key(bare, null);
        try (Gatehouse unkept = Gatehouse.start(new GatehouseConfig(new ServerSettings("127.0.0.1", 0, 1 << 20, 100,
                16 * 1024, Duration.ofSeconds(2)), List.of(Deployment.builder("mock", "mock").build()), Set.of()),
                bare)) {
            HttpResponse<String> answered = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + unkept.port() + "/v1/responses")).header("authorization", "Bearer " + key)
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"mock\",\"input\":\"hi\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answered.statusCode(), answered.body());
            assertFalse(json(answered).path("store").asBoolean(true), "the Response says it was not kept");
            assertEquals("store", answered.headers().firstValue("x-gatehouse-dropped").orElse(""));
            HttpResponse<String> next = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + unkept.port() + "/v1/responses")).header("authorization", "Bearer " + key)
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"mock\",\"input\":\"hi\","
                            + "\"previous_response_id\":\"" + json(answered).path("id").asText() + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, next.statusCode(), next.body());
            assertTrue(next.body().contains("master key"), next.body());
        }
    }

    @Test
    void aResponsesModelGetsTheBodyAsWrittenAndHistoryInPlaceOfPreviousResponseId() throws Exception {
        openai.responses().reply(new FakeResponses.Usage(30, 5, 2), new FakeResponses.Text("Paris."));
        HttpResponse<String> answered = post(keyA, "{'model':'codex','input':'capital of France?',"
                + "'reasoning':{'effort':'low'},'tools':[{'type':'web_search'}]}");
        assertEquals(200, answered.statusCode(), answered.body());
        openai.assertNoViolations();
        JsonNode first = json(answered);
        assertEquals("codex", first.path("model").asText());
        JsonNode sent = openai.lastRequest().json();
        assertEquals("web_search", sent.path("tools").get(0).path("type").asText(), "built-in tools go as written");
        assertEquals(200, get(keyA, "/v1/responses/" + first.path("id").asText()).statusCode(), "kept by Gatehouse");

        openai.responses().stream(new FakeResponses.Usage(40, 6, 0), new FakeResponses.Text("About 2 million."));
        HttpResponse<String> second = post(keyA, "{'model':'codex','previous_response_id':'" + first.path("id").asText()
                + "','input':[{'role':'user','content':'and its population?'}],'stream':true}");
        assertEquals(200, second.statusCode(), second.body());
        openai.assertNoViolations();
        JsonNode continued = openai.lastRequest().json();
        assertFalse(continued.has("previous_response_id"), "the upstream gets the conversation, not the id");
        assertEquals(3, continued.path("input").size(), continued.toString());
        assertEquals("capital of France?", continued.path("input").get(0).path("content").asText());
        assertFalse(continued.path("input").get(0).has("id"), "a caller's item goes without Gatehouse's id");
        assertEquals("assistant", continued.path("input").get(1).path("role").asText());
        assertEquals("response.completed", events(second.body()).getLast().path("type").asText());

        HttpResponse<String> foreign = post(keyB, "{'model':'codex','previous_response_id':'"
                + first.path("id").asText() + "','input':'x'}");
        assertEquals(400, foreign.statusCode(), foreign.body());
        assertEquals(2, openai.requests().size(), "another team's id never reaches the upstream");
    }

    @Test
    void aTranslatedModelsSignedReasoningIsLeftOutForAModelServedAsWritten() throws Exception {
        // A conversation begun on a translated model (Claude's signed thinking in Gatehouse's own
        // encrypted_content) and moved to a model served as written: OpenAI could not read that value.
        openai.responses().reply(new FakeResponses.Usage(30, 5, 0), new FakeResponses.Text("Done."));
        HttpResponse<String> answered = post(keyA, "{'model':'codex','store':false,'input':["
                + "{'role':'user','content':'read it'},"
                + "{'type':'reasoning','summary':[],'encrypted_content':'gatehouse-reasoning-v1.dGhpbms.c2ln'},"
                + "{'type':'function_call','call_id':'call_1','name':'read','arguments':'{}'},"
                + "{'type':'function_call_output','call_id':'call_1','output':'PELICAN'}]}");
        assertEquals(200, answered.statusCode(), answered.body());
        openai.assertNoViolations();
        JsonNode input = openai.lastRequest().json().path("input");
        assertEquals(3, input.size(), input.toString());
        assertEquals("function_call", input.get(1).path("type").asText());
        assertEquals("input[1]", answered.headers().firstValue("x-gatehouse-dropped").orElse(""));
    }

    @Test
    void eachResponseLeavesOneSpendRowWithItsReasoningTokens() throws Exception {
        openai.replyText("Paris.", new FakeUsage(12, 3));
        String translated = post(keyA, "{'model':'chat-gpt','input':'capital?'}").headers()
                .firstValue("x-request-id").orElseThrow();
        openai.responses().reply(new FakeResponses.Usage(30, 5, 2), new FakeResponses.Text("Paris."));
        String native_ = post(keyA, "{'model':'codex','input':'capital?'}").headers().firstValue("x-request-id")
                .orElseThrow();
        openai.responses().stream(new FakeResponses.Usage(40, 6, 4), new FakeResponses.Text("Paris."));
        String streamed = post(keyA, "{'model':'codex','input':'capital?','stream':true}").headers()
                .firstValue("x-request-id").orElseThrow();
        gatehouse.close();
        try (Database database = Database.open(store)) {
            Map<String, List<Integer[]>> rows = new java.util.HashMap<>();
            database.query("SELECT request_id, route, prompt_tokens, completion_tokens, reasoning_tokens, status FROM"
                    + " spend_log", r -> {
                        assertEquals("responses", r.getString("route"));
                        rows.computeIfAbsent(r.getString("request_id"), k -> new ArrayList<>()).add(new Integer[] {
                                (Integer) r.getObject("prompt_tokens"), (Integer) r.getObject("completion_tokens"),
                                (Integer) r.getObject("reasoning_tokens"), r.getInt("status")});
                        return null;
                    });
            assertEquals(3, rows.size(), rows.keySet().toString());
            assertEquals(List.of(12, 3, 200), row(rows, translated, false));
            assertEquals(List.of(30, 5, 2, 200), row(rows, native_, true));
            assertEquals(List.of(40, 6, 4, 200), row(rows, streamed, true));
        }
    }

    private static List<Integer> row(Map<String, List<Integer[]>> rows, String requestId, boolean reasoning) {
        List<Integer[]> found = rows.get(requestId);
        assertEquals(1, found.size(), "one row for " + requestId);
        Integer[] r = found.getFirst();
        return reasoning ? List.of(r[0], r[1], r[2], r[3]) : List.of(r[0], r[1], r[3]);
    }
}
