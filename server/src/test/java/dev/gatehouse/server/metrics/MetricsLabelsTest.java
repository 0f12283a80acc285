package dev.gatehouse.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Usage;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.routing.RouteTrace;
import dev.gatehouse.server.telemetry.GenAiFacts;
import dev.gatehouse.server.telemetry.RequestSummary;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Which labels the per-model metrics carry, and how many values they may take: models only as
 * the configuration serves them, teams and keys up to {@code max_label_values} and {@code other}
 * past it, key ids only with {@code per_key_labels}, every value escaped.
 */
class MetricsLabelsTest {

    private static final Deployment SERVED = Deployment.builder("served", "mock").id("served-1").build();

    private static RequestSummary summary(String model, Deployment deployment, String team, String key, Usage usage,
            List<RouteTrace.Failure> failures) {
        return new RequestSummary("r", "chat_completions", 200, "127.0.0.1", 5_000_000, 4_000_000, null, null,
                new RequestSummary.ModelRequest(key, team, model, deployment, 1 + failures.size(), failures, null,
                        usage, usage == null ? null : new BigDecimal("0.000123"), null, false, new GenAiFacts()));
    }

    private static PrometheusScrape scrape(Metrics metrics) {
        return PrometheusScrape.parse(metrics.scrape());
    }

    private static Set<String> values(PrometheusScrape scrape, String metric, String label) {
        return scrape.samples(metric).stream().map(s -> s.labels().get(label)).collect(Collectors.toSet());
    }

    @Test
    void modelsAskedForThatAreNotServedMakeNoSeries() {
        Metrics metrics = new Metrics();
        metrics.servedModels(() -> List.of("served", "also-served"));
        for (int i = 0; i < 500; i++) {
            // Refused before routing (no deployment): only the configuration can vouch for the name.
            metrics.finished(summary("made-up-" + i, null, null, "key_a", Usage.of(1, 1), List.of()));
        }
        metrics.finished(summary("also-served", null, null, "key_a", null, List.of()));
        metrics.finished(summary("served", SERVED, null, "key_a", Usage.of(3, 4), List.of()));
        String text = metrics.scrape();
        assertFalse(text.contains("made-up"), text);
        PrometheusScrape scrape = PrometheusScrape.parse(text);
        assertEquals(Set.of("served", "also-served"),
                values(scrape, "gen_ai_server_request_duration_seconds_count", "model"));
        assertEquals(3.0, scrape.sum("gen_ai_client_inference_usage_input_tokens_total", Map.of("model", "served")));
        assertEquals(502.0, scrape.sum("gatehouse_requests_total", Map.of("route", "chat_completions")),
                "every request still counts by route");
    }

    @Test
    void teamsPastTheBoundCountAsOtherAndNoTokenIsLost() {
        Metrics metrics = new Metrics(new MetricsSettings(false, 10));
        for (int i = 0; i < 50; i++) {
            metrics.finished(summary("served", SERVED, "team_" + i, "key_" + i, Usage.of(10, 1), List.of()));
        }
        PrometheusScrape scrape = scrape(metrics);
        Set<String> teams = values(scrape, "gen_ai_client_inference_usage_input_tokens_total", "team");
        assertEquals(11, teams.size(), teams.toString());
        assertTrue(teams.contains("other"), teams.toString());
        assertEquals(500.0, scrape.sum("gen_ai_client_inference_usage_input_tokens_total", Map.of()));
        assertEquals(400.0, scrape.sum("gen_ai_client_inference_usage_input_tokens_total", Map.of("team", "other")));
    }

    @Test
    void keyIdsAreLabelsOnlyWhenTheSettingSaysSo() {
        Metrics quiet = new Metrics();
        quiet.finished(summary("served", SERVED, "team_a", "key_a", Usage.of(1, 2), List.of()));
        assertFalse(quiet.scrape().contains("key_id"));

        Metrics perKey = new Metrics(new MetricsSettings(true, 100));
        perKey.finished(summary("served", SERVED, "team_a", "key_a", Usage.of(1, 2), List.of()));
        PrometheusScrape scrape = scrape(perKey);
        assertEquals(Map.of("model", "served", "team", "team_a", "key_id", "key_a"),
                scrape.samples("gen_ai_client_inference_usage_output_tokens_total").get(0).labels());
        assertEquals(Map.of("model", "served", "team", "team_a", "key_id", "key_a"),
                scrape.samples("gatehouse_cost_usd_total").get(0).labels());
        assertEquals(Set.of("key_a"), values(scrape, "gatehouse_cost_usd_total", "key_id"));
    }

    @Test
    void labelValuesAreEscaped() {
        Metrics metrics = new Metrics();
        String odd = "team \"quoted\" \\ back\nslash";
        metrics.finished(summary("served", SERVED, odd, "key_a", Usage.of(1, 1), List.of()));
        String text = metrics.scrape();
        assertTrue(text.contains("team=\"team \\\"quoted\\\" \\\\ back\\nslash\""), text);
        assertEquals(Set.of(odd), values(PrometheusScrape.parse(text), "gatehouse_cost_usd_total", "team"));
    }

    @Test
    void upstreamFailuresCountByDeploymentKindAndStatusClass() {
        Metrics metrics = new Metrics();
        Deployment other = Deployment.builder("served", "mock").id("served-2").build();
        metrics.finished(summary("served", SERVED, null, "key_a", Usage.of(1, 1), List.of(
                new RouteTrace.Failure(other, new GatewayException.UpstreamServerError("down", 503, null)),
                new RouteTrace.Failure(other, new GatewayException.RateLimited("slow down", null, false, null)))));
        PrometheusScrape scrape = scrape(metrics);
        assertEquals(Map.of("deployment", "served-2", "model", "served", "kind", "server_error",
                "status_class", "5xx"), scrape.samples("gatehouse_upstream_errors_total").stream()
                        .filter(s -> s.labels().get("kind").equals("server_error")).findFirst().orElseThrow().labels());
        assertEquals(1.0, scrape.sum("gatehouse_upstream_errors_total", Map.of("kind", "rate_limited",
                "status_class", "4xx")));
        assertEquals(2.0, scrape.sum("gatehouse_retries_total", Map.of("model", "served")));
    }
}
