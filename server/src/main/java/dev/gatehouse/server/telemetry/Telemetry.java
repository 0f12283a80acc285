package dev.gatehouse.server.telemetry;

import dev.gatehouse.server.metrics.Metrics;
import dev.gatehouse.server.logging.AccessLog;
import dev.gatehouse.server.tracing.Traces;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Observes every request the server answers, in one place: when it arrives it gets its trace
 * span and its log context; when it is answered its {@link RequestSummary} goes to every
 * {@link RequestListener} (the metrics, the access log) and ends its span. Every exchange,
 * model route or not, goes through here.
 */
public final class Telemetry implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Telemetry.class.getName());

    private final Metrics metrics;
    private final Tracing tracing;
    private final List<RequestListener> listeners;

    public Telemetry(Metrics metrics, Tracing tracing, List<RequestListener> listeners) {
        this.metrics = metrics;
        this.tracing = tracing;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Starts what {@code settings} ask for: the trace exporter, the access log, and the metrics,
     * which hear every request.
     */
    public static Telemetry start(ObservabilitySettings settings, Metrics metrics) {
        List<RequestListener> listeners = new ArrayList<>(2);
        listeners.add(metrics::finished);
        AccessLog.of(settings.logging()).ifPresent(listeners::add);
        return new Telemetry(metrics, Traces.start(settings.telemetry(), metrics), listeners);
    }

    /** Metrics only: no traces, no access log (for tests and tools that serve no traffic). */
    public static Telemetry metricsOnly(Metrics metrics) {
        return new Telemetry(metrics, Tracing.OFF, List.of(metrics::finished));
    }

    public Metrics metrics() {
        return metrics;
    }

    /** A request arrives: its span starts and its ids are bound to the current thread's log lines. */
    public Observation begin(Function<String, String> headers, String route, String requestId) {
        RequestSpan span = tracing.start(headers, route, requestId);
        LogContext.bind(new LogContext.Ids(requestId, span.traceId(), span.spanId()));
        return new Observation(span);
    }

    /** The request is answered: every listener hears it, then its span ends and its log context is unbound. */
    public void finished(Observation observation, RequestSummary summary) {
        try {
            for (RequestListener listener : listeners) {
                try {
                    listener.finished(summary);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "observing request " + summary.requestId() + " failed", e);
                }
            }
            observation.span().end(summary);
        } finally {
            LogContext.clear();
        }
    }

    /** Exports the traces still queued. */
    @Override
    public void close() {
        tracing.close();
    }

    /** One request's observation: its span, which also hears its attempts. */
    public record Observation(RequestSpan span) {}
}
