package dev.gatehouse.server.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.crypto.MasterKeyring;
import dev.gatehouse.server.spend.SpendSettings;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.MasterKeyringText;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.cohere.FakeCohere;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import dev.gatehouse.testkit.openai.FakeOpenAiMedia;
import dev.gatehouse.testkit.openai.MediaDialect;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The hostile-input suite: every route of the running gateway (model routes, admin routes and
 * LiteLLM's key routes) is sent every field of a valid request replaced by over-long strings,
 * NUL and control characters, wrong types, huge numbers and deep nesting, unknown fields,
 * malformed bodies, hostile query parameters and headers, and unauthenticated floods. Each answer
 * must be an error in the route's own format with a 4xx status (or, for input that is merely
 * unusual, a success), never a server error or a stack trace; the server keeps serving; and
 * afterwards a good request's spend row and an admin action's audit entry are still written.
 *
 * <p>Run once per database ({@code …OnH2Test}, {@code …OnPostgresTest}): a value one database
 * stores and the other refuses (a NUL character on PostgreSQL) is exactly what this suite is for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class HostileInputContract {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** An error answer longer than this echoes too much of what it refuses. */
    private static final int MAX_ERROR_BYTES = 4_096;
    private static final FakeUsage USAGE = new FakeUsage(3, 2);

    /** How a route answers errors. */
    enum Format { OPENAI, ANTHROPIC }

    /**
     * A route with a valid body; {@code freeText} names the fields that hold free text (prompts,
     * documents), {@code opaque} those whose content the caller defines (see {@link Mutations#of}).
     */
    record Route(String method, String path, boolean admin, Format format, String validBody, List<String> freeText,
            List<String> opaque) {
        Route(String method, String path, boolean admin, Format format, String validBody, List<String> freeText) {
            this(method, path, admin, format, validBody, freeText, List.of("/metadata", "/parameters"));
        }

        String name() {
            return method + " " + path;
        }
    }

    private final FakeOpenAi openai = new FakeOpenAi();
    private final FakeOpenAiMedia media = new FakeOpenAiMedia(MediaDialect.OPENAI);
    private final FakeCohere cohere = new FakeCohere();
    private ControlPlane control;
    private Gatehouse gatehouse;
    private String apiKey;
    private String apiKeyId;
    private String owner;
    private String patchKeyId;
    private String liteLlmKey;

    /** The store this run of the suite uses. */
    abstract StoreSettings store();

    @BeforeAll
    void start() {
        openai.otherwiseFor(request -> {
            if (request.json().path("stream").asBoolean()) {
                openai.streamText(List.of("o", "k"), USAGE);
            } else {
                openai.replyText("ok", USAGE);
            }
        });
        media.otherwiseFor(request -> {
            if (request.pathOnly().endsWith("/embeddings")) {
                media.replyEmbeddings(1);
            } else {
                media.replyImages();
            }
        });
        cohere.otherwise(() -> cohere.replyRerank(List.of(0.5)));
        control = ControlPlane.open(store(), Optional.of(MasterKeyring.parse(MasterKeyringText.fresh())),
                Duration.ofMillis(50));
        owner = control.adminKeys().create("owner", AdminRole.OWNER, Actor.CLI).secret();
        var hostile = control.keys().createKey(new KeyDraft("hostile", null, List.of("*"), Set.of(), List.of(), null,
                Limits.NONE, Json.object()), Actor.CLI);
        apiKey = hostile.secret();
        apiKeyId = hostile.key().id();
        var patched = control.keys().createKey(new KeyDraft("to-patch", null, List.of("gpt"), Set.of(), List.of(),
                null, Limits.NONE, Json.object()), Actor.CLI);
        patchKeyId = patched.key().id();
        liteLlmKey = patched.secret();
        ServerSettings d = ServerSettings.defaults();
        List<Deployment> deployments = List.of(
                upstream("gpt", "openai", "gpt-4o", openai.baseUrl(), openai.apiKey()),
                Deployment.builder("gpt-chat", "openai").upstreamModel("gpt-4o").baseUrl(openai.baseUrl())
                        .apiKey(Secret.of(openai.apiKey())).options(Map.of("native_responses", "false"))
                        .timeout(Duration.ofSeconds(5)).build(),
                upstream("embed", "openai", "text-embedding-3-small", media.baseUrl(), media.apiKey()),
                upstream("gpt-image", "openai", "gpt-image-1", media.baseUrl(), media.apiKey()),
                upstream("rerank", "cohere", "rerank-v3.5", cohere.baseUrl(), cohere.apiKey()));
        GatehouseConfig config = new GatehouseConfig(new ServerSettings("127.0.0.1", 0, d.maxBodyBytes(),
                d.maxMessages(), d.maxHeaderBytes(), Duration.ofSeconds(5)), deployments, Set.of("127.0.0.1"))
                .withRouting(TestStores.ONE_ATTEMPT)
                .withSpend(SpendSettings.defaults().withFlushInterval(Duration.ofMillis(100)));
        gatehouse = Gatehouse.start(config, control);
    }

    private static Deployment upstream(String name, String provider, String model, URI baseUrl, String key) {
        return Deployment.builder(name, provider).upstreamModel(model).baseUrl(baseUrl).apiKey(Secret.of(key))
                .timeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    void stop() {
        if (gatehouse != null) {
            gatehouse.close();
        }
        openai.close();
        media.close();
        cohere.close();
    }

    private List<Route> routes() {
        String chat = "{\"model\":\"gpt\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}],\"max_tokens\":5,"
                + "\"temperature\":0.5,\"stream\":false,\"tools\":[{\"type\":\"function\",\"function\":"
                + "{\"name\":\"lookup\",\"description\":\"looks up\",\"parameters\":{\"type\":\"object\"}}}]}";
        List<String> prompts = List.of("/content", "/text", "/description", "/system");
        return List.of(
                new Route("POST", "/v1/chat/completions", false, Format.OPENAI, chat, prompts),
                new Route("POST", "/v1/chat/completions", false, Format.OPENAI,
                        chat.replace("\"stream\":false", "\"stream\":true,\"stream_options\":{\"include_usage\":true}"),
                        prompts),
                new Route("POST", "/v1/messages", false, Format.ANTHROPIC, "{\"model\":\"gpt\",\"max_tokens\":16,"
                        + "\"system\":\"be brief\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                        + "\"text\":\"hi\"}]}],\"temperature\":0.5}", prompts),
                new Route("POST", "/v1/messages/count_tokens", false, Format.ANTHROPIC, "{\"model\":\"gpt\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", prompts),
                new Route("POST", "/v1/completions", false, Format.OPENAI, "{\"model\":\"gpt\",\"prompt\":\"say hi\","
                        + "\"max_tokens\":5,\"temperature\":0.5,\"stream\":false}", List.of("/prompt")),
                new Route("POST", "/v1/responses", false, Format.OPENAI, "{\"model\":\"gpt-chat\","
                        + "\"instructions\":\"be brief\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":"
                        + "\"input_text\",\"text\":\"hi\"}]}],\"max_output_tokens\":16,\"temperature\":0.5,"
                        + "\"store\":false,\"tools\":[{\"type\":\"function\",\"name\":\"lookup\",\"description\":"
                        + "\"looks up\",\"parameters\":{\"type\":\"object\"}}]}",
                        List.of("/instructions", "/text", "/description")),
                new Route("POST", "/v1/embeddings", false, Format.OPENAI,
                        "{\"model\":\"embed\",\"input\":\"hello\",\"encoding_format\":\"float\"}", List.of("/input")),
                new Route("POST", "/v1/images/generations", false, Format.OPENAI, "{\"model\":\"gpt-image\","
                        + "\"prompt\":\"a cat\",\"n\":1,\"size\":\"1024x1024\"}", List.of("/prompt")),
                new Route("POST", "/v1/rerank", false, Format.OPENAI, "{\"model\":\"rerank\",\"query\":\"q\","
                        + "\"documents\":[\"d\"],\"top_n\":1}", List.of("/query", "/documents/0")),
                new Route("POST", "/admin/teams", true, Format.OPENAI, "{\"name\":\"hostile-team\",\"models\":[\"gpt\"],"
                        + "\"max_budget\":10,\"budget_duration\":\"monthly\",\"rpm_limit\":5,\"metadata\":{\"cc\":\"42\"}}",
                        List.of()),
                new Route("POST", "/admin/keys", true, Format.OPENAI, "{\"name\":\"hostile-key\",\"models\":[\"gpt\"],"
                        + "\"endpoints\":[\"chat\"],\"duration\":\"1d\",\"max_budget\":1,\"tpm_limit\":1000,"
                        + "\"metadata\":{\"app\":\"x\"}}", List.of()),
                new Route("PATCH", "/admin/keys/" + patchKeyId, true, Format.OPENAI,
                        "{\"rpm_limit\":3,\"models\":[\"gpt\"],\"metadata\":{\"a\":\"b\"}}", List.of()),
                new Route("PUT", "/admin/credentials/hostile", true, Format.OPENAI,
                        "{\"value\":\"sk-hostile-credential-0001\"}", List.of("/value")),
                new Route("POST", "/admin/admin-keys", true, Format.OPENAI, "{\"name\":\"hostile-admin\","
                        + "\"role\":\"auditor\"}", List.of()),
                new Route("POST", "/key/generate", true, Format.OPENAI, "{\"models\":[\"gpt\"],\"key_alias\":\"alias\","
                        + "\"max_budget\":1,\"metadata\":{\"a\":\"b\"}}", List.of()),
                new Route("POST", "/key/update", true, Format.OPENAI, "{\"key\":\"" + liteLlmKey + "\","
                        + "\"max_budget\":2,\"metadata\":{\"a\":\"b\"}}", List.of()),
                new Route("POST", "/key/delete", true, Format.OPENAI, "{\"keys\":[\"key_doesnotexist\"]}", List.of()),
                new Route("POST", "/v2/key/info", true, Format.OPENAI, "{\"keys\":[\"" + patchKeyId + "\"]}",
                        List.of()),
                new Route("POST", "/admin/playground/chat/completions", true, Format.OPENAI,
                        "{\"key_id\":\"" + apiKeyId + "\"," + chat.substring(1), prompts),
                new Route("POST", "/ui/api/session", true, Format.OPENAI, "{\"admin_key\":\"" + owner + "\"}",
                        List.of()));
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyFieldOfEveryRoute() {
        return routes().stream().map(route -> DynamicTest.dynamicTest(route.name() + " " + route.validBody().length(),
                () -> {
                    List<String> problems = new ArrayList<>();
                    for (Mutations.Mutation m : Mutations.of(Json.parseUpstream(route.validBody(), "test"),
                            route.freeText(), route.opaque())) {
                        HttpResponse<String> response = send(route.method(), route.path(), route.admin() ? owner : apiKey,
                                m.body(), Map.of());
                        String problem = problem(route.format(), m.mustRefuse(), response);
                        if (problem != null) {
                            problems.add(m.description() + ": " + problem);
                        }
                    }
                    assertTrue(problems.isEmpty(), route.name() + " answered " + problems.size() + " hostile bodies"
                            + " wrongly:\n" + String.join("\n", problems));
                    assertStillServes();
                }));
    }

    @Test
    @Order(2)
    void hostileQueryAndPathParameters() throws Exception {
        List<String> problems = new ArrayList<>();
        String[] values = {Mutations.LONG, Mutations.CONTROL, "-1", "1" + "0".repeat(40), "1e308", "[]", "{}"};
        String[][] routes = {{"/admin/audit", "after"}, {"/admin/audit", "limit"}, {"/admin/spend", "from"},
            {"/admin/spend", "to"}, {"/admin/spend", "group_by"}, {"/admin/spend/export", "from"},
            {"/admin/keys", "team_id"}, {"/key/info", "key"}, {"/admin/spend/timeseries", "from"},
            {"/admin/spend/timeseries", "to"}, {"/admin/spend/timeseries", "bucket"}};
        for (String[] route : routes) {
            for (String value : values) {
                String path = route[0] + "?" + route[1] + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
                HttpResponse<String> response = send("GET", path, owner, null, Map.of());
                // A query value is never something to serve as given, but some (a time zone, a limit of -1
                // read as "none") may have a sensible reading: only a server error or a bad error counts.
                String problem = problem(Format.OPENAI, false, response);
                if (problem != null) {
                    problems.add(route[0] + " " + route[1] + "=" + abbreviated(value) + ": " + problem);
                }
            }
        }
        String[][] pathRoutes = {{"GET", "/admin/keys/"}, {"GET", "/admin/teams/"}, {"PATCH", "/admin/teams/"},
            {"DELETE", "/admin/credentials/"}, {"POST", "/admin/keys/%s/revoke"}, {"POST", "/key/%s/regenerate"}};
        for (String[] route : pathRoutes) {
            for (String value : values) {
                String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
                String path = route[1].contains("%s") ? route[1].replace("%s", encoded) : route[1] + encoded;
                HttpResponse<String> response = send(route[0], path, owner, route[0].equals("GET") ? null : "{}",
                        Map.of());
                String problem = problem(Format.OPENAI, false, response);
                if (problem != null) {
                    problems.add(route[0] + " " + route[1] + " with " + abbreviated(value) + ": " + problem);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertStillServes();
    }

    @Test
    @Order(3)
    void hostileHeaders() throws Exception {
        String chat = "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        List<String> problems = new ArrayList<>();
        List<Map<String, String>> headers = List.of(
                Map.of("x-request-id", "r".repeat(4_000)),
                Map.of("content-type", "application/json; charset=" + "x".repeat(2_000)),
                Map.of("content-type", "text/plain"),
                Map.of("anthropic-version", "v".repeat(4_000)),
                Map.of("x-gatehouse-tags", "t".repeat(4_000)));
        for (Map<String, String> header : headers) {
            HttpResponse<String> response = send("POST", "/v1/chat/completions", apiKey, chat, header);
            String problem = problem(Format.OPENAI, false, response);
            if (problem != null) {
                problems.add(abbreviated(header.toString()) + ": " + problem);
            }
        }
        HttpResponse<String> longKey = send("POST", "/v1/chat/completions", "gtw_vk_" + "k".repeat(4_000), chat,
                Map.of());
        assertEquals(401, longKey.statusCode(), longKey.body());
        for (String header : List.of("x-request-id: r\u0001\u007f", "anthropic-version: \u0001\u0002",
                "x-request-id: " + "\u0007".repeat(300))) {
            String status = rawStatusLine(chat, header);
            if (!status.matches("HTTP/1\\.1 [24]\\d\\d .*")) {
                problems.add(abbreviated(header) + ": " + status);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertStillServes();
    }

    @Test
    @Order(3)
    void longRequestLinesAreAnsweredNotDropped() throws Exception {
        // Helidon used to close a connection whose first read held no line end and was longer than
        // its request-line limit, without an answer: clients then retry or report a network fault.
        // (Over the 64 KiB limit the answer is a 414, which a test can not read reliably: the server
        // closes with the rest of the request unread, and the reset may discard the answer.)
        for (String path : List.of("/v1/models?x=" + "1".repeat(20_000), "/admin/audit?after=" + "1".repeat(20_000),
                "/admin/keys/" + "k".repeat(40_000))) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", gatehouse.port())) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n"
                        + "authorization: Bearer " + apiKey + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(answer.matches("(?s)HTTP/1\\.1 [24]\\d\\d .*"), abbreviated(path) + " was answered: "
                        + abbreviated(answer));
            }
        }
        assertStillServes();
    }

    /** Sends a chat request with one header line written as given (control characters and all); its status line. */
    private String rawStatusLine(String body, String header) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", gatehouse.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\n"
                    + "authorization: Bearer " + apiKey + "\r\ncontent-type: application/json\r\n" + header
                    + "\r\ncontent-length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            String line = in.readLine();
            return line == null ? "no answer" : line;
        }
    }

    @Test
    @Order(4)
    void unauthenticatedFloodsLeaveABoundedTrace() throws Exception {
        long before = auditEntries();
        int requests = 2_000;
        List<Future<Integer>> answers = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < requests; i++) {
                String key = i % 3 == 0 ? null : i % 3 == 1 ? "gtw_admin_" + "wrong".repeat(i % 7) : "not-a-key";
                String path = i % 2 == 0 ? "/admin/keys" : "/v1/chat/completions";
                answers.add(pool.submit(() -> {
                    HttpResponse<String> response = send(path.startsWith("/admin") ? "GET" : "POST", path, key,
                            path.startsWith("/admin") ? null : "{}", Map.of());
                    return problem(Format.OPENAI, true, response) == null ? response.statusCode() : -1;
                }));
            }
        }
        for (Future<Integer> answer : answers) {
            assertEquals(401, answer.get(), "every unauthenticated request gets a 401 in OpenAI's format");
        }
        long added = auditEntries() - before;
        // Failed admin logins are counted per source address and minute: one entry a minute at most,
        // two should the flood straddle a minute.
        assertTrue(added <= 2, "the flood added " + added + " audit entries");
        assertStillServes();
    }

    @Test
    @Order(5)
    void afterwardsSpendRowsAndAuditEntriesAreStillWritten() throws Exception {
        String requestId = "after-the-hostile-suite";
        HttpResponse<String> good = send("POST", "/v1/chat/completions", apiKey,
                "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                Map.of("x-request-id", requestId));
        assertEquals(200, good.statusCode(), good.body());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (spendRows(requestId) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1, spendRows(requestId), "the good request's spend row was written after everything before it");

        HttpResponse<String> team = send("POST", "/admin/teams", owner,
                "{\"name\":\"after-hostile\",\"models\":[\"gpt\"]}", Map.of());
        assertEquals(201, team.statusCode(), team.body());
        String id = Json.parseUpstream(team.body(), "test").get("id").asText();
        assertEquals(1L, (long) control.database().queryOne("SELECT COUNT(*) FROM audit_log WHERE action = ?"
                + " AND target = ?", row -> row.getLong(1), "team.created", "team:" + id).orElseThrow());

        String metrics = send("GET", "/metrics", null, null, Map.of()).body();
        assertEquals("0", metric(metrics, "gatehouse_spend_write_failures_total"), "no spend batch was refused");
        assertEquals("0", metric(metrics, "gatehouse_spend_rows_dropped_total"));
    }

    private long auditEntries() {
        return control.database().queryOne("SELECT COUNT(*) FROM audit_log", row -> row.getLong(1)).orElseThrow();
    }

    private long spendRows(String requestId) {
        return control.database().queryOne("SELECT COUNT(*) FROM spend_log WHERE request_id = ?",
                row -> row.getLong(1), requestId).orElseThrow();
    }

    private static String metric(String scrape, String name) {
        return scrape.lines().filter(line -> line.startsWith(name + " ")).map(line -> line.substring(name.length() + 1))
                .findFirst().orElse("absent");
    }

    /** A good chat request still gets its answer. */
    private void assertStillServes() throws Exception {
        HttpResponse<String> ok = send("POST", "/v1/chat/completions", apiKey,
                "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"still there?\"}]}", Map.of());
        assertEquals(200, ok.statusCode(), ok.body());
    }

    /** What is wrong with {@code response}, or null. */
    private static String problem(Format format, boolean mustRefuse, HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body();
        if (status >= 500) {
            return "a server error " + status + ": " + abbreviated(body);
        }
        if (status < 400) {
            return mustRefuse ? "served with " + status + " what must be refused" : null;
        }
        if (!response.headers().firstValue("content-type").orElse("").startsWith("application/json")) {
            return status + " without a JSON body: " + abbreviated(body);
        }
        if (body.length() > MAX_ERROR_BYTES) {
            return status + " with an error of " + body.length() + " characters (it echoes too much)";
        }
        if (body.contains("\tat ") || body.contains("Exception") || body.contains("dev.gatehouse.")
                || body.contains("java.")) {
            return status + " with internals in the error: " + abbreviated(body);
        }
        JsonNode json;
        try {
            json = Json.parseUpstream(body, "test");
        } catch (RuntimeException e) {
            return status + " with a body that does not parse: " + abbreviated(body);
        }
        boolean shaped = switch (format) {
            case OPENAI -> json.path("error").path("message").isTextual() && json.path("error").has("type")
                    && json.path("error").has("param") && json.path("error").has("code");
            case ANTHROPIC -> "error".equals(json.path("type").asText()) && json.path("error").path("type").isTextual()
                    && json.path("error").path("message").isTextual();
        };
        return shaped ? null : status + " not in " + format + "'s error format: " + abbreviated(body);
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "… (" + text.length() + " characters)";
    }

    private HttpResponse<String> send(String method, String path, String key, String body, Map<String, String> headers)
            throws Exception {
        try {
            return HTTP.send(request(method, path, key, body, headers).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new AssertionError(method + " " + abbreviated(path) + " got no answer: " + e.getMessage(), e);
        }
    }

    private HttpRequest.Builder request(String method, String path, String key, String body,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (path.startsWith("/admin")
                || path.startsWith("/key/") ? gatehouse.adminPort() : gatehouse.port()) + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !headers.containsKey("content-type")) {
            request.header("content-type", "application/json");
        }
        if (key != null) {
            request.header(path.startsWith("/v1/messages") ? "x-api-key" : "authorization",
                    path.startsWith("/v1/messages") ? key : "Bearer " + key);
        }
        headers.forEach(request::header);
        return request;
    }
}
