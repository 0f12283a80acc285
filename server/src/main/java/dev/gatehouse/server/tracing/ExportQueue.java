package dev.gatehouse.server.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hands ended spans to the exporter in batches, on a thread of its own: a request only puts its
 * spans in a bounded queue, and when the queue is full (the backend is slow or down) a span is
 * dropped and counted, never waited for. The SDK's BatchSpanProcessor does the same but tells of
 * its drops only to an OpenTelemetry metrics SDK, which Gatehouse does not ship; this one shows
 * them in Prometheus ({@link #scrape}).
 */
final class ExportQueue {

    private static final System.Logger LOG = System.getLogger(ExportQueue.class.getName());

    private final SpanExporter exporter;
    private final BlockingQueue<SpanData> queue;
    private final int batchSize;
    private final long delayNanos;
    private final Duration timeout;
    private final Object exporting = new Object();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder exported = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Thread worker;
    private volatile boolean stopping;
    /** Whether the worker has been woken for a full batch since it last went to sleep. */
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile boolean warned;

    ExportQueue(SpanExporter exporter, TelemetrySettings settings) {
        this.exporter = exporter;
        this.queue = new ArrayBlockingQueue<>(settings.maxQueueSize());
        this.batchSize = settings.maxBatchSize();
        this.delayNanos = settings.scheduleDelay().toNanos();
        this.timeout = settings.exportTimeout();
        this.worker = Thread.ofPlatform().name("gatehouse-trace-export").daemon().unstarted(this::run);
        worker.start();
    }

    /** Queues an ended span for export, or drops and counts it when the queue is full. */
    void offer(SpanData span) {
        if (stopping || !queue.offer(span)) {
            dropped.increment();
        } else if (queue.size() >= batchSize && woken.compareAndSet(false, true)) {
            LockSupport.unpark(worker);
        }
    }

    /**
     * Sleeps until a batch is full or the schedule delay has passed, then exports what is queued,
     * a batch at a time. The worker is woken once per full batch, never per span: waking a thread
     * for each span (as a blocking poll does) cost the request path more than recording the
     * spans (docs/benchmarks.md).
     */
    private void run() {
        List<SpanData> batch = new ArrayList<>(batchSize);
        while (!stopping) {
            LockSupport.parkNanos(this, delayNanos);
            // Woken for a full batch: only full batches go, the rest waits for its delay. Else the
            // delay has passed: everything goes. Fewer, fuller exports: each HTTP request costs
            // the JDK's client more CPU than encoding a few hundred spans.
            boolean full = woken.getAndSet(false);
            while (!stopping && (!full || queue.size() >= batchSize) && queue.drainTo(batch, batchSize) > 0) {
                export(batch);
                batch.clear();
            }
        }
    }

    private void export(List<SpanData> batch) {
        if (batch.isEmpty()) {
            return;
        }
        synchronized (exporting) {
            CompletableResultCode result = exporter.export(List.copyOf(batch));
            result.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (result.isSuccess()) {
                exported.add(batch.size());
                warned = false;
            } else {
                failed.add(batch.size());
                if (!warned) {
                    warned = true; // once until an export succeeds again: a down backend must not flood the log
                    LOG.log(System.Logger.Level.WARNING, "exporting " + batch.size() + " trace spans failed;"
                            + " the spans are dropped (gatehouse_trace_spans_failed_total counts them)");
                }
            }
        }
    }

    /** Exports everything queued now. */
    CompletableResultCode flush() {
        List<SpanData> batch = new ArrayList<>(batchSize);
        while (queue.drainTo(batch, batchSize) > 0) {
            export(batch);
            batch.clear();
        }
        return exporter.flush().join(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the worker, exports what is queued and shuts the exporter down. */
    CompletableResultCode shutdown() {
        stopping = true;
        LockSupport.unpark(worker);
        try {
            worker.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
        return exporter.shutdown().join(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Prometheus' text format: what was exported, dropped for a full queue, and lost in failed exports. */
    void scrape(StringBuilder out) {
        out.append("# HELP gatehouse_trace_spans_exported_total Trace spans the OTLP endpoint accepted.\n");
        out.append("# TYPE gatehouse_trace_spans_exported_total counter\n");
        out.append("gatehouse_trace_spans_exported_total ").append(exported.sum()).append('\n');
        out.append("# HELP gatehouse_trace_spans_dropped_total Trace spans dropped because the export queue was full.\n");
        out.append("# TYPE gatehouse_trace_spans_dropped_total counter\n");
        out.append("gatehouse_trace_spans_dropped_total ").append(dropped.sum()).append('\n');
        out.append("# HELP gatehouse_trace_spans_failed_total Trace spans lost because their export failed.\n");
        out.append("# TYPE gatehouse_trace_spans_failed_total counter\n");
        out.append("gatehouse_trace_spans_failed_total ").append(failed.sum()).append('\n');
        out.append("# HELP gatehouse_trace_queue_spans Trace spans waiting to be exported.\n");
        out.append("# TYPE gatehouse_trace_queue_spans gauge\n");
        out.append("gatehouse_trace_queue_spans ").append(queue.size()).append('\n');
    }
}
