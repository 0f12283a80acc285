package dev.gatehouse.testkit.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** One span as an OTLP receiver decoded it, with its resource, ids in hex and attributes as text. */
public record ReceivedSpan(Resource resource, Span span) {

    private static final HexFormat HEX = HexFormat.of();

    public String name() {
        return span.getName();
    }

    /** 32 lowercase hex digits. */
    public String traceId() {
        return HEX.formatHex(span.getTraceId().toByteArray());
    }

    /** 16 lowercase hex digits. */
    public String spanId() {
        return HEX.formatHex(span.getSpanId().toByteArray());
    }

    /** The parent's span id in hex; empty for a root span. */
    public String parentSpanId() {
        return HEX.formatHex(span.getParentSpanId().toByteArray());
    }

    public Span.SpanKind kind() {
        return span.getKind();
    }

    public boolean isError() {
        return span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR;
    }

    /** The attribute's value as text (numbers and booleans written as Java writes them; arrays as a list). */
    public Optional<String> attribute(String key) {
        return find(span.getAttributesList(), key);
    }

    /** A resource attribute's value as text. */
    public Optional<String> resourceAttribute(String key) {
        return find(resource.getAttributesList(), key);
    }

    private static Optional<String> find(List<KeyValue> attributes, String key) {
        return attributes.stream().filter(a -> a.getKey().equals(key)).findFirst().map(a -> text(a.getValue()));
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(ReceivedSpan::text).toList().toString();
            default -> value.toString();
        };
    }

    @Override
    public String toString() {
        return name() + "[" + spanId() + " <- " + parentSpanId() + "]";
    }
}
