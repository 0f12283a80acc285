package dev.gatehouse.server.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.List;

/**
 * One span as Gatehouse records it: written by one request's thread while the span is open, then
 * handed to the export queue, whose thread alone reads it through OpenTelemetry's {@link SpanData},
 * the exporter's input. The request path only fills fields and a list of attribute pairs;
 * OpenTelemetry's attribute maps are built on the export thread. OpenTelemetry's SDK spans do the
 * same work under a lock per attribute with copies at the end, which cost the gateway a third of
 * its throughput at one request sampled in one (docs/benchmarks.md).
 */
final class RecordedSpan implements SpanData {

    private final SpanContext context;
    private final SpanContext parent;
    private final SpanKind kind;
    private final long startEpochNanos;
    private final Scope scope;
    private String name;
    /** Keys and values in turn; read only once the span has ended. */
    private final List<Object> attributes = new ArrayList<>(16);
    private StatusCode status = StatusCode.UNSET;
    private long endEpochNanos;
    private boolean ended;
    private Attributes built;

    /** What every span of one gateway shares: the service it belongs to and the tracer's name. */
    record Scope(Resource resource, InstrumentationScopeInfo info) {}

    RecordedSpan(String name, SpanKind kind, SpanContext context, SpanContext parent, long startEpochNanos,
            Scope scope) {
        this.name = name;
        this.kind = kind;
        this.context = context;
        this.parent = parent;
        this.startEpochNanos = startEpochNanos;
        this.scope = scope;
    }

    <T> RecordedSpan put(AttributeKey<T> key, T value) {
        if (value != null && !ended) {
            attributes.add(key);
            attributes.add(value);
        }
        return this;
    }

    void rename(String value) {
        this.name = value;
    }

    void error() {
        this.status = StatusCode.ERROR;
    }

    /** Ends the span at {@code epochNanos}; true the first time only. */
    boolean end(long epochNanos) {
        if (ended) {
            return false;
        }
        endEpochNanos = Math.max(epochNanos, startEpochNanos);
        ended = true;
        return true;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public SpanKind getKind() {
        return kind;
    }

    @Override
    public SpanContext getSpanContext() {
        return context;
    }

    @Override
    public SpanContext getParentSpanContext() {
        return parent;
    }

    @Override
    public StatusData getStatus() {
        return status == StatusCode.ERROR ? StatusData.error() : StatusData.unset();
    }

    @Override
    public long getStartEpochNanos() {
        return startEpochNanos;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Attributes getAttributes() {
        if (built == null) {
            AttributesBuilder builder = Attributes.builder();
            for (int i = 0; i < attributes.size(); i += 2) {
                builder.put((AttributeKey<Object>) attributes.get(i), attributes.get(i + 1));
            }
            built = builder.build();
        }
        return built;
    }

    @Override
    public List<EventData> getEvents() {
        return List.of();
    }

    @Override
    public List<LinkData> getLinks() {
        return List.of();
    }

    @Override
    public long getEndEpochNanos() {
        return endEpochNanos;
    }

    @Override
    public boolean hasEnded() {
        return ended;
    }

    @Override
    public int getTotalRecordedEvents() {
        return 0;
    }

    @Override
    public int getTotalRecordedLinks() {
        return 0;
    }

    @Override
    public int getTotalAttributeCount() {
        return getAttributes().size();
    }

    @Override
    @Deprecated
    @SuppressWarnings("deprecation") // the interface still asks for it; the exporter reads the scope below
    public io.opentelemetry.sdk.common.InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
        return io.opentelemetry.sdk.common.InstrumentationLibraryInfo.create(scope.info().getName(),
                scope.info().getVersion());
    }

    @Override
    public InstrumentationScopeInfo getInstrumentationScopeInfo() {
        return scope.info();
    }

    @Override
    public Resource getResource() {
        return scope.resource();
    }
}
