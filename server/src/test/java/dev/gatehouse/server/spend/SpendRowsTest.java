package dev.gatehouse.server.spend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import dev.gatehouse.pricing.Cost;
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
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.MasterKeyringText;
import dev.gatehouse.server.crypto.MasterKeyring;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.anthropic.FakeAnthropic;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import dev.gatehouse.testkit.openai.FakeOpenAiMedia;
import dev.gatehouse.testkit.openai.MediaDialect;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real server writes exactly one correct spend row per request that passed the key check,
 * on every route and for every outcome: chat answered whole or streamed (with and without the
 * caller asking for usage), an upstream error, a refusal, a caller that goes away mid-stream,
 * embeddings and images. The rows are read after a graceful shutdown, which must have written
 * them all.
 */
class SpendRowsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    static final ModelPrice MOCK_PRICE = ModelPrice.tokens("1", "2");

    private final FakeOpenAi openai = new FakeOpenAi();
    private final FakeOpenAiMedia media = new FakeOpenAiMedia(MediaDialect.OPENAI);
    private final FakeAnthropic anthropic = new FakeAnthropic();
    private StoreSettings store;
    private Gatehouse gatehouse;
    private String key;
    private String keyId;

    @BeforeEach
    void start() {
        store = new StoreSettings("jdbc:h2:mem:spend-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                Optional.empty(), Optional.empty(), 4);
        ControlPlane control = ControlPlane.open(store, Optional.of(MasterKeyring.parse(MasterKeyringText.fresh())),
                Duration.ofMillis(50));
        var created = control.keys().createKey(new KeyDraft("spender", null, List.of("*"), Set.of(), List.of(), null,
                Limits.NONE, Json.object()), Actor.CLI);
        key = created.secret();
        keyId = created.key().id();
        Deployment mock = Deployment.builder("mock", "mock").options(Map.of("stream_delay_ms", "0")).build();
        Deployment slow = Deployment.builder("slow", "mock").upstreamModel("slow-mock")
                .options(Map.of("stream_delay_ms", "200")).build();
        Deployment gpt = Deployment.builder("gpt", "openai").upstreamModel("gpt-4o").baseUrl(openai.baseUrl())
                .apiKey(Secret.of(openai.apiKey())).timeout(Duration.ofSeconds(5)).build();
        Deployment embed = Deployment.builder("embed", "openai").upstreamModel("text-embedding-3-small")
                .baseUrl(media.baseUrl()).apiKey(Secret.of(media.apiKey())).timeout(Duration.ofSeconds(5)).build();
        Deployment image = Deployment.builder("gpt-image", "openai").upstreamModel("gpt-image-1")
                .baseUrl(media.baseUrl()).apiKey(Secret.of(media.apiKey())).timeout(Duration.ofSeconds(5)).build();
        Deployment claude = Deployment.builder("claude", "anthropic").upstreamModel("claude-sonnet-4-5")
                .baseUrl(anthropic.baseUrl()).apiKey(Secret.of(anthropic.apiKey())).timeout(Duration.ofSeconds(5))
                .build();
        ServerSettings d = ServerSettings.defaults();
        GatehouseConfig config = new GatehouseConfig(new ServerSettings("127.0.0.1", 0, d.maxBodyBytes(),
                d.maxMessages(), d.maxHeaderBytes(), Duration.ofSeconds(10)),
                List.of(mock, slow, gpt, embed, image, claude), Set.of("127.0.0.1"))
                .withRouting(dev.gatehouse.server.testing.TestStores.ONE_ATTEMPT)
                .withPrice(mock, MOCK_PRICE)
                .withPrice(embed, ModelPrice.tokens("0.02", "0"))
                .withPrice(image, new ModelPrice(null, null, null, null, null,
                        Map.of("1024x1024", new BigDecimal("0.04"))));
        gatehouse = Gatehouse.start(config, control);
    }

    @AfterEach
    void stop() {
        gatehouse.close();
        openai.close();
        media.close();
        anthropic.close();
    }

    private HttpResponse<String> post(String path, String requestId, String body, boolean withKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port() + path))
                .header("content-type", "application/json").header("x-request-id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(body.replace('\'', '"')));
        if (withKey) {
            request.header("authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A spend row as stored, read after the gateway has stopped. */
    record Row(String keyId, String model, String provider, String upstreamModel, String route, Integer prompt,
            Integer completion, Integer images, BigDecimal cost, int status, String outcome, Long ttftMs,
            boolean estimated) {}

    private Map<String, List<Row>> rowsAfterShutdown() {
        gatehouse.close();
        try (Database database = Database.open(store)) {
            Map<String, List<Row>> rows = new HashMap<>();
            database.query("SELECT * FROM spend_log", r -> new Object[] {r.getString("request_id"), new Row(
                    r.getString("key_id"), r.getString("model"), r.getString("provider"), r.getString("upstream_model"),
                    r.getString("route"), (Integer) r.getObject("prompt_tokens"),
                    (Integer) r.getObject("completion_tokens"), (Integer) r.getObject("images"),
                    r.getBigDecimal("cost_usd"), r.getInt("status"), r.getString("outcome"),
                    Database.nullableLong(r, "ttft_ms"), r.getBoolean("cost_estimated"))})
                    .forEach(pair -> rows.computeIfAbsent((String) pair[0], k -> new java.util.ArrayList<>())
                            .add((Row) pair[1]));
            return rows;
        }
    }

    private static Row only(Map<String, List<Row>> rows, String requestId) {
        List<Row> found = rows.getOrDefault(requestId, List.of());
        assertEquals(1, found.size(), "exactly one row for " + requestId + ": " + found);
        return found.getFirst();
    }

    private static Usage usageOf(JsonNode usage) {
        return Usage.of(usage.path("prompt_tokens").asInt(), usage.path("completion_tokens").asInt());
    }

    @Test
    void oneCorrectRowPerRequestOnEveryRouteAndOutcome() throws Exception {
        String chat = "{'model':'mock','messages':[{'role':'user','content':'count the cost of this'}]";
        HttpResponse<String> whole = post("/v1/chat/completions", "r-chat", chat + "}", true);
        assertEquals(200, whole.statusCode());
        Usage wholeUsage = usageOf(JSON.readTree(whole.body()).path("usage"));

        HttpResponse<String> streamed = post("/v1/chat/completions", "r-stream", chat + ",'stream':true}", true);
        assertEquals(200, streamed.statusCode());
        assertFalse(streamed.body().contains("\"usage\":{"), "a caller that did not ask gets no usage chunk");

        HttpResponse<String> streamedWithUsage = post("/v1/chat/completions", "r-stream-usage",
                chat + ",'stream':true,'stream_options':{'include_usage':true}}", true);
        assertTrue(streamedWithUsage.body().contains("\"usage\":{"), "a caller that asked gets it");

        openai.enqueue(Reply.Full.json(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}"));
        HttpResponse<String> failed = post("/v1/chat/completions", "r-upstream-error",
                "{'model':'gpt','messages':[{'role':'user','content':'hi'}]}", true);
        assertTrue(failed.statusCode() >= 500, failed.body());

        openai.enqueue(new Reply.Stream(200, Map.of("content-type", "text/event-stream"), List.of(Reply.Frame.of(
                "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"},"
                        + "\"finish_reason\":null}]}\n\n")), true));
        HttpResponse<String> broken = post("/v1/chat/completions", "r-stream-broken",
                "{'model':'gpt','stream':true,'messages':[{'role':'user','content':'hi'}]}", true);
        assertEquals(200, broken.statusCode());
        assertTrue(broken.body().contains("\"error\""), "the failure is reported inside the stream: " + broken.body());

        openai.enqueue(Reply.Full.json(200, "{\"id\":\"c2\",\"object\":\"chat.completion\",\"created\":1,"
                + "\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"Hello there\"},\"finish_reason\":\"stop\"}]}"));
        assertEquals(200, post("/v1/chat/completions", "r-no-usage",
                "{'model':'gpt','messages':[{'role':'user','content':'what does this cost?'}]}", true).statusCode());

        assertEquals(404, post("/v1/chat/completions", "r-refused",
                "{'model':'nope','messages':[{'role':'user','content':'hi'}]}", true).statusCode());
        assertEquals(401, post("/v1/chat/completions", "r-no-key", chat + "}", false).statusCode());

        disconnectMidStream("r-disconnect");

        media.replyEmbeddings(1);
        HttpResponse<String> embedded = post("/v1/embeddings", "r-embed", "{'model':'embed','input':'abcdefgh'}", true);
        assertEquals(200, embedded.statusCode(), embedded.body());

        media.replyImages();
        HttpResponse<String> drawn = post("/v1/images/generations", "r-image",
                "{'model':'gpt-image','prompt':'a gate','size':'1024x1024'}", true);
        assertEquals(200, drawn.statusCode(), drawn.body());

        Map<String, List<Row>> rows = rowsAfterShutdown();

        Row r = only(rows, "r-chat");
        assertEquals(new Row(keyId, "mock", "mock", "mock", "chat_completions", wholeUsage.promptTokens(),
                wholeUsage.completionTokens(), null, Cost.of(MOCK_PRICE, wholeUsage), 200, "success", null, false), r);

        Row s = only(rows, "r-stream");
        assertEquals(wholeUsage.promptTokens(), s.prompt(), "the stream's usage was asked for and recorded");
        assertEquals(wholeUsage.completionTokens(), s.completion());
        assertEquals(0, Cost.of(MOCK_PRICE, wholeUsage).compareTo(s.cost()));
        assertEquals("success", s.outcome());
        assertTrue(s.ttftMs() != null && s.ttftMs() >= 0, "a stream has a time to first token");
        assertEquals(s.prompt(), only(rows, "r-stream-usage").prompt());

        Row e = only(rows, "r-upstream-error");
        assertEquals("upstream_error", e.outcome());
        assertEquals(failed.statusCode(), e.status());
        assertEquals("openai", e.provider());
        assertEquals("gpt-4o", e.upstreamModel());
        // The upstream had the request (a 500), so it may bill it: its input is charged, counted here.
        int hiPrompt = Tokenizer.prompt(dev.gatehouse.api.wire.ChatRequestJson.read(JSON.readTree(
                "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")));
        assertEquals(hiPrompt, e.prompt());
        assertEquals(0, e.completion());
        assertEquals(0, Cost.of(dev.gatehouse.pricing.PriceTable.bundled().find("openai", "gpt-4o").orElseThrow(),
                Usage.of(hiPrompt, 0)).compareTo(e.cost()), "its input at the deployment's price");
        assertTrue(e.estimated());

        Row brokenRow = only(rows, "r-stream-broken");
        assertEquals("upstream_error", brokenRow.outcome(), "a stream that broke after it started");
        assertEquals(200, brokenRow.status(), "the status the caller got: the stream had started");
        assertTrue(brokenRow.ttftMs() != null);
        assertEquals(List.of(1, true), List.of(brokenRow.completion(), brokenRow.estimated()),
                "the provider bills what it generated before the break: \"Hi\", counted, marked estimated");
        assertTrue(brokenRow.prompt() > 0, "the prompt is counted too");

        Row silent = only(rows, "r-no-usage");
        assertEquals("success", silent.outcome());
        assertTrue(silent.estimated(), "an answer without usage is counted and marked so");
        assertEquals(2, silent.completion(), "\"Hello there\" is two tokens in o200k_base");
        assertEquals(Tokenizer.prompt(dev.gatehouse.api.ChatRequest.of("gpt", List.of(
                dev.gatehouse.api.Message.User.of("what does this cost?")))), silent.prompt());

        Row refused = only(rows, "r-refused");
        assertEquals("refused", refused.outcome());
        assertEquals(404, refused.status());
        assertNull(refused.provider());

        assertFalse(rows.containsKey("r-no-key"), "a request without an accepted key has no row");

        Row gone = only(rows, "r-disconnect");
        assertEquals("disconnected", gone.outcome());
        assertEquals("slow-mock", gone.upstreamModel());
        assertEquals(0, gone.cost().signum(), "the mock provider is priced at zero");
        assertTrue(gone.estimated(), "the mock reports usage only at the end; what went out was counted instead");
        assertTrue(gone.completion() >= 1 && gone.prompt() > 12, "generated " + gone.completion() + ", prompt "
                + gone.prompt());

        Row em = only(rows, "r-embed");
        assertEquals("embeddings", em.route());
        assertEquals(8, em.prompt(), "the fake counts one token per character");
        assertEquals(0, new BigDecimal("0.00000016").compareTo(em.cost()));

        Row im = only(rows, "r-image");
        assertEquals("images_generations", im.route());
        assertEquals(1, im.images());
        assertEquals(0, new BigDecimal("0.04").compareTo(im.cost()));

        assertEquals(10, rows.size(), "nothing else was recorded: " + rows.keySet());
        openai.assertNoViolations();
        media.assertNoViolations();
    }

    @Test
    void anthropicsMessagesRouteWritesRowsTooTranslatedOrAsWritten() throws Exception {
        String ask = "{'max_tokens':100,'messages':[{'role':'user','content':'count the cost of this'}]";
        HttpResponse<String> translated = post("/v1/messages", "m-translated", "{'model':'mock'," + ask.substring(1)
                + "}", true);
        assertEquals(200, translated.statusCode(), translated.body());
        HttpResponse<String> translatedStream = post("/v1/messages", "m-translated-stream", "{'model':'mock',"
                + "'stream':true," + ask.substring(1) + "}", true);
        assertEquals(200, translatedStream.statusCode());
        anthropic.replyText("Hi", new FakeUsage(11, 3));
        HttpResponse<String> native1 = post("/v1/messages", "m-native", "{'model':'claude'," + ask.substring(1) + "}",
                true);
        assertEquals(200, native1.statusCode(), native1.body());
        anthropic.streamText(List.of("Hello", " there"), new FakeUsage(12, 4));
        HttpResponse<String> native2 = post("/v1/messages", "m-native-stream", "{'model':'claude','stream':true,"
                + ask.substring(1) + "}", true);
        assertEquals(200, native2.statusCode(), native2.body());

        Map<String, List<Row>> rows = rowsAfterShutdown();
        JsonNode usage = JSON.readTree(translated.body()).path("usage");
        Row t = only(rows, "m-translated");
        assertEquals("messages", t.route());
        assertEquals(usage.path("input_tokens").asInt(), t.prompt());
        assertEquals(usage.path("output_tokens").asInt(), t.completion());
        assertEquals(0, Cost.of(MOCK_PRICE, Usage.of(t.prompt(), t.completion())).compareTo(t.cost()));
        assertEquals(t.prompt(), only(rows, "m-translated-stream").prompt(), "the stream's usage is recorded");
        Row n = only(rows, "m-native");
        assertEquals(List.of("anthropic", 11, 3, "success"), List.of(n.provider(), n.prompt(), n.completion(),
                n.outcome()));
        Row ns = only(rows, "m-native-stream");
        assertEquals(List.of(12, 4, "success"), List.of(ns.prompt(), ns.completion(), ns.outcome()));
        assertTrue(ns.ttftMs() != null);
        anthropic.assertNoViolations();
    }

    @Test
    void aCallerLeavingAnAnthropicStreamAsWrittenIsChargedForWhatWentOut() throws Exception {
        anthropic.streamSlowly(40, 100);
        disconnectMidStream("/v1/messages", "{\"model\":\"claude\",\"stream\":true,\"max_tokens\":100,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"count slowly\"}]}", "m-gone",
                "content_block_delta\ndata: {\"type\":\"content_block_delta\"");
        Row gone = only(rowsAfterShutdown(), "m-gone");
        assertEquals("disconnected", gone.outcome());
        assertTrue(gone.estimated(), "message_start's output count is only the start; the deltas were counted");
        assertTrue(gone.completion() >= 1, "counted " + gone.completion());
        assertTrue(gone.prompt() > 0, "input tokens from message_start: " + gone.prompt());
    }

    /**
     * A model name the spend log can not hold (longer than its column, or with a NUL, which
     * PostgreSQL refuses) is refused on every model route before the ticket learns it: the
     * refusal's row has no model, and the rows after it are written. Before, the refused row
     * carried the name, the database refused its batch, and the writer retried it for ever while
     * every later row of every key waited behind it.
     */
    @Test
    void aHostileModelNameIsRefusedBeforeItIsRecordedAndTheLogKeepsWriting() throws Exception {
        String tooLong = "m".repeat(300);
        String withNul = "mo\\u0000ck";
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        for (String model : List.of(tooLong, withNul)) {
            String tag = model.equals(tooLong) ? "long" : "nul";
            bodies.put("/v1/chat/completions " + tag, "{'model':'" + model + "','messages':[{'role':'user','content':'hi'}]}");
            bodies.put("/v1/embeddings " + tag, "{'model':'" + model + "','input':'abc'}");
            bodies.put("/v1/images/generations " + tag, "{'model':'" + model + "','prompt':'a gate'}");
            bodies.put("/v1/messages " + tag, "{'model':'" + model + "','max_tokens':10,"
                    + "'messages':[{'role':'user','content':'hi'}]}");
            bodies.put("/v1/rerank " + tag, "{'model':'" + model + "','query':'q','documents':['a','b']}");
        }
        int n = 0;
        for (Map.Entry<String, String> attempt : bodies.entrySet()) {
            String path = attempt.getKey().substring(0, attempt.getKey().indexOf(' '));
            HttpResponse<String> refused = post(path, "bad-" + n++, attempt.getValue(), true);
            assertEquals(400, refused.statusCode(), attempt.getKey() + ": " + refused.body());
            assertTrue(refused.body().contains("model"), refused.body());
        }
        for (String model : List.of(tooLong, "mo\u0000ck")) {
            String form = "--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n" + model + "\r\n"
                    + "--XyZ\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nadd a hat\r\n"
                    + "--XyZ\r\nContent-Disposition: form-data; name=\"image\"; filename=\"cat.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\npng\r\n--XyZ--\r\n";
            HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + gatehouse.port() + "/v1/images/edits")).header("authorization", "Bearer " + key)
                    .header("x-request-id", "bad-" + n++).header("content-type", "multipart/form-data; boundary=XyZ")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, refused.statusCode(), "images/edits: " + refused.body());
        }
        assertEquals(200, post("/v1/chat/completions", "good-after", "{'model':'mock','messages':[{'role':'user',"
                + "'content':'hi'}]}", true).statusCode());

        Map<String, List<Row>> rows = rowsAfterShutdown();
        assertEquals("success", only(rows, "good-after").outcome(), "the log kept writing");
        for (int i = 0; i < n; i++) {
            Row bad = only(rows, "bad-" + i);
            assertEquals(List.of(400, "refused"), List.of(bad.status(), bad.outcome()));
            assertNull(bad.model(), "nothing of the refused request's model is recorded");
        }
    }

    /** Starts a slow stream, reads its first event, and resets the connection. */
    private void disconnectMidStream(String requestId) throws Exception {
        disconnectMidStream("/v1/chat/completions", "{\"model\":\"slow\",\"stream\":true,\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"one two three four five six seven eight nine ten eleven twelve\"}]}",
                requestId, "data: ");
    }

    /** Posts {@code body} to {@code path}, reads the answer until {@code seenEnough}, and resets the connection. */
    private void disconnectMidStream(String path, String body, String requestId, String seenEnough) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gatehouse.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + key + "\r\nx-request-id: " + requestId + "\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            while (!seen.toString().contains(seenEnough)) {
                int b = in.read();
                assertTrue(b >= 0, "the stream started: " + seen);
                seen.append((char) b);
            }
            socket.setSoLinger(true, 0); // a reset, as a client that crashes or is killed
        }
    }
}
