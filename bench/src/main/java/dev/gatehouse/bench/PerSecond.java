package dev.gatehouse.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Outcomes in 1-second buckets from {@code t0} (when the gateway began to listen): answered
 * requests per bucket, and per bucket the latency to the last byte and the time to the first
 * body chunk, in nanoseconds. Failures are counted per bucket too.
 */
final class PerSecond implements Consumer<Outcome> {
    private final long t0;
    private final boolean streaming;
    private final List<Bucket> buckets = new ArrayList<>();

    /** One second's outcomes. */
    record Bucket(long[] counts, Histogram latency, Histogram ttft) {
        long ok() {
            return counts[0];
        }

        long errors() {
            return counts[1];
        }
    }

    PerSecond(long t0, boolean streaming) {
        this.t0 = t0;
        this.streaming = streaming;
    }

    @Override
    public void accept(Outcome o) {
        int second = (int) Math.max(0, (o.endAt() - t0) / Schedule.SECOND);
        while (buckets.size() <= second) {
            buckets.add(new Bucket(new long[2], new Histogram(Result.HIGHEST_NANOS, 3),
                    new Histogram(Result.HIGHEST_NANOS, 3)));
        }
        Bucket b = buckets.get(second);
        if (o.ok(streaming)) {
            b.counts[0]++;
            b.latency.recordValue(Tally.clip(o.latencyNanos()));
            b.ttft.recordValue(Tally.clip(o.ttftNanos()));
        } else if (!o.cancelled()) {
            b.counts[1]++;
        }
    }

    /** The whole seconds of the run, the last partial one left out. */
    List<Bucket> seconds(int count) {
        return buckets.subList(0, Math.min(count, buckets.size()));
    }
}
