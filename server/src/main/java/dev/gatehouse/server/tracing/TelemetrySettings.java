package dev.gatehouse.server.tracing;

import dev.gatehouse.secret.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code telemetry:} section: where traces are exported over OTLP and what they hold
 * (docs/observability.md). Read from the file, with the standard {@code OTEL_*} environment
 * variables where the file says nothing.
 *
 * @param tracesUrl          where spans are sent ({@code <otlp_endpoint>/v1/traces}); null: no traces are exported
 * @param headers            headers sent with every export (an API key, a tenant); values never printed
 * @param sampleRatio        the share of new traces kept, 0 to 1; a caller's sampled flag is followed (parent-based)
 * @param captureContent     whether prompts and completions are recorded, redacted and truncated
 * @param propagateUpstream  whether upstream calls carry a W3C {@code traceparent} naming their span
 * @param serviceName        the resource's {@code service.name}
 * @param maxQueueSize       spans held for export at most; more are dropped (and counted), never waited for
 * @param maxBatchSize       spans sent in one export at most
 * @param scheduleDelay      the longest a span waits in the queue before its batch is sent
 * @param exportTimeout      how long one export may take before it is given up
 */
public record TelemetrySettings(URI tracesUrl, Map<String, Secret> headers, double sampleRatio, boolean captureContent,
        boolean propagateUpstream, String serviceName, int maxQueueSize, int maxBatchSize, Duration scheduleDelay,
        Duration exportTimeout) {

    public static final String SERVICE_NAME = "gatehouse";
    public static final int DEFAULT_QUEUE_SIZE = 8192;
    public static final int DEFAULT_BATCH_SIZE = 2048;
    public static final Duration DEFAULT_SCHEDULE_DELAY = Duration.ofSeconds(2);
    public static final Duration DEFAULT_EXPORT_TIMEOUT = Duration.ofSeconds(10);

    /** No endpoint: no traces are exported. */
    public static final TelemetrySettings DEFAULTS = new TelemetrySettings(null, Map.of(), 1.0, false, false,
            SERVICE_NAME, DEFAULT_QUEUE_SIZE, DEFAULT_BATCH_SIZE, DEFAULT_SCHEDULE_DELAY, DEFAULT_EXPORT_TIMEOUT);

    public TelemetrySettings {
        headers = Map.copyOf(headers);
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(scheduleDelay, "scheduleDelay");
        Objects.requireNonNull(exportTimeout, "exportTimeout");
        if (!(sampleRatio >= 0 && sampleRatio <= 1)) {
            throw new IllegalArgumentException("sampleRatio must be from 0 to 1");
        }
        if (maxQueueSize < 1 || maxBatchSize < 1 || maxBatchSize > maxQueueSize) {
            throw new IllegalArgumentException("the batch must be from 1 span to the queue's size");
        }
    }

    /** Settings that export to {@code tracesUrl}, everything else as by default. */
    public static TelemetrySettings exportingTo(URI tracesUrl) {
        return DEFAULTS.withTracesUrl(tracesUrl);
    }

    /** Whether traces are exported at all. */
    public boolean exports() {
        return tracesUrl != null;
    }

    public TelemetrySettings withTracesUrl(URI value) {
        return new TelemetrySettings(value, headers, sampleRatio, captureContent, propagateUpstream, serviceName,
                maxQueueSize, maxBatchSize, scheduleDelay, exportTimeout);
    }

    public TelemetrySettings withHeaders(Map<String, Secret> value) {
        return new TelemetrySettings(tracesUrl, value, sampleRatio, captureContent, propagateUpstream, serviceName,
                maxQueueSize, maxBatchSize, scheduleDelay, exportTimeout);
    }

    public TelemetrySettings withSampleRatio(double value) {
        return new TelemetrySettings(tracesUrl, headers, value, captureContent, propagateUpstream, serviceName,
                maxQueueSize, maxBatchSize, scheduleDelay, exportTimeout);
    }

    public TelemetrySettings withCaptureContent(boolean value) {
        return new TelemetrySettings(tracesUrl, headers, sampleRatio, value, propagateUpstream, serviceName,
                maxQueueSize, maxBatchSize, scheduleDelay, exportTimeout);
    }

    public TelemetrySettings withPropagateUpstream(boolean value) {
        return new TelemetrySettings(tracesUrl, headers, sampleRatio, captureContent, value, serviceName,
                maxQueueSize, maxBatchSize, scheduleDelay, exportTimeout);
    }

    /** The export queue and batching: {@code queue} spans held at most, {@code batch} per export. */
    public TelemetrySettings withExport(int queue, int batch, Duration delay, Duration timeout) {
        return new TelemetrySettings(tracesUrl, headers, sampleRatio, captureContent, propagateUpstream, serviceName,
                queue, batch, delay, timeout);
    }
}
