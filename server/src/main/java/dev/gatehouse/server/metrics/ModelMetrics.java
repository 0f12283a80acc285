package dev.gatehouse.server.metrics;

import dev.gatehouse.api.Usage;
import dev.gatehouse.routing.RouteTrace;
import dev.gatehouse.server.telemetry.RequestSummary;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What model requests did, per model: their duration and time to first token, the tokens and cost
 * per model and team (and key, when {@code per_key_labels} says so), failed upstream attempts per
 * deployment, retries and fallbacks. Named after OpenTelemetry's GenAI metric conventions where
 * one exists, as OpenTelemetry's Prometheus compatibility writes them (dots become underscores,
 * the unit a suffix, counters end in {@code _total}); docs/observability.md lists them all.
 *
 * <p>A model label is a model the configuration serves: a request for a name that is not served
 * is counted by route only. Teams and keys past {@code max_label_values} count as {@code other}.
 */
final class ModelMetrics {

    private record Call(String route, String model, int status) {}

    private record Spend(String model, String team, String key) {}

    private record Upstream(String deployment, String model, String kind, String statusClass) {}

    private record Fallback(String model, String fallback) {}

    /** Token and cost sums of one model, team and key. */
    private static final class Totals {
        final LongAdder input = new LongAdder();
        final LongAdder output = new LongAdder();
        final LongAdder cached = new LongAdder();
        final LongAdder reasoning = new LongAdder();
        /** Nano-dollars: whole numbers add exactly, where doubles would drift. */
        final LongAdder costNanos = new LongAdder();
    }

    private static final String NO_TEAM = "none";

    private final boolean perKey;
    private final ServedModels served;
    private final LabelValues models;
    private final LabelValues deployments;
    private final LabelValues teams;
    private final LabelValues keys;
    private final Map<Call, Histogram> durations = new ConcurrentHashMap<>();
    private final Map<String, Histogram> firstTokens = new ConcurrentHashMap<>();
    private final Map<Spend, Totals> spend = new ConcurrentHashMap<>();
    private final Map<Upstream, LongAdder> upstreamErrors = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> retries = new ConcurrentHashMap<>();
    private final Map<Fallback, LongAdder> fallbacks = new ConcurrentHashMap<>();

    ModelMetrics(MetricsSettings settings, ServedModels served) {
        this.perKey = settings.perKeyLabels();
        this.served = served;
        this.models = new LabelValues(settings.maxLabelValues());
        this.deployments = new LabelValues(settings.maxLabelValues());
        this.teams = new LabelValues(settings.maxLabelValues());
        this.keys = new LabelValues(settings.maxLabelValues());
    }

    void finished(RequestSummary summary, RequestSummary.ModelRequest request) {
        String model = modelLabel(request);
        for (RouteTrace.Failure failure : request.failures()) {
            upstreamErrors.computeIfAbsent(new Upstream(deployments.of(failure.deployment().id()),
                    models.of(failure.deployment().model()), UpstreamErrorKind.of(failure.error()),
                    UpstreamErrorKind.statusClass(failure.error())), k -> new LongAdder()).increment();
        }
        if (model == null) {
            return;
        }
        histogram(durations, new Call(summary.route(), model, summary.status()), Histogram.GEN_AI_DURATION)
                .observeNanos(summary.durationNanos());
        if (summary.firstTokenNanos() != null) {
            histogram(firstTokens, model, Histogram.GEN_AI_FIRST_TOKEN).observeNanos(summary.firstTokenNanos());
        }
        if (request.attempts() > 1) {
            retries.computeIfAbsent(model, k -> new LongAdder()).add(request.attempts() - 1L);
        }
        if (request.fallback() != null) {
            fallbacks.computeIfAbsent(new Fallback(model, models.of(request.fallback())), k -> new LongAdder())
                    .increment();
        }
        if (request.usage() != null || request.costUsd() != null) {
            count(request, model);
        }
    }

    /** Tokens and cost under the model that served (a fallback's own name), its team and key. */
    private void count(RequestSummary.ModelRequest request, String asked) {
        String servedBy = request.fallback() == null ? asked : models.of(request.fallback());
        String team = request.teamId() == null ? NO_TEAM : teams.of(request.teamId());
        String key = !perKey ? null : request.keyId() == null ? NO_TEAM : keys.of(request.keyId());
        Totals totals = spend.get(new Spend(servedBy, team, key));
        if (totals == null) {
            totals = spend.computeIfAbsent(new Spend(servedBy, team, key), k -> new Totals());
        }
        Usage usage = request.usage();
        if (usage != null) {
            totals.input.add(usage.promptTokens());
            totals.output.add(usage.completionTokens());
            if (usage.cachedTokens() != null) {
                totals.cached.add(usage.cachedTokens());
            }
            if (usage.reasoningTokens() != null) {
                totals.reasoning.add(usage.reasoningTokens());
            }
        }
        BigDecimal cost = request.costUsd();
        if (cost != null) {
            totals.costNanos.add(cost.movePointRight(9).longValue());
        }
    }

    /** The asked-for model as a label, or null when the configuration does not serve it. */
    private String modelLabel(RequestSummary.ModelRequest request) {
        String model = request.model();
        if (model == null) {
            return null;
        }
        // Routing reached a deployment only for a model it serves; else ask the configuration.
        return request.deployment() != null || served.serves(model) ? models.of(model) : null;
    }

    private static <K> Histogram histogram(Map<K, Histogram> map, K key, double[] bounds) {
        Histogram found = map.get(key);
        return found != null ? found : map.computeIfAbsent(key, k -> new Histogram(bounds));
    }

    void scrape(StringBuilder out) {
        String name = "gen_ai_server_request_duration_seconds";
        PrometheusText.header(out, name, "histogram",
                "Time of model requests as callers see them, by route, model asked for and status.");
        durations.forEach((call, histogram) -> histogram.write(out, name, "route=\"" + call.route() + "\",model=\""
                + call.model() + "\",status=\"" + call.status() + '"'));
        String ttft = "gen_ai_server_time_to_first_token_seconds";
        PrometheusText.header(out, ttft, "histogram", "Time from a streamed request's arrival to its first event,"
                + " by model asked for.");
        firstTokens.forEach((model, histogram) -> histogram.write(out, ttft, "model=\"" + model + '"'));
        tokens(out, "gen_ai_client_inference_usage_input_tokens_total",
                "Input tokens, cached ones included, by model that served and team.", Kind.INPUT);
        tokens(out, "gen_ai_client_inference_usage_output_tokens_total",
                "Output tokens, reasoning ones included, by model that served and team.", Kind.OUTPUT);
        tokens(out, "gen_ai_client_inference_usage_cache_read_input_tokens_total",
                "Input tokens read from a prompt cache, by model that served and team.", Kind.CACHED);
        tokens(out, "gen_ai_client_inference_usage_reasoning_output_tokens_total",
                "Output tokens spent on reasoning, by model that served and team.", Kind.REASONING);
        PrometheusText.header(out, "gatehouse_cost_usd_total", "counter",
                "What requests cost in US dollars, by model that served and team.");
        spend.forEach((series, totals) -> {
            out.append("gatehouse_cost_usd_total{").append(labels(series)).append("} ");
            PrometheusText.value(out, totals.costNanos.sum() / 1e9);
            out.append('\n');
        });
        PrometheusText.header(out, "gatehouse_upstream_errors_total", "counter",
                "Failed upstream attempts, by deployment, kind of failure and status class.");
        upstreamErrors.forEach((series, count) -> out.append("gatehouse_upstream_errors_total{deployment=\"")
                .append(series.deployment()).append("\",model=\"").append(series.model()).append("\",kind=\"")
                .append(series.kind()).append("\",status_class=\"").append(series.statusClass()).append("\"} ")
                .append(count.sum()).append('\n'));
        PrometheusText.header(out, "gatehouse_retries_total", "counter",
                "Attempts after a request's first (retries and fallbacks), by model asked for.");
        retries.forEach((model, count) -> out.append("gatehouse_retries_total{model=\"").append(model).append("\"} ")
                .append(count.sum()).append('\n'));
        PrometheusText.header(out, "gatehouse_fallbacks_total", "counter",
                "Requests served by a fallback, by model asked for and the fallback that served.");
        fallbacks.forEach((series, count) -> out.append("gatehouse_fallbacks_total{model=\"").append(series.model())
                .append("\",fallback=\"").append(series.fallback()).append("\"} ").append(count.sum()).append('\n'));
    }

    private enum Kind { INPUT, OUTPUT, CACHED, REASONING }

    private void tokens(StringBuilder out, String name, String help, Kind kind) {
        PrometheusText.header(out, name, "counter", help);
        spend.forEach((series, totals) -> {
            LongAdder sum = switch (kind) {
                case INPUT -> totals.input;
                case OUTPUT -> totals.output;
                case CACHED -> totals.cached;
                case REASONING -> totals.reasoning;
            };
            out.append(name).append('{').append(labels(series)).append("} ").append(sum.sum()).append('\n');
        });
    }

    private static String labels(Spend series) {
        String labels = "model=\"" + series.model() + "\",team=\"" + series.team() + '"';
        return series.key() == null ? labels : labels + ",key_id=\"" + series.key() + '"';
    }
}
