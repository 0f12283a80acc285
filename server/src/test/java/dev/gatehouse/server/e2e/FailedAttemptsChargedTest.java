package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.wire.ChatRequestJson;
import dev.gatehouse.json.Json;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.crypto.MasterKeyring;
import dev.gatehouse.server.spend.Tokenizer;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.MasterKeyringText;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.anthropic.FakeAnthropic;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An attempt that fails after its upstream accepted the request (a 5xx, a timeout waiting for
 * the answer) may be billed by the provider, so it is charged its input tokens: in the request's
 * one spend row and in the key's budget. An attempt that never reached the upstream (the
 * connection refused) is charged nothing. The default routing is used: two retries.
 */
class FailedAttemptsChargedTest {

    /** $1 per thousand tokens each way: a prompt of about 2,000 tokens costs about $2 an attempt. */
    private static final ModelPrice PRICE = ModelPrice.tokens("1000", "1000");
    private static final String PROMPT = "word ".repeat(2000);

    private final FakeOpenAi fake = new FakeOpenAi();
    private final FakeAnthropic anthropic = new FakeAnthropic();
    private StoreSettings store;
    private Gatehouse gatehouse;
    private String key;

    @BeforeEach
    void start() {
        store = new StoreSettings("jdbc:h2:mem:attempts-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                Optional.empty(), Optional.empty(), 4);
        ControlPlane control = ControlPlane.open(store, Optional.of(MasterKeyring.parse(MasterKeyringText.fresh())),
                Duration.ofMillis(50));
        key = control.keys().createKey(new KeyDraft("budgeted", null, List.of("*"), Set.of(), List.of(), null,
                new Limits(new BigDecimal("100"), null, null, null, null, null, null), Json.object()), Actor.CLI)
                .secret();
        Deployment gpt = Deployment.builder("gpt", "openai").upstreamModel("gpt-4o").baseUrl(fake.baseUrl())
                .apiKey(Secret.of(fake.apiKey())).timeout(Duration.ofMillis(500)).build();
        Deployment down = Deployment.builder("down", "openai").upstreamModel("gpt-4o")
                .baseUrl(java.net.URI.create("http://127.0.0.1:9")).apiKey(Secret.of(fake.apiKey())).build();
        Deployment claude = Deployment.builder("claude", "anthropic").upstreamModel("claude-sonnet-4-5")
                .baseUrl(anthropic.baseUrl()).apiKey(Secret.of(anthropic.apiKey())).timeout(Duration.ofSeconds(5))
                .build();
        ServerSettings d = ServerSettings.defaults();
        gatehouse = Gatehouse.start(new GatehouseConfig(new ServerSettings("127.0.0.1", 0, d.maxBodyBytes(),
                d.maxMessages(), d.maxHeaderBytes(), Duration.ofSeconds(5)), List.of(gpt, down, claude),
                Set.of("127.0.0.1")).withPrice(gpt, PRICE).withPrice(down, PRICE).withPrice(claude, PRICE), control);
    }

    @AfterEach
    void stop() {
        gatehouse.close();
        fake.close();
        anthropic.close();
    }

    private static String body(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"max_tokens\":10,\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"" + PROMPT + "\"}]}";
    }

    /** The input tokens the gateway counts for the test's request, as it charges a failed attempt. */
    private static int promptTokens() {
        ChatRequest request = ChatRequestJson.read(Json.parseUpstream(body("gpt", false), "test"));
        return Tokenizer.prompt(request);
    }

    private HttpResponse<String> send(String model, boolean stream) {
        return LimitedGateways.post(gatehouse, "/v1/chat/completions", key, body(model, stream));
    }

    /** What the key's budget has spent (or holds), in dollars to the cent, as a refusal names it. */
    private BigDecimal budgetSpent() {
        HttpResponse<String> refused = LimitedGateways.post(gatehouse, "/v1/chat/completions", key,
                "{\"model\":\"gpt\",\"max_tokens\":1000000,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(429, refused.statusCode(), refused.body());
        Matcher spent = Pattern.compile("\\(\\$([0-9.]+) spent or held").matcher(refused.body());
        assertTrue(spent.find(), refused.body());
        return new BigDecimal(spent.group(1));
    }

    private static BigDecimal dollars(long tokens) {
        return BigDecimal.valueOf(tokens).divide(BigDecimal.valueOf(1000)).setScale(2, RoundingMode.HALF_UP);
    }

    /** A spend row's tokens and cost, read after the gateway has written every row. */
    private record Row(String outcome, Integer prompt, Integer completion, BigDecimal cost, boolean estimated) {}

    private List<Row> rowsAfterShutdown() {
        gatehouse.close();
        try (Database database = Database.open(store)) {
            return database.query("SELECT * FROM spend_log ORDER BY at", r -> new Row(r.getString("outcome"),
                    (Integer) r.getObject("prompt_tokens"), (Integer) r.getObject("completion_tokens"),
                    r.getBigDecimal("cost_usd"), r.getBoolean("cost_estimated")));
        }
    }

    @Test
    void threeFailedAttemptsAreChargedThreeTimesTheirInput() {
        fake.replyError(ErrorKind.SERVER_ERROR);
        fake.replyError(ErrorKind.OVERLOADED);
        fake.replyError(ErrorKind.SERVER_ERROR);
        HttpResponse<String> failed = send("gpt", false);
        assertEquals(500, failed.statusCode(), failed.body());
        assertEquals("3", failed.headers().firstValue("x-gatehouse-attempts").orElseThrow());

        int prompt = promptTokens();
        assertEquals(dollars(3L * prompt), budgetSpent(), "the budget is charged each attempt's input");
        List<Row> rows = rowsAfterShutdown().stream().filter(r -> r.outcome().equals("upstream_error")).toList();
        assertEquals(1, rows.size(), "one row for the request, carrying the sum: " + rows);
        Row row = rows.getFirst();
        assertEquals(3 * prompt, row.prompt());
        assertEquals(0, row.completion());
        assertEquals(0, BigDecimal.valueOf(3L * prompt).divide(BigDecimal.valueOf(1000)).compareTo(row.cost()),
                "cost " + row.cost());
        assertTrue(row.estimated());
    }

    @Test
    void aTimeoutAndA5xxBeforeAnAnswerAddTheirInputToTheAnswersCost() {
        fake.replyError(ErrorKind.SERVER_ERROR);
        fake.enqueue(new Reply.Hang());
        fake.replyText("done", new FakeUsage(2000, 10));
        HttpResponse<String> answered = send("gpt", false);
        assertEquals(200, answered.statusCode(), answered.body());
        assertEquals("3", answered.headers().firstValue("x-gatehouse-attempts").orElseThrow());

        int prompt = promptTokens();
        assertEquals(dollars(2000 + 10 + 2L * prompt), budgetSpent());
        Row row = rowsAfterShutdown().stream().filter(r -> r.outcome().equals("success")).findFirst().orElseThrow();
        assertEquals(2000 + 2 * prompt, row.prompt());
        assertEquals(10, row.completion());
        assertTrue(row.estimated(), "two attempts' input was counted by the gateway");
    }

    @Test
    void aStreamThatFailedBeforeItsFirstChunkIsChargedItsInputToo() {
        fake.replyError(ErrorKind.SERVER_ERROR);
        fake.streamText(List.of("Hel", "lo"), new FakeUsage(2000, 2));
        HttpResponse<String> streamed = send("gpt", true);
        assertEquals(200, streamed.statusCode(), streamed.body());
        assertEquals(dollars(2000 + 2 + promptTokens()), budgetSpent());
    }

    /**
     * A stream sent as written to Anthropic that breaks off after message_start: the usage seen at
     * the start counts the input exactly but only one output token; what was streamed until the
     * break is counted, as for a caller who left.
     */
    @Test
    void aNativeStreamBrokenOffMidwayIsChargedWhatItStreamed() {
        List<String> fragments = List.of("Hello there, ", "this answer is longer than a single token");
        anthropic.streamTextThenDrop(fragments);
        HttpResponse<String> broken = LimitedGateways.post(gatehouse, "/v1/messages", key, "{\"model\":\"claude\","
                + "\"max_tokens\":100,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(200, broken.statusCode(), broken.body());
        assertTrue(broken.body().contains("event: error"), broken.body());
        int streamed = Tokenizer.count(String.join("", fragments));
        Row row = rowsAfterShutdown().stream().filter(r -> r.outcome().equals("upstream_error")).findFirst()
                .orElseThrow();
        assertEquals(10, row.prompt(), "message_start's exact input");
        assertEquals(streamed, row.completion(), "what went out before the break");
        assertTrue(row.estimated());
    }

    @Test
    void attemptsThatNeverReachedTheUpstreamAreNotCharged() {
        HttpResponse<String> unreachable = send("down", false);
        assertEquals(502, unreachable.statusCode(), unreachable.body());
        assertEquals("3", unreachable.headers().firstValue("x-gatehouse-attempts").orElseThrow());
        assertEquals(new BigDecimal("0.00"), budgetSpent());
        Row row = rowsAfterShutdown().stream().filter(r -> r.outcome().equals("upstream_error")).findFirst()
                .orElseThrow();
        assertNull(row.cost());
        assertNull(row.prompt());
    }
}
