package dev.gatehouse.server.metrics;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram with fixed bucket bounds, in seconds: lock-free counting, so that
 * recording costs a few atomic increments on the request path.
 */
final class Histogram {

    /** From 100 µs (gateway overhead) to 5 minutes (long generations). */
    static final double[] SECONDS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
        0.5, 1, 2.5, 5, 10, 30, 60, 120, 300};

    /**
     * The bounds OpenTelemetry's GenAI conventions give {@code gen_ai.server.request.duration}
     * (https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-metrics/), and 5 minutes for
     * long generations.
     */
    static final double[] GEN_AI_DURATION = {0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24,
        20.48, 40.96, 81.92, 300};

    /** The bounds the same conventions give {@code gen_ai.server.time_to_first_token}, and 30 s. */
    static final double[] GEN_AI_FIRST_TOKEN = {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75,
        1.0, 2.5, 5.0, 7.5, 10.0, 30};

    private final double[] bounds;
    private final String[] bucketLabels;
    private final AtomicLongArray buckets;
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    Histogram() {
        this(SECONDS);
    }

    Histogram(double[] bounds) {
        this.bounds = bounds;
        this.buckets = new AtomicLongArray(bounds.length);
        this.bucketLabels = new String[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            bucketLabels[i] = "le=\"" + bounds[i] + "\"} ";
        }
    }

    void observeNanos(long nanos) {
        double seconds = nanos / 1e9;
        for (int i = 0; i < bounds.length; i++) {
            if (seconds <= bounds[i]) {
                buckets.incrementAndGet(i);
                break;
            }
        }
        count.increment();
        sum.add(seconds);
    }

    /** Appends the histogram's lines, with {@code labels} ("" or {@code key="value",...}). */
    void write(StringBuilder out, String name, String labels) {
        long cumulative = 0;
        String separator = labels.isEmpty() ? "" : labels + ",";
        for (int i = 0; i < bounds.length; i++) {
            cumulative += buckets.get(i);
            out.append(name).append("_bucket{").append(separator).append(bucketLabels[i]).append(cumulative)
                    .append('\n');
        }
        long total = count.sum();
        out.append(name).append("_bucket{").append(separator).append("le=\"+Inf\"} ").append(total).append('\n');
        String braces = labels.isEmpty() ? "" : "{" + labels + "}";
        out.append(name).append("_sum").append(braces).append(' ').append(sum.sum()).append('\n');
        out.append(name).append("_count").append(braces).append(' ').append(total).append('\n');
    }
}
