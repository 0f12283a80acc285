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

    private final AtomicLongArray buckets = new AtomicLongArray(SECONDS.length);
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    void observeNanos(long nanos) {
        double seconds = nanos / 1e9;
        for (int i = 0; i < SECONDS.length; i++) {
            if (seconds <= SECONDS[i]) {
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
        for (int i = 0; i < SECONDS.length; i++) {
            cumulative += buckets.get(i);
            out.append(name).append("_bucket{").append(separator).append("le=\"").append(SECONDS[i]).append("\"} ")
                    .append(cumulative).append('\n');
        }
        long total = count.sum();
        out.append(name).append("_bucket{").append(separator).append("le=\"+Inf\"} ").append(total).append('\n');
        String braces = labels.isEmpty() ? "" : "{" + labels + "}";
        out.append(name).append("_sum").append(braces).append(' ').append(sum.sum()).append('\n');
        out.append(name).append("_count").append(braces).append(' ').append(total).append('\n');
    }
}
