package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.gatehouse.server.testing.Await;
import dev.gatehouse.server.testing.MutableClock;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spend attribution as callers and admins see it (docs/spend.md, "End users and tags"): the end
 * user of each route and the order of its sources, tags from the key, the headers and the body
 * on the spend row, invalid values refused before anything is recorded of them, blocked and
 * limited end users refused in each API's own format, and the admin API's views of it all.
 */
class AttributionHttpTest {

    private ControlPlane control;
    private Gatehouse gatehouse;
    private String owner;

    @BeforeEach
    void start() {
        control = TestStores.h2ControlPlane();
        owner = control.adminKeys().create("owner", AdminRole.OWNER, Actor.CLI).secret();
        gatehouse = LimitedGateways.start(control, null, new MutableClock(), List.of());
    }

    @AfterEach
    void stop() {
        gatehouse.close();
    }

    private String key(ObjectNode metadata) {
        return control.keys().createKey(new KeyDraft("attributed", null, List.of("*"), Set.of(), List.of(), null,
                Limits.NONE, metadata), Actor.CLI).secret();
    }

    private HttpResponse<String> post(String path, String key, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port() + path))
                .header("authorization", "Bearer " + key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return LimitedGateways.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> admin(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.adminPort()
                + path)).header("authorization", "Bearer " + owner)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        try {
            return LimitedGateways.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String chatBody(String extra) {
        return "{\"model\":\"mock\",\"max_tokens\":10," + extra
                + (extra.isEmpty() ? "" : ",") + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    private record Row(int status, String model, String endUser, String tags) {}

    /** The request's spend row, once the batched writer has written it. */
    private Row row(HttpResponse<String> response) {
        String requestId = response.headers().firstValue("x-request-id").orElseThrow();
        Await.until(() -> !rows(requestId).isEmpty(), "the spend row is written");
        return rows(requestId).getFirst();
    }

    private List<Row> rows(String requestId) {
        return control.database().query("SELECT status, model, end_user, tags FROM spend_log WHERE request_id = ?",
                r -> new Row(r.getInt("status"), r.getString("model"), r.getString("end_user"), r.getString("tags")),
                requestId);
    }

    private List<String> tagRows(HttpResponse<String> response) {
        String requestId = response.headers().firstValue("x-request-id").orElseThrow();
        return control.database().query("SELECT tag FROM spend_tags WHERE request_id = ? ORDER BY tag",
                r -> r.getString(1), requestId);
    }

    @Test
    void eachRouteNamesItsEndUserWhereItsApiPutsIt() {
        String key = key(Json.object());
        HttpResponse<String> chat = post("/v1/chat/completions", key, Map.of(), chatBody("\"user\":\"u-chat\""));
        assertEquals(200, chat.statusCode(), chat.body());
        assertEquals("u-chat", row(chat).endUser());
        HttpResponse<String> messages = post("/v1/messages", key, Map.of(), "{\"model\":\"mock\",\"max_tokens\":10,"
                + "\"metadata\":{\"user_id\":\"u-anthropic\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(200, messages.statusCode(), messages.body());
        assertEquals("u-anthropic", row(messages).endUser());
        HttpResponse<String> responses = post("/v1/responses", key, Map.of(),
                "{\"model\":\"mock\",\"input\":\"hi\",\"safety_identifier\":\"u-safety\"}");
        assertEquals(200, responses.statusCode(), responses.body());
        assertEquals("u-safety", row(responses).endUser());
        HttpResponse<String> completions = post("/v1/completions", key, Map.of(),
                "{\"model\":\"mock\",\"prompt\":\"hi\",\"max_tokens\":5,\"user\":\"u-completions\"}");
        assertEquals(200, completions.statusCode(), completions.body());
        assertEquals("u-completions", row(completions).endUser());
        HttpResponse<String> none = post("/v1/chat/completions", key, Map.of(), chatBody(""));
        assertNull(row(none).endUser(), "a request naming no end user has none");
    }

    @Test
    void headersComeBeforeTheBodyInLiteLlmsOrderWithGatehousesOwnFirst() {
        String key = key(Json.object());
        String body = chatBody("\"user\":\"from-body\"");
        assertEquals("from-end-user-header", row(post("/v1/chat/completions", key,
                Map.of("x-litellm-end-user-id", "from-end-user-header"), body)).endUser());
        assertEquals("from-customer-header", row(post("/v1/chat/completions", key,
                Map.of("x-litellm-end-user-id", "from-end-user-header", "x-litellm-customer-id",
                        "from-customer-header"), body)).endUser());
        assertEquals("from-gatehouse-header", row(post("/v1/chat/completions", key,
                Map.of("x-litellm-customer-id", "from-customer-header", "x-gatehouse-end-user",
                        "from-gatehouse-header"), body)).endUser());
    }

    @Test
    void tagsFromTheKeyTheHeadersAndTheBodyAreOnTheSpendRowAndInSpendByTag() {
        ObjectNode metadata = Json.object();
        metadata.putArray("tags").add("team-search");
        String key = key(metadata);
        HttpResponse<String> tagged = post("/v1/chat/completions", key,
                Map.of("x-litellm-tags", " batch , nightly,", "x-gatehouse-tags", "gh"),
                chatBody("\"metadata\":{\"tags\":[\"job:42\",\"batch\"]}"));
        assertEquals(200, tagged.statusCode(), tagged.body());
        assertEquals("[\"team-search\",\"gh\",\"batch\",\"nightly\",\"job:42\"]", row(tagged).tags());
        assertEquals(List.of("batch", "gh", "job:42", "nightly", "team-search"), tagRows(tagged));
        HttpResponse<String> keyOnly = post("/v1/messages", key, Map.of(), "{\"model\":\"mock\",\"max_tokens\":10,"
                + "\"metadata\":{\"tags\":[\"anthropic\"]},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(200, keyOnly.statusCode(), "Anthropic's metadata takes only user_id; tags are Gatehouse's: "
                + keyOnly.body());
        assertEquals("[\"team-search\",\"anthropic\"]", row(keyOnly).tags());

        JsonNode byTag = Json.parseUpstream(admin("GET", "/admin/spend?group_by=tag", null).body(), "test");
        assertEquals("tag", byTag.path("group_by").asText());
        Map<String, Long> requests = new java.util.TreeMap<>();
        byTag.path("data").forEach(r -> requests.put(r.path("tag").asText(), r.path("requests").asLong()));
        assertEquals(Map.of("anthropic", 1L, "batch", 1L, "gh", 1L, "job:42", 1L, "nightly", 1L, "team-search", 2L),
                requests);
        JsonNode liteLlm = Json.parseUpstream(admin("GET", "/spend/tags", null).body(), "test");
        assertTrue(liteLlm.isArray() && liteLlm.size() == 6, liteLlm.toString());
        assertEquals("team-search", liteLlm.get(0).path("individual_request_tag").asText(), "the most spent first");
        assertEquals(2, liteLlm.get(0).path("log_count").asLong());
        assertTrue(liteLlm.get(0).path("total_spend").decimalValue().signum() > 0, liteLlm.toString());
    }

    @Test
    void invalidEndUsersAndTagsAre400sThatRecordNothingOfThem() {
        String key = key(Json.object());
        Map<String, String> none = Map.of();
        List<Object[]> cases = List.of(
                new Object[] {none, chatBody("\"user\":5"), "user"},
                new Object[] {none, chatBody("\"user\":\"line\\nbreak\""), "user"},
                new Object[] {none, chatBody("\"user\":\"" + "u".repeat(257) + "\""), "user"},
                new Object[] {none, chatBody("\"safety_identifier\":[\"x\"]"), "safety_identifier"},
                new Object[] {none, chatBody("\"metadata\":{\"tags\":\"one\"}"), "metadata.tags"},
                new Object[] {none, chatBody("\"metadata\":{\"tags\":[1]}"), "metadata.tags"},
                new Object[] {none, chatBody("\"metadata\":{\"tags\":[\"" + "t".repeat(65) + "\"]}"), "metadata.tags"},
                new Object[] {Map.of("x-litellm-tags", tags(21)), chatBody(""), "metadata.tags"},
                new Object[] {Map.of("x-litellm-end-user-id", "e".repeat(300)), chatBody(""),
                        "x-litellm-end-user-id"});
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            Map<String, String> headers = (Map<String, String>) c[0];
            HttpResponse<String> refused = post("/v1/chat/completions", key, headers, (String) c[1]);
            assertEquals(400, refused.statusCode(), refused.body());
            JsonNode error = Json.parseUpstream(refused.body(), "test").path("error");
            assertEquals("invalid_request_error", error.path("type").asText(), refused.body());
            assertEquals(c[2], error.path("param").asText(), refused.body());
            Row row = row(refused);
            assertEquals(new Row(400, null, null, null), row, "the refused row keeps no model, end user or tags");
            assertEquals(List.of(), tagRows(refused));
        }
        HttpResponse<String> anthropic = post("/v1/messages", key, none, "{\"model\":\"mock\",\"max_tokens\":10,"
                + "\"metadata\":{\"user_id\":7},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(400, anthropic.statusCode());
        assertEquals("invalid_request_error", Json.parseUpstream(anthropic.body(), "test").path("error").path("type")
                .asText(), "Anthropic's error format: " + anthropic.body());
        assertEquals("error", Json.parseUpstream(anthropic.body(), "test").path("type").asText());
    }

    private static String tags(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : ",").append("tag").append(i);
        }
        return out.toString();
    }

    @Test
    void aBlockedEndUserIsRefusedInEachApisFormatAndAnUnknownOneIsServed() {
        String key = key(Json.object());
        assertEquals(201, admin("POST", "/admin/end-users", "{\"user_id\":\"banned\",\"blocked\":true}").statusCode());
        HttpResponse<String> openAi = post("/v1/chat/completions", key, Map.of(), chatBody("\"user\":\"banned\""));
        assertEquals(403, openAi.statusCode(), openAi.body());
        assertEquals("permission_error", Json.parseUpstream(openAi.body(), "test").path("error").path("type").asText());
        assertEquals(new Row(403, "mock", "banned", null), row(openAi), "the refusal is recorded under the end user");
        HttpResponse<String> anthropic = post("/v1/messages", key, Map.of(), "{\"model\":\"mock\",\"max_tokens\":10,"
                + "\"metadata\":{\"user_id\":\"banned\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(403, anthropic.statusCode(), anthropic.body());
        assertEquals("permission_error", Json.parseUpstream(anthropic.body(), "test").path("error").path("type")
                .asText(), anthropic.body());
        assertEquals(200, post("/v1/chat/completions", key, Map.of(), chatBody("\"user\":\"stranger\"")).statusCode());
        assertEquals(200, admin("PATCH", "/admin/end-users/banned", "{\"blocked\":false}").statusCode());
        assertEquals(200, post("/v1/chat/completions", key, Map.of(), chatBody("\"user\":\"banned\"")).statusCode(),
                "a change on this instance counts at once");
    }

    @Test
    void anEndUsersRequestsPerMinuteAndBudgetHoldAcrossKeys() {
        String first = key(Json.object());
        String second = key(Json.object());
        assertEquals(201, admin("POST", "/admin/end-users", "{\"user_id\":\"rate\",\"rpm_limit\":2}").statusCode());
        assertEquals(200, post("/v1/chat/completions", first, Map.of(), chatBody("\"user\":\"rate\"")).statusCode());
        assertEquals(200, post("/v1/chat/completions", second, Map.of(), chatBody("\"user\":\"rate\"")).statusCode());
        HttpResponse<String> refused = post("/v1/chat/completions", first, Map.of(), chatBody("\"user\":\"rate\""));
        assertEquals(429, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("The end user's limit of 2 requests per minute"), refused.body());

        // $1 per thousand tokens; "hi" with max_tokens 10 reserves about $0.015.
        assertEquals(201, admin("POST", "/admin/end-users", "{\"user_id\":\"budgeted\",\"max_budget\":0.03}")
                .statusCode());
        int served = 0;
        HttpResponse<String> answer = post("/v1/chat/completions", first, Map.of(), chatBody("\"user\":\"budgeted\""));
        while (answer.statusCode() == 200 && served < 5) {
            served++;
            answer = post("/v1/chat/completions", served % 2 == 0 ? first : second,
                    Map.of("x-litellm-customer-id", "budgeted"), chatBody(""));
        }
        assertTrue(served >= 1 && served < 5, "served " + served + " before the budget stopped the end user");
        assertEquals(429, answer.statusCode(), answer.body());
        assertEquals("insufficient_quota", Json.parseUpstream(answer.body(), "test").path("error").path("code")
                .asText(), answer.body());
        assertTrue(answer.body().contains("The end user's budget of $0.03 is"), answer.body());
        assertEquals(200, post("/v1/chat/completions", first, Map.of(), chatBody("")).statusCode(),
                "the key itself is not limited");
    }

    @Test
    void endUsersAreManagedThroughTheAdminApiAndLiteLlmsCustomerEndpointsAndAudited() {
        JsonNode created = Json.parseUpstream(admin("POST", "/admin/end-users",
                "{\"user_id\":\"acme-42\",\"alias\":\"Acme\",\"max_budget\":5,\"budget_duration\":\"monthly\"}").body(),
                "test");
        assertEquals("acme-42", created.path("user_id").asText(), created.toString());
        assertEquals("5", created.path("max_budget").asText());
        assertEquals(400, admin("POST", "/admin/end-users", "{\"user_id\":\"acme-42\"}").statusCode(),
                "an id is created once");
        assertEquals(400, admin("POST", "/admin/end-users", "{\"user_id\":\"x\",\"colour\":\"red\"}").statusCode());
        assertEquals(400, admin("POST", "/admin/end-users", "{\"alias\":\"no id\"}").statusCode());
        assertEquals(1, Json.parseUpstream(admin("GET", "/admin/end-users", null).body(), "test").path("data").size());
        JsonNode patched = Json.parseUpstream(admin("PATCH", "/admin/end-users/acme-42", "{\"rpm_limit\":60}").body(),
                "test");
        assertEquals(60, patched.path("rpm_limit").asInt());
        assertEquals("5", patched.path("max_budget").asText(), "a change merges onto the end user");
        String auditor = control.adminKeys().create("auditor", AdminRole.AUDITOR, Actor.CLI).secret();
        HttpResponse<String> forbidden;
        try {
            forbidden = LimitedGateways.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + gatehouse.adminPort() + "/admin/end-users")).header("authorization", "Bearer " + auditor)
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"user_id\":\"nope\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertEquals(403, forbidden.statusCode(), "auditors read, they do not change");

        // LiteLLM's customer endpoints, over the same end users.
        assertEquals(200, admin("POST", "/customer/new", "{\"user_id\":\"lite\",\"max_budget\":2,"
                + "\"budget_duration\":\"30d\",\"rpm_limit\":10}").statusCode());
        JsonNode info = Json.parseUpstream(admin("GET", "/customer/info?end_user_id=lite", null).body(), "test");
        assertEquals("lite", info.path("user_id").asText(), info.toString());
        assertFalse(info.path("blocked").asBoolean());
        assertEquals("30d", info.path("litellm_budget_table").path("budget_duration").asText(), info.toString());
        assertEquals(10, info.path("litellm_budget_table").path("rpm_limit").asInt());
        assertEquals(400, admin("POST", "/customer/new", "{\"user_id\":\"r\",\"allowed_model_region\":\"eu\"}")
                .statusCode(), "a LiteLLM field without a Gatehouse meaning is refused by name");
        assertEquals(200, admin("POST", "/customer/block", "{\"user_ids\":[\"lite\"]}").statusCode());
        assertTrue(control.endUsers().get("lite").orElseThrow().blocked());
        assertEquals(2, Json.parseUpstream(admin("GET", "/customer/list", null).body(), "test").size());
        assertEquals(200, admin("POST", "/customer/delete", "{\"user_ids\":[\"lite\"]}").statusCode());
        assertEquals(404, admin("GET", "/customer/info?end_user_id=lite", null).statusCode());

        String key = key(Json.object());
        assertEquals(200, post("/v1/chat/completions", key, Map.of(), chatBody("\"user\":\"seen-only\"")).statusCode());
        Await.until(() -> admin("GET", "/customer/info?end_user_id=seen-only", null).statusCode() == 200,
                "an end user with spend rows is described though no admin created it");
        assertEquals(200, admin("DELETE", "/admin/end-users/acme-42", null).statusCode());
        assertEquals(404, admin("GET", "/admin/end-users/acme-42", null).statusCode());
        List<String> actions = control.audit().list(0, 1000).stream().map(e -> e.action())
                .filter(a -> a.startsWith("end_user.")).toList();
        assertEquals(List.of("end_user.created", "end_user.updated", "end_user.created", "end_user.updated",
                "end_user.deleted", "end_user.deleted"), actions);
    }

    @Test
    void spendByEndUserSumsTheirRequests() {
        String key = key(Json.object());
        for (String user : List.of("alice", "alice", "bob")) {
            assertEquals(200, post("/v1/chat/completions", key, Map.of(), chatBody("\"user\":\"" + user + "\""))
                    .statusCode());
        }
        Map<String, Long> requests = new java.util.TreeMap<>();
        Await.until(() -> {
            requests.clear();
            Json.parseUpstream(admin("GET", "/admin/spend?group_by=end_user", null).body(), "test").path("data")
                    .forEach(r -> requests.put(r.path("end_user").asText(), r.path("requests").asLong()));
            return requests.equals(Map.of("alice", 2L, "bob", 1L));
        }, "spend by end user counts each one's requests");
        assertTrue(admin("GET", "/admin/spend/export", null).body().lines().skip(1).allMatch(line ->
                line.contains(",alice,") || line.contains(",bob,")), "the export names the end user");
    }

    /** What reaches an OpenAI upstream: the end user as it already went, and no tags (OpenAI's metadata takes strings). */
    @Test
    void theUpstreamGetsTheUserAsBeforeAndNoTags() {
        FakeOpenAi openai = new FakeOpenAi();
        ServerSettings d = ServerSettings.defaults();
        try (TestStores.Started started = TestStores.start(new GatehouseConfig(new ServerSettings("127.0.0.1", 0,
                d.maxBodyBytes(), d.maxMessages(), d.maxHeaderBytes(), d.drainTimeout()), List.of(
                Deployment.builder("gpt", "openai").upstreamModel("gpt-4o").baseUrl(openai.baseUrl())
                        .apiKey(Secret.of(openai.apiKey())).build()), Set.of("127.0.0.1"))
                .withRouting(TestStores.ONE_ATTEMPT))) {
            openai.replyText("ok", new FakeUsage(3, 1));
            HttpResponse<String> answer;
            try {
                answer = LimitedGateways.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + started.port() + "/v1/chat/completions")).header("authorization", "Bearer "
                        + started.apiKey()).header("content-type", "application/json")
                        .header("x-litellm-customer-id", "u-header").header("x-gatehouse-tags", "h")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt\",\"user\":\"u-1\","
                                + "\"metadata\":{\"tags\":[\"a\"],\"trace\":\"t-1\"},"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            assertEquals(200, answer.statusCode(), answer.body());
            JsonNode sent = openai.requests().getLast().json();
            assertEquals("u-1", sent.path("user").asText(), sent.toString());
            assertEquals("{\"trace\":\"t-1\"}", sent.path("metadata").toString(), "only the tags are taken out");
            assertTrue(openai.requests().getLast().header("x-litellm-customer-id").isEmpty()
                    && openai.requests().getLast().header("x-gatehouse-tags").isEmpty(), "the headers stay here");
        } finally {
            openai.close();
        }
    }
}
