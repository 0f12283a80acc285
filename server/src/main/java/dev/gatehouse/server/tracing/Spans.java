package dev.gatehouse.server.tracing;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes and ends one gateway's spans: random W3C ids, the parent-based ratio sampling decision,
 * start and end times on an epoch clock anchored once (the JDK's monotonic clock between), and
 * each ended span handed to the export queue.
 */
final class Spans {

    private final RecordedSpan.Scope scope;
    private final ExportQueue queue;
    private final double ratio;
    private final long anchorEpochNanos;
    private final long anchorNanoTime;

    Spans(RecordedSpan.Scope scope, ExportQueue queue, double ratio) {
        this.scope = scope;
        this.queue = queue;
        this.ratio = ratio;
        java.time.Instant now = java.time.Instant.now();
        this.anchorNanoTime = System.nanoTime();
        this.anchorEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Now, in nanoseconds since the epoch, as spans are timed. */
    long now() {
        return anchorEpochNanos + (System.nanoTime() - anchorNanoTime);
    }

    /**
     * The context of a request's span: a child of the caller's when it sent a valid one (whose
     * sampling decision it follows), else the root of a new trace, sampled at the configured ratio
     * (decided from the trace id, as OpenTelemetry's ratio sampler does, so every service
     * sampling at the same ratio keeps the same traces).
     */
    SpanContext serverContext(SpanContext caller) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String spanId = SpanId.fromLong(nonZero(random));
        if (caller.isValid()) {
            return SpanContext.create(caller.getTraceId(), spanId, caller.getTraceFlags(), caller.getTraceState());
        }
        long high = random.nextLong();
        long low = nonZero(random);
        boolean sampled = ratio >= 1.0 || ratio > 0 && Math.abs(low) < (long) (ratio * Long.MAX_VALUE);
        return SpanContext.create(TraceId.fromLongs(high, low), spanId,
                sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
    }

    /** A span starting now, recorded (the caller has checked that its trace is sampled). */
    RecordedSpan start(String name, SpanKind kind, SpanContext context, SpanContext parent) {
        return new RecordedSpan(name, kind, context, parent, now(), scope);
    }

    /** A child of {@code parent} starting now. */
    RecordedSpan child(RecordedSpan parent, String name, SpanKind kind) {
        SpanContext of = parent.getSpanContext();
        SpanContext context = SpanContext.create(of.getTraceId(), SpanId.fromLong(nonZero(ThreadLocalRandom.current())),
                of.getTraceFlags(), of.getTraceState());
        return start(name, kind, context, of);
    }

    /** Ends {@code span} now and queues it for export; once. */
    void end(RecordedSpan span) {
        if (span.end(now())) {
            queue.offer(span);
        }
    }

    private static long nonZero(ThreadLocalRandom random) {
        long id;
        do {
            id = random.nextLong();
        } while (id == 0);
        return id;
    }
}
