package dev.gatehouse.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.routing.Fallbacks;
import dev.gatehouse.routing.RoutingSettings;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.auth.TeamDraft;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.RoutingConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metrics a running gateway writes after real requests: a success, a stream, a failure that
 * was retried, a fallback, a limiter refusal, a credential the upstream refused (which takes its
 * deployment out of routing) and requests for models it does not serve. Model m
 * has a primary and a drained backup (weight 0), with the fallback model f; the deployments'
 * upstream model is priced, so that requests cost something. One key belongs to a team with a
 * budget, another has a limit of one request a minute, a third has no limits.
 */
class MetricsAfterRequestsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final FakeOpenAi PRIMARY = new FakeOpenAi();
    private static final FakeOpenAi BACKUP = new FakeOpenAi();
    private static final FakeOpenAi FALLBACK = new FakeOpenAi();
    private static Gatehouse gatehouse;
    private static String teamKey;
    private static String teamId;
    private static String limitedKey;
    private static String plainKey;
    private static PrometheusScrape scrape;
    private static String text;

    private static Deployment deployment(String model, String id, FakeOpenAi fake, double weight) {
        return Deployment.builder(model, "openai").id(id).upstreamModel("gpt-4o-mini").baseUrl(fake.baseUrl())
                .apiKey(Secret.of(fake.apiKey())).timeout(Duration.ofSeconds(5)).weight(weight).build();
    }

    @BeforeAll
    static void serveTheRequests() throws Exception {
        ControlPlane control = TestStores.h2ControlPlane();
        teamId = control.keys().createTeam(new TeamDraft("research", List.of("*"),
                new Limits(new BigDecimal("100"), null, null, null, null, null, null), Json.object()), Actor.CLI).id();
        teamKey = control.keys().createKey(new KeyDraft("team-key", teamId, List.of("*"), Set.of(), List.of(), null,
                Limits.NONE, Json.object()), Actor.CLI).secret();
        limitedKey = control.keys().createKey(new KeyDraft("limited", null, List.of("*"), Set.of(), List.of(), null,
                new Limits(null, null, null, null, 1, null, null), Json.object()), Actor.CLI).secret();
        plainKey = control.keys().createKey(new KeyDraft("plain", null, List.of("*"), Set.of(), List.of(), null,
                Limits.NONE, Json.object()), Actor.CLI).secret();
        ServerSettings d = ServerSettings.defaults();
        GatehouseConfig config = new GatehouseConfig(new ServerSettings("127.0.0.1", 0, d.maxBodyBytes(),
                d.maxMessages(), d.maxHeaderBytes(), Duration.ofSeconds(5)),
                List.of(deployment("m", "primary", PRIMARY, 1), deployment("m", "backup", BACKUP, 0),
                        deployment("f", "fallback", FALLBACK, 1)), Set.of("127.0.0.1"))
                .withRouting(new RoutingConfig(RoutingSettings.DEFAULTS.withRetries(1)
                        .withBackoff(Duration.ofMillis(1), Duration.ofMillis(20)), Map.of(),
                        new Fallbacks(Map.of("m", List.of("f")), Map.of(), Map.of())));
        gatehouse = Gatehouse.start(config, control);

        PRIMARY.replyText("plain", new FakeUsage(10, 5));
        assertEquals(200, chat(teamKey, "m", false).statusCode());
        PRIMARY.streamText(List.of("str", "eamed"), new FakeUsage(7, 3));
        HttpResponse<String> streamed = chat(teamKey, "m", true);
        assertEquals(200, streamed.statusCode());
        assertTrue(streamed.body().contains("[DONE]"), streamed.body());
        PRIMARY.replyError(ErrorKind.SERVER_ERROR);
        BACKUP.replyText("retried", new FakeUsage(2, 2));
        assertEquals(200, chat(teamKey, "m", false).statusCode());
        PRIMARY.replyError(ErrorKind.SERVER_ERROR);
        BACKUP.replyError(ErrorKind.OVERLOADED);
        FALLBACK.replyText("fell back", new FakeUsage(4, 1));
        assertEquals(200, chat(teamKey, "m", false).statusCode());
        PRIMARY.replyText("once", new FakeUsage(1, 1));
        assertEquals(200, chat(limitedKey, "m", false).statusCode());
        assertEquals(429, chat(limitedKey, "m", false).statusCode());
        PRIMARY.replyError(ErrorKind.AUTHENTICATION); // a refused credential takes the primary out
        BACKUP.replyText("after a refused credential", new FakeUsage(1, 1));
        assertEquals(200, chat(plainKey, "m", false).statusCode());
        for (int i = 0; i < 20; i++) {
            assertEquals(404, chat(plainKey, "not-served-" + i, false).statusCode());
        }
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gatehouse.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        text = metrics.body();
        scrape = PrometheusScrape.parse(text);
    }

    @AfterAll
    static void stop() {
        gatehouse.close();
        PRIMARY.close();
        BACKUP.close();
        FALLBACK.close();
    }

    private static HttpResponse<String> chat(String key, String model, boolean stream) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port()
                        + "/v1/chat/completions"))
                .header("content-type", "application/json").header("authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double value(String name, Map<String, String> labels) {
        return scrape.value(name, labels).orElseThrow(() -> new AssertionError("no " + name + labels + " in\n" + text));
    }

    @Test
    void requestsCountByRouteAndStatusAndTheirDurationByModel() {
        assertEquals(6.0, value("gatehouse_requests_total", Map.of("route", "chat_completions", "status", "200")));
        assertEquals(1.0, value("gatehouse_requests_total", Map.of("route", "chat_completions", "status", "429")));
        assertEquals(1.0, value("gatehouse_errors_total", Map.of("route", "chat_completions",
                "type", "rate_limit_error")));
        assertEquals(6.0, value("gen_ai_server_request_duration_seconds_count",
                Map.of("route", "chat_completions", "model", "m", "status", "200")));
        assertEquals(1.0, value("gen_ai_server_request_duration_seconds_count",
                Map.of("route", "chat_completions", "model", "m", "status", "429")),
                "a refused request of a served model counts under it");
        assertEquals(1.0, value("gen_ai_server_time_to_first_token_seconds_count", Map.of("model", "m")));
        assertEquals(1.0, value("gatehouse_time_to_first_token_seconds_count", Map.of()));
    }

    @Test
    void tokensAndCostCountByTheModelThatServedAndTheTeam() {
        Map<String, String> mOfTeam = Map.of("model", "m", "team", teamId);
        assertEquals(19.0, value("gen_ai_client_inference_usage_input_tokens_total", mOfTeam));
        assertEquals(10.0, value("gen_ai_client_inference_usage_output_tokens_total", mOfTeam));
        assertEquals(0.0, value("gen_ai_client_inference_usage_cache_read_input_tokens_total", mOfTeam));
        assertEquals(0.0, value("gen_ai_client_inference_usage_reasoning_output_tokens_total", mOfTeam));
        assertEquals(4.0, value("gen_ai_client_inference_usage_input_tokens_total", Map.of("model", "f",
                "team", teamId)), "a fallback's tokens count under the model that served");
        assertEquals(2.0, value("gen_ai_client_inference_usage_input_tokens_total", Map.of("model", "m",
                "team", "none")), "keys without a team");
        // gpt-4o-mini: $0.15 per million input tokens, $0.60 per million output tokens; the failed
        // attempts the upstream may bill are charged too (docs/spend.md), so the cost is at least that.
        assertTrue(value("gatehouse_cost_usd_total", mOfTeam) >= 19 * 0.15e-6 + 10 * 0.60e-6 - 1e-12);
        assertTrue(value("gatehouse_cost_usd_total", Map.of("model", "f", "team", teamId)) > 0);
    }

    @Test
    void theTeamsCostIsWhatTheSpendLogCharged() throws InterruptedException {
        double metric = scrape.sum("gatehouse_cost_usd_total", Map.of("team", teamId));
        BigDecimal logged = BigDecimal.ZERO;
        for (int i = 0; i < 200 && logged.doubleValue() < metric - 1e-12; i++) {
            Thread.sleep(50); // the spend rows are written in batches, off the request path
            logged = gatehouse.spendQueries().teamSpentSince(teamId, Instant.EPOCH);
        }
        assertEquals(logged.doubleValue(), metric, 1e-12);
    }

    @Test
    void upstreamErrorsRetriesAndFallbacksCountByDeploymentAndModel() {
        assertEquals(2.0, value("gatehouse_upstream_errors_total", Map.of("deployment", "primary", "model", "m",
                "kind", "server_error", "status_class", "5xx")));
        assertEquals(1.0, scrape.sum("gatehouse_upstream_errors_total", Map.of("deployment", "backup")));
        assertEquals(1.0, value("gatehouse_upstream_errors_total", Map.of("deployment", "primary", "model", "m",
                "kind", "authentication", "status_class", "4xx")));
        assertEquals(4.0, value("gatehouse_retries_total", Map.of("model", "m")));
        assertEquals(1.0, value("gatehouse_fallbacks_total", Map.of("model", "m", "fallback", "f")));
        assertEquals(2.0, value("gatehouse_deployment_failures_total", Map.of("deployment", "primary", "model", "m",
                "type", "api_error")), "the older per-deployment counter stays");
        assertEquals(1.0, value("gatehouse_deployment_cooling_down", Map.of("deployment", "primary", "model", "m")),
                "the refused credential's deployment is out");
        assertEquals(0.0, value("gatehouse_deployment_cooling_down", Map.of("deployment", "backup", "model", "m")));
        assertEquals(0.0, value("gatehouse_deployment_cooling_down", Map.of("deployment", "fallback", "model", "f")));
        assertEquals(1.0, value("gatehouse_deployment_cooldowns_total", Map.of("deployment", "primary", "model", "m",
                "reason", "credential_refused")));
    }

    @Test
    void limiterRefusalsCountByKindAndTheTeamsBudgetShows() {
        assertEquals(1.0, value("gatehouse_limit_refusals_total", Map.of("reason", "rpm")));
        assertEquals(1.0, scrape.sum("gatehouse_limit_refusals_total", Map.of()), "nothing else was refused");
        double left = value("gatehouse_team_budget_remaining_usd", Map.of("team", teamId));
        assertTrue(left > 99 && left < 100, "spent or held: " + left);
    }

    @Test
    void modelsNotServedMakeNoSeriesAndKeyIdsAreNoLabelsByDefault() {
        assertFalse(text.contains("not-served"), text);
        assertEquals(20.0, value("gatehouse_requests_total", Map.of("route", "chat_completions", "status", "404")));
        assertTrue(scrape.samples().stream().noneMatch(s -> s.labels().containsKey("key_id")), text);
    }

    @Test
    void theJvmAndTheProcessAreThere() {
        assertTrue(value("jvm_memory_used_bytes", Map.of("area", "heap")) > 0);
        assertTrue(value("jvm_memory_max_bytes", Map.of("area", "heap")) != 0);
        assertTrue(value("jvm_threads_current", Map.of()) > 0);
        assertFalse(scrape.samples("jvm_gc_collection_seconds_count").isEmpty(), text);
        assertTrue(scrape.samples("jvm_gc_collection_seconds_count").stream()
                .allMatch(s -> s.labels().containsKey("gc")));
        assertTrue(value("process_cpu_seconds_total", Map.of()) > 0);
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertTrue(value("process_resident_memory_bytes", Map.of()) > 0);
            assertTrue(value("process_open_fds", Map.of()) > 0);
            assertTrue(value("process_max_fds", Map.of()) >= value("process_open_fds", Map.of()));
        }
        if (Runtime.version().feature() >= 24) {
            assertTrue(value("jvm_threads_virtual_mounted", Map.of()) >= 0);
        }
    }

    @Test
    void theQueuesAreThere() {
        assertTrue(scrape.types().containsKey("gatehouse_audit_queue_events"), text);
        assertTrue(scrape.types().containsKey("gatehouse_audit_events_dropped_total"), text);
        assertEquals("gauge", scrape.types().get("gatehouse_open_streams"));
    }
}
