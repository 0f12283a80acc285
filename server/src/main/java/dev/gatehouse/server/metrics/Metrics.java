package dev.gatehouse.server.metrics;

import dev.gatehouse.server.telemetry.RequestSummary;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The gateway's metrics, written in Prometheus' text format (version 0.0.4) by
 * {@link #scrape()}. No metrics library: a handful of counters and histograms is all a
 * gateway needs, and every dependency is a door.
 *
 * <p>Every request ends in {@link #finished}, once: per route here, per model in
 * {@link ModelMetrics}. Label values are route names, status codes, error types, and model
 * names, deployment ids and team ids from the configuration and the store, never free text from
 * a request; each label takes at most {@code max_label_values} values (docs/observability.md).
 */
public final class Metrics {

    private record RouteStatus(String route, int status) {}

    private record RouteError(String route, String type) {}

    private final Map<RouteStatus, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<RouteError, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, Histogram> total = new ConcurrentHashMap<>();
    private final Histogram upstream = new Histogram();
    private final Histogram overhead = new Histogram();
    private final Histogram firstToken = new Histogram();
    private final AtomicLong openStreams = new AtomicLong();
    private final ServedModels served = new ServedModels();
    private final ModelMetrics models;
    private final TeamBudgets budgets;
    private final List<Consumer<StringBuilder>> sections = new CopyOnWriteArrayList<>();

    /** With the default settings: no per-key labels, 100 values a label. */
    public Metrics() {
        this(MetricsSettings.DEFAULTS);
    }

    public Metrics(MetricsSettings settings) {
        this.models = new ModelMetrics(settings, served);
        this.budgets = new TeamBudgets(settings.maxLabelValues());
    }

    /** Adds metrics kept elsewhere (the spend log writer's) to every scrape. */
    public void include(Consumer<StringBuilder> section) {
        sections.add(section);
    }

    /**
     * Where the names the configuration serves are read (the running gateway's, which a reload
     * changes): only those become {@code model} labels.
     */
    public void servedModels(Supplier<List<String>> names) {
        served.readFrom(names);
    }

    /** Where each team's remaining budget is read at a scrape (the limiter's last view, team id to dollars). */
    public void teamBudgets(Supplier<Map<String, BigDecimal>> remaining) {
        budgets.readFrom(remaining);
    }

    /** One finished request, as every request tells its observers. */
    public void finished(RequestSummary summary) {
        String route = summary.route();
        count(requests, new RouteStatus(route, summary.status()));
        if (summary.errorType() != null) {
            count(errors, new RouteError(route, summary.errorType()));
        }
        Histogram routeTime = total.get(route);
        if (routeTime == null) {
            routeTime = total.computeIfAbsent(route, k -> new Histogram());
        }
        routeTime.observeNanos(summary.durationNanos());
        if (summary.upstreamNanos() > 0) {
            upstream.observeNanos(summary.upstreamNanos());
        }
        overhead.observeNanos(summary.overheadNanos());
        if (summary.firstTokenNanos() != null) {
            firstToken.observeNanos(summary.firstTokenNanos());
        }
        if (summary.model() != null) {
            models.finished(summary, summary.model());
        }
    }

    private static <K> void count(Map<K, LongAdder> counters, K key) {
        LongAdder counter = counters.get(key);
        if (counter == null) {
            counter = counters.computeIfAbsent(key, k -> new LongAdder());
        }
        counter.increment();
    }

    public void streamOpened() {
        openStreams.incrementAndGet();
    }

    public void streamClosed() {
        openStreams.decrementAndGet();
    }

    public String scrape() {
        StringBuilder out = new StringBuilder(16384);
        PrometheusText.header(out, "gatehouse_requests_total", "counter", "Requests served, by route and status.");
        requests.forEach((series, count) -> out.append("gatehouse_requests_total{route=\"").append(series.route())
                .append("\",status=\"").append(series.status()).append("\"} ").append(count.sum()).append('\n'));
        PrometheusText.header(out, "gatehouse_errors_total", "counter",
                "Failed requests, by route and OpenAI error type.");
        errors.forEach((series, count) -> out.append("gatehouse_errors_total{route=\"").append(series.route())
                .append("\",type=\"").append(PrometheusText.escape(series.type())).append("\"} ").append(count.sum())
                .append('\n'));
        PrometheusText.header(out, "gatehouse_request_duration_seconds", "histogram",
                "Total time of a request, as the caller sees it.");
        total.forEach((route, histogram) ->
                histogram.write(out, "gatehouse_request_duration_seconds", "route=\"" + route + '"'));
        PrometheusText.header(out, "gatehouse_upstream_duration_seconds", "histogram",
                "Time spent waiting for and reading upstreams.");
        upstream.write(out, "gatehouse_upstream_duration_seconds", "");
        PrometheusText.header(out, "gatehouse_overhead_duration_seconds", "histogram",
                "Time spent in Gatehouse itself (total minus upstream).");
        overhead.write(out, "gatehouse_overhead_duration_seconds", "");
        PrometheusText.header(out, "gatehouse_time_to_first_token_seconds", "histogram",
                "Time from request to the first streamed chunk.");
        firstToken.write(out, "gatehouse_time_to_first_token_seconds", "");
        PrometheusText.header(out, "gatehouse_open_streams", "gauge", "Streams being served now.");
        out.append("gatehouse_open_streams ").append(openStreams.get()).append('\n');
        models.scrape(out);
        budgets.scrape(out);
        sections.forEach(section -> section.accept(out));
        JvmMetrics.scrape(out);
        ProcessMetrics.scrape(out);
        return out.toString();
    }
}
