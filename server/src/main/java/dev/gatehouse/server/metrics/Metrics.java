package dev.gatehouse.server.metrics;

import dev.gatehouse.server.telemetry.RequestSummary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The gateway's metrics, written in Prometheus' text format (version 0.0.4) by
 * {@link #scrape()}. No metrics library: a handful of counters and histograms is all a
 * gateway needs, and every dependency is a door.
 *
 * <p>Label values are route names, status codes, error types and public model names, all
 * from the server's own configuration or code, never free text from a request.
 */
public final class Metrics {

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, Histogram> total = new ConcurrentHashMap<>();
    private final Histogram upstream = new Histogram();
    private final Histogram overhead = new Histogram();
    private final Histogram firstToken = new Histogram();
    private final AtomicLong openStreams = new AtomicLong();
    private final List<Consumer<StringBuilder>> sections = new CopyOnWriteArrayList<>();

    /** Adds metrics kept elsewhere (the spend log writer's) to every scrape. */
    public void include(Consumer<StringBuilder> section) {
        sections.add(section);
    }

    /** One finished request, as every request tells its observers. */
    public void finished(RequestSummary summary) {
        request(summary.route(), summary.status(), summary.durationNanos());
        split(summary.upstreamNanos(), summary.overheadNanos());
    }

    /** One finished request: its route, status, and how long it took in all. */
    public void request(String route, int status, long totalNanos) {
        requests.computeIfAbsent(labels("route", route, "status", Integer.toString(status)), k -> new LongAdder())
                .increment();
        total.computeIfAbsent(labels("route", route), k -> new Histogram()).observeNanos(totalNanos);
    }

    /** One failure, by OpenAI error type. */
    public void error(String route, String type) {
        errors.computeIfAbsent(labels("route", route, "type", type), k -> new LongAdder()).increment();
    }

    /** Time spent waiting for and reading upstreams, and the gateway's own time, for one request. */
    public void split(long upstreamNanos, long overheadNanos) {
        if (upstreamNanos > 0) {
            upstream.observeNanos(upstreamNanos);
        }
        overhead.observeNanos(overheadNanos);
    }

    public void timeToFirstToken(long nanos) {
        firstToken.observeNanos(nanos);
    }

    public void streamOpened() {
        openStreams.incrementAndGet();
    }

    public void streamClosed() {
        openStreams.decrementAndGet();
    }

    public String scrape() {
        StringBuilder out = new StringBuilder(4096);
        out.append("# HELP gatehouse_requests_total Requests served, by route and status.\n");
        out.append("# TYPE gatehouse_requests_total counter\n");
        requests.forEach((labels, count) ->
                out.append("gatehouse_requests_total{").append(labels).append("} ").append(count.sum()).append('\n'));
        out.append("# HELP gatehouse_errors_total Failed requests, by route and OpenAI error type.\n");
        out.append("# TYPE gatehouse_errors_total counter\n");
        errors.forEach((labels, count) ->
                out.append("gatehouse_errors_total{").append(labels).append("} ").append(count.sum()).append('\n'));
        out.append("# HELP gatehouse_request_duration_seconds Total time of a request, as the caller sees it.\n");
        out.append("# TYPE gatehouse_request_duration_seconds histogram\n");
        total.forEach((labels, histogram) -> histogram.write(out, "gatehouse_request_duration_seconds", labels));
        out.append("# HELP gatehouse_upstream_duration_seconds Time spent waiting for and reading upstreams.\n");
        out.append("# TYPE gatehouse_upstream_duration_seconds histogram\n");
        upstream.write(out, "gatehouse_upstream_duration_seconds", "");
        out.append("# HELP gatehouse_overhead_duration_seconds Time spent in Gatehouse itself (total minus upstream).\n");
        out.append("# TYPE gatehouse_overhead_duration_seconds histogram\n");
        overhead.write(out, "gatehouse_overhead_duration_seconds", "");
        out.append("# HELP gatehouse_time_to_first_token_seconds Time from request to the first streamed chunk.\n");
        out.append("# TYPE gatehouse_time_to_first_token_seconds histogram\n");
        firstToken.write(out, "gatehouse_time_to_first_token_seconds", "");
        out.append("# HELP gatehouse_open_streams Streams being served now.\n");
        out.append("# TYPE gatehouse_open_streams gauge\n");
        out.append("gatehouse_open_streams ").append(openStreams.get()).append('\n');
        sections.forEach(section -> section.accept(out));
        return out.toString();
    }

    private static String labels(String... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            out.append(pairs[i]).append("=\"").append(escape(pairs[i + 1])).append('"');
        }
        return out.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
