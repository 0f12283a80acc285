package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.pricing.ModelPrice;
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
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.anthropic.FakeAnthropic;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The response cache in front of the upstream, over HTTP: a repeat is answered from the cache
 * with {@code x-gatehouse-cache: hit}, at cost 0, without the upstream and without the budget;
 * another team never gets it; {@code no-store} and {@code no-cache} are obeyed; an error is
 * never kept (docs/cache.md, "What a hit looks like").
 */
class ResponseCacheHttpTest {

    /** $1 per thousand tokens each way. */
    private static final ModelPrice PRICE = ModelPrice.tokens("1000", "1000");
    private static final String CHAT = "{\"model\":\"gpt\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"what is the capital of France?\"}]}";

    private final FakeOpenAi openAi = new FakeOpenAi();
    private final FakeAnthropic anthropic = new FakeAnthropic();
    private StoreSettings store;
    private Gatehouse gatehouse;
    private String key;
    private String teamMate;
    private String otherTeam;
    private String noTeam;

    @BeforeEach
    void start() {
        store = new StoreSettings("jdbc:h2:mem:cache-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                Optional.empty(), Optional.empty(), 4);
        ControlPlane control = ControlPlane.open(store, Optional.empty(), Duration.ofMillis(50));
        String team = control.keys().createTeam(new TeamDraft("a", List.of("*"), Limits.NONE, Json.object()), Actor.CLI).id();
        String other = control.keys().createTeam(new TeamDraft("b", List.of("*"), Limits.NONE, Json.object()), Actor.CLI).id();
        key = key(control, team, new Limits(new BigDecimal("100"), null, null, null, 1000, null, null));
        teamMate = key(control, team, Limits.NONE);
        otherTeam = key(control, other, Limits.NONE);
        noTeam = key(control, null, Limits.NONE);
        Deployment gpt = Deployment.builder("gpt", "openai").upstreamModel("gpt-4o").baseUrl(openAi.baseUrl())
                .apiKey(Secret.of(openAi.apiKey())).build();
        Deployment own = Deployment.builder("gpt-own", "openai").upstreamModel("gpt-4o").baseUrl(openAi.baseUrl())
                .apiKey(Secret.of(openAi.apiKey())).build();
        Deployment claude = Deployment.builder("claude", "anthropic").upstreamModel("claude-sonnet-4-5")
                .baseUrl(anthropic.baseUrl()).apiKey(Secret.of(anthropic.apiKey())).build();
        ServerSettings d = ServerSettings.defaults();
        CacheSettings cache = new CacheSettings(CacheSettings.Storage.MEMORY, 1 << 20, 1 << 16,
                new ModelCache(Duration.ofMinutes(5), false), Map.of("gpt-own", new ModelCache(Duration.ofMinutes(5),
                true)));
        gatehouse = Gatehouse.start(new GatehouseConfig(new ServerSettings("127.0.0.1", 0, d.maxBodyBytes(),
                d.maxMessages(), d.maxHeaderBytes(), Duration.ofSeconds(5)), List.of(gpt, own, claude),
                Set.of("127.0.0.1")).withRouting(TestStores.ONE_ATTEMPT).withPrice(gpt, PRICE).withPrice(claude, PRICE)
                .withCache(cache), control);
    }

    @AfterEach
    void stop() {
        gatehouse.close();
        openAi.close();
        anthropic.close();
    }

    private static String key(ControlPlane control, String team, Limits limits) {
        return control.keys().createKey(new KeyDraft("cached", team, List.of("*"), Set.of(), List.of(), null, limits,
                Json.object()), Actor.CLI).secret();
    }

    private HttpResponse<String> send(String path, String secret, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port() + path))
                .header("authorization", "Bearer " + secret).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return LimitedGateways.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> chat(String secret, String... headers) {
        return send("/v1/chat/completions", secret, CHAT, headers);
    }

    private static String cache(HttpResponse<?> response) {
        return response.headers().firstValue("x-gatehouse-cache").orElse(null);
    }

    private static String text(HttpResponse<String> response) {
        return Json.parseUpstream(response.body(), "test").path("choices").path(0).path("message").path("content")
                .asText();
    }

    /** What the key's budget has spent (or holds), in dollars to the cent, as a refusal names it. */
    private BigDecimal budgetSpent() {
        HttpResponse<String> refused = send("/v1/chat/completions", key, "{\"model\":\"gpt\",\"max_tokens\":1000000,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(429, refused.statusCode(), refused.body());
        Matcher spent = Pattern.compile("\\(\\$([0-9.]+) spent or held").matcher(refused.body());
        assertTrue(spent.find(), refused.body());
        return new BigDecimal(spent.group(1));
    }

    private record Row(String model, String provider, String outcome, BigDecimal cost, boolean cacheHit,
            Integer prompt) {}

    private List<Row> rowsAfterShutdown() {
        gatehouse.close();
        try (Database database = Database.open(store)) {
            return database.query("SELECT * FROM spend_log WHERE status = 200 ORDER BY at", r -> new Row(
                    r.getString("model"), r.getString("provider"), r.getString("outcome"), r.getBigDecimal("cost_usd"),
                    r.getBoolean("cache_hit"), (Integer) r.getObject("prompt_tokens")));
        }
    }

    @Test
    void aRepeatIsAHitAtCostZeroWithoutTheUpstreamOrTheBudget() {
        openAi.replyText("Paris.", new FakeUsage(2000, 10));
        HttpResponse<String> first = chat(key);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("miss", cache(first));
        assertTrue(first.headers().firstValue("x-ratelimit-remaining-requests").isPresent(), "admitted");
        BigDecimal spent = budgetSpent();
        assertEquals(new BigDecimal("2.01"), spent);

        HttpResponse<String> again = chat(key);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals("hit", cache(again));
        assertTrue(again.headers().firstValue("age").orElseThrow().matches("[0-9]+"), "the answer's age in seconds");
        assertEquals("Paris.", text(again));
        assertEquals(Json.parseUpstream(first.body(), "test"), Json.parseUpstream(again.body(), "test"),
                "the stored answer as it was written");
        assertNull(again.headers().firstValue("x-ratelimit-remaining-requests").orElse(null), "not admitted: no rate limit counted");
        assertEquals(1, openAi.requestCount(), "the upstream was asked once");
        assertEquals(spent, budgetSpent(), "a hit uses no budget");

        List<Row> rows = rowsAfterShutdown();
        assertEquals(2, rows.size(), rows.toString());
        assertFalse(rows.get(0).cacheHit());
        assertEquals(0, new BigDecimal("2.01").compareTo(rows.get(0).cost()), rows.toString());
        Row hit = rows.get(1);
        assertTrue(hit.cacheHit(), rows.toString());
        assertEquals("success", hit.outcome());
        assertEquals("gpt", hit.model());
        assertNull(hit.provider(), "no deployment served it");
        assertEquals(0, BigDecimal.ZERO.compareTo(hit.cost()), rows.toString());
        assertNull(hit.prompt(), "no tokens used");
    }

    @Test
    void anotherTeamNeverGetsTheAnswerButATeamMateDoes() {
        openAi.replyText("Paris.", new FakeUsage(20, 2));
        openAi.replyText("Paris, from another team.", new FakeUsage(20, 2));
        openAi.replyText("Paris, for a key alone.", new FakeUsage(20, 2));
        assertEquals("miss", cache(chat(key)));
        HttpResponse<String> mate = chat(teamMate);
        assertEquals("hit", cache(mate), "a team shares its answers by default");
        HttpResponse<String> other = chat(otherTeam);
        assertEquals("miss", cache(other));
        assertEquals("Paris, from another team.", text(other));
        HttpResponse<String> alone = chat(noTeam);
        assertEquals("miss", cache(alone), "a key without a team has its own answers");
        assertEquals("Paris, for a key alone.", text(alone));
        assertEquals(3, openAi.requestCount());
    }

    @Test
    void namespaceKeyKeepsEachKeysAnswersApart() {
        openAi.replyText("one", new FakeUsage(20, 2));
        openAi.replyText("two", new FakeUsage(20, 2));
        String body = CHAT.replace("\"gpt\"", "\"gpt-own\"");
        assertEquals("miss", cache(send("/v1/chat/completions", key, body)));
        assertEquals("hit", cache(send("/v1/chat/completions", key, body)));
        HttpResponse<String> mate = send("/v1/chat/completions", teamMate, body);
        assertEquals("miss", cache(mate));
        assertEquals("two", text(mate));
    }

    @Test
    void aNamespaceTheRequestNamesIsAPartOfItsTeamsCache() {
        openAi.replyText("plain", new FakeUsage(20, 2));
        openAi.replyText("drafts", new FakeUsage(20, 2));
        openAi.replyText("drafts, another team", new FakeUsage(20, 2));
        String drafts = CHAT.replace("{\"model\"", "{\"cache\":{\"namespace\":\"drafts\"},\"model\"");
        assertEquals("miss", cache(chat(key)));
        HttpResponse<String> named = send("/v1/chat/completions", key, drafts);
        assertEquals("miss", cache(named), "the team's answer is not in its drafts namespace");
        assertEquals("drafts", text(named));
        HttpResponse<String> mate = send("/v1/chat/completions", teamMate, drafts);
        assertEquals("hit", cache(mate));
        assertEquals("drafts", text(mate));
        assertEquals("plain", text(chat(key)));
        HttpResponse<String> other = send("/v1/chat/completions", otherTeam, drafts);
        assertEquals("miss", cache(other), "naming a namespace never reaches another team's");
        assertEquals("drafts, another team", text(other));
        assertEquals(3, openAi.requestCount());
    }

    @Test
    void noStoreKeepsNothingAndNoCacheAsksAgain() {
        openAi.replyText("first", new FakeUsage(20, 2));
        openAi.replyText("second", new FakeUsage(20, 2));
        openAi.replyText("third", new FakeUsage(20, 2));
        openAi.replyText("fourth", new FakeUsage(20, 2));
        assertEquals("miss", cache(chat(key, "cache-control", "no-store")));
        HttpResponse<String> stored = chat(key);
        assertEquals("miss", cache(stored), "no-store kept nothing");
        assertEquals("second", text(stored));

        HttpResponse<String> fresh = chat(key, "cache-control", "no-cache");
        assertEquals("bypass", cache(fresh));
        assertEquals("third", text(fresh));
        assertEquals("third", text(chat(key)), "the fresh answer was kept in place of the older one");

        // LiteLLM's per-request controls in the body, never sent upstream.
        HttpResponse<String> both = send("/v1/chat/completions", key,
                CHAT.replace("{\"model\"", "{\"cache\":{\"no-cache\":true,\"no-store\":true},\"model\""));
        assertEquals(200, both.statusCode(), both.body());
        assertEquals("bypass", cache(both));
        assertEquals("fourth", text(both));
        assertFalse(openAi.lastRequest().json().has("cache"), openAi.lastRequest().bodyText());
        assertEquals("third", text(chat(key)), "no-store: the older answer stays");
        assertEquals(4, openAi.requestCount());
    }

    @Test
    void anErrorIsNeverKept() {
        openAi.replyError(ErrorKind.SERVER_ERROR);
        openAi.replyText("Paris.", new FakeUsage(20, 2));
        HttpResponse<String> failed = chat(key);
        assertEquals(500, failed.statusCode(), failed.body());
        assertEquals("miss", cache(failed));
        HttpResponse<String> answered = chat(key);
        assertEquals(200, answered.statusCode(), answered.body());
        assertEquals("miss", cache(answered));
        assertEquals("hit", cache(chat(key)));
    }

    @Test
    void aBadDirectiveIsA400NamingItAndRecordsNothing() {
        HttpResponse<String> refused = chat(key, "x-gatehouse-cache-ttl", "soon");
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("x-gatehouse-cache-ttl"), refused.body());
        HttpResponse<String> namespace = send("/v1/chat/completions", key,
                CHAT.replace("{\"model\"", "{\"cache\":{\"namespace\":\"two words\"},\"model\""));
        assertEquals(400, namespace.statusCode(), namespace.body());
        assertTrue(namespace.body().contains("cache.namespace"), namespace.body());
        assertEquals(0, openAi.requestCount());
    }

    private HttpResponse<String> stream(String secret, boolean usage) {
        return send("/v1/chat/completions", secret, CHAT.replace("{\"model\"", "{\"stream\":true,"
                + (usage ? "\"stream_options\":{\"include_usage\":true}," : "") + "\"model\""));
    }

    /** The text of a chat stream's chunks, joined. */
    private static String streamedText(HttpResponse<String> response) {
        StringBuilder text = new StringBuilder();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("data: {")) {
                JsonNode chunk = Json.parseUpstream(line.substring(6), "test");
                chunk.path("choices").forEach(c -> text.append(c.path("delta").path("content").asText("")));
            }
        }
        return text.toString();
    }

    @Test
    void aWholeAnswerIsReplayedAsAStream() {
        openAi.replyText("Paris.", new FakeUsage(20, 2));
        assertEquals("miss", cache(chat(key)));
        HttpResponse<String> streamed = stream(key, true);
        assertEquals(200, streamed.statusCode(), streamed.body());
        assertEquals("hit", cache(streamed));
        assertEquals("Paris.", streamedText(streamed));
        assertTrue(streamed.body().contains("\"finish_reason\":\"stop\""), streamed.body());
        assertTrue(streamed.body().contains("\"prompt_tokens\":20"), "the usage chunk the caller asked for");
        assertTrue(streamed.body().endsWith("data: [DONE]\n\n"), streamed.body());
        assertFalse(stream(key, false).body().contains("prompt_tokens"), "no usage chunk unless asked for");
        assertEquals(1, openAi.requestCount());
        List<Row> rows = rowsAfterShutdown();
        Row hit = rows.get(1);
        assertTrue(hit.cacheHit(), rows.toString());
        assertEquals(0, BigDecimal.ZERO.compareTo(hit.cost()), rows.toString());
        assertNull(hit.prompt(), "a replayed usage chunk is not charged: " + rows);
    }

    @Test
    void aStreamThatEndedIsKeptWholeAndOneCutShortIsNot() {
        openAi.streamTextThenError(List.of("Par", "is"));
        openAi.streamText(List.of("Par", "is."), new FakeUsage(20, 2));
        HttpResponse<String> cut = stream(key, false);
        assertEquals(200, cut.statusCode(), cut.body());
        assertEquals("miss", cache(cut));
        HttpResponse<String> ended = stream(key, false);
        assertEquals("miss", cache(ended), "the cut stream was not kept");
        assertEquals("Paris.", streamedText(ended));
        HttpResponse<String> whole = chat(key);
        assertEquals(200, whole.statusCode(), whole.body());
        assertEquals("hit", cache(whole));
        assertEquals("Paris.", text(whole));
        JsonNode answer = Json.parseUpstream(whole.body(), "test");
        assertEquals("chat.completion", answer.path("object").asText(), whole.body());
        assertEquals("stop", answer.path("choices").path(0).path("finish_reason").asText(), whole.body());
        assertEquals(20, answer.path("usage").path("prompt_tokens").asInt(), whole.body());
        assertEquals(2, openAi.requestCount());
    }

    @Test
    void toolCallsSurviveTheRoundTripThroughAStream() {
        openAi.streamToolCalls(List.of(new dev.gatehouse.testkit.ScriptableFake.FakeToolCall("weather",
                "{\"city\":\"Paris\"}")), new FakeUsage(20, 5));
        assertEquals("miss", cache(stream(key, false)));
        HttpResponse<String> whole = chat(key);
        assertEquals("hit", cache(whole), whole.body());
        JsonNode call = Json.parseUpstream(whole.body(), "test").path("choices").path(0).path("message")
                .path("tool_calls").path(0);
        assertEquals("call_0_fake", call.path("id").asText(), whole.body());
        assertEquals("weather", call.path("function").path("name").asText(), whole.body());
        assertEquals("{\"city\":\"Paris\"}", call.path("function").path("arguments").asText(), whole.body());
        HttpResponse<String> replayed = stream(key, false);
        assertEquals("hit", cache(replayed));
        assertTrue(replayed.body().contains("\"name\":\"weather\""), replayed.body());
        assertTrue(replayed.body().contains("\"finish_reason\":\"tool_calls\""), replayed.body());
        assertEquals(1, openAi.requestCount());
    }

    @Test
    void legacyCompletionsAreCachedWholeAndStreamed() {
        openAi.replyText("Paris.", new FakeUsage(20, 2));
        openAi.streamText(List.of("Ber", "lin."), new FakeUsage(20, 2));
        String paris = "{\"model\":\"gpt\",\"max_tokens\":10,\"prompt\":\"The capital of France is\"}";
        assertEquals("miss", cache(send("/v1/completions", key, paris)));
        HttpResponse<String> whole = send("/v1/completions", key, paris);
        assertEquals("hit", cache(whole));
        JsonNode completion = Json.parseUpstream(whole.body(), "test");
        assertEquals("text_completion", completion.path("object").asText());
        assertEquals("Paris.", completion.path("choices").path(0).path("text").asText());

        HttpResponse<String> replayed = send("/v1/completions", key, paris.replace("{", "{\"stream\":true,"));
        assertEquals("hit", cache(replayed));
        assertTrue(replayed.body().contains("\"text\":\"Paris.\""), replayed.body());
        assertTrue(replayed.body().contains("\"object\":\"text_completion\""), replayed.body());
        assertTrue(replayed.body().endsWith("data: [DONE]\n\n"), replayed.body());

        String berlin = paris.replace("France", "Germany");
        assertEquals("miss", cache(send("/v1/completions", key, berlin.replace("{", "{\"stream\":true,"))));
        HttpResponse<String> kept = send("/v1/completions", key, berlin);
        assertEquals("hit", cache(kept), "the stream was kept as the whole completion");
        assertEquals("Berlin.", Json.parseUpstream(kept.body(), "test").path("choices").path(0).path("text").asText());
        assertEquals(2, openAi.requestCount());
    }

    @Test
    void anthropicMessagesAreCachedInTheirOwnFormat() {
        anthropic.replyText("Paris.", new FakeUsage(20, 2));
        String body = "{\"model\":\"claude\",\"max_tokens\":10,\"cache\":{\"ttl\":60},\"messages\":[{\"role\":\"user\","
                + "\"content\":\"what is the capital of France?\"}]}";
        HttpResponse<String> first = send("/v1/messages", key, body);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("miss", cache(first));
        assertFalse(anthropic.lastRequest().json().has("cache"), "the cache field is Gatehouse's");
        HttpResponse<String> again = send("/v1/messages", key, body);
        assertEquals("hit", cache(again));
        JsonNode message = Json.parseUpstream(again.body(), "test");
        assertEquals("Paris.", message.path("content").path(0).path("text").asText(), again.body());
        assertEquals(1, anthropic.requestCount());
        HttpResponse<String> refused = send("/v1/messages", key, body, "x-gatehouse-cache-ttl", "0");
        assertEquals(400, refused.statusCode());
        assertEquals("error", Json.parseUpstream(refused.body(), "test").path("type").asText(), "Anthropic's format");
    }
}
