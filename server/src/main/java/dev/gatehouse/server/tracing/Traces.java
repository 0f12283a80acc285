package dev.gatehouse.server.tracing;

import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.cli.BuildInfo;
import dev.gatehouse.server.metrics.Metrics;
import dev.gatehouse.server.telemetry.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Map;

/**
 * Starts the trace exporter the {@code telemetry:} section asks for: spans recorded by Gatehouse
 * ({@link RecordedSpan}, sampled parent-based at a ratio by {@link Spans}), queued and sent in
 * batches off the request path ({@link ExportQueue}) by OpenTelemetry's OTLP exporter, as
 * protobuf over HTTP with the JDK's client. Without an endpoint,
 * nothing: {@link Tracing#OFF}.
 */
public final class Traces {

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final AttributeKey<String> SERVICE_VERSION = AttributeKey.stringKey("service.version");

    private Traces() {}

    /** The tracing {@code settings} ask for; its export counters join {@code metrics}' scrape. */
    public static Tracing start(TelemetrySettings settings, Metrics metrics) {
        if (!settings.exports()) {
            return Tracing.OFF;
        }
        OtlpHttpSpanExporterBuilder exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(settings.tracesUrl().toString())
                .setTimeout(settings.exportTimeout());
        // The exporter's default memory mode (immutable data): its low-allocation mode encodes each
        // string twice, its size and then its bytes, which cost a tenth of the gateway's throughput
        // at every request traced (docs/benchmarks.md).
        for (Map.Entry<String, Secret> header : settings.headers().entrySet()) {
            exporter.addHeader(header.getKey(), header.getValue().reveal());
        }
        ExportQueue queue = new ExportQueue(exporter.build(), settings);
        metrics.include(queue::scrape);
        RecordedSpan.Scope scope = new RecordedSpan.Scope(Resource.create(Attributes.of(SERVICE_NAME,
                settings.serviceName(), SERVICE_VERSION, BuildInfo.version())),
                InstrumentationScopeInfo.create("dev.gatehouse.server"));
        return new OtelTracing(new Spans(scope, queue, settings.sampleRatio()), queue, settings);
    }
}
