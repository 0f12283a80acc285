package dev.gatehouse.bench;

import java.util.List;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Counts a run's outcomes per kind of request: answered, failed, cancelled by the client, and
 * stalled (a gap between two body chunks over {@code stallNanos}); latency to the last byte,
 * time to the first body chunk, and each stream's longest gap, in nanoseconds.
 */
final class Tally implements Consumer<Outcome> {
    private final List<Kind> kinds;
    private final long stallNanos;
    private final PerKind[] perKind;
    private long lastEnd;

    /** One kind's counts and histograms. */
    static final class PerKind {
        long ok;
        long errors;
        long cancelled;
        long stalled;
        final Histogram latency = new Histogram(Result.HIGHEST_NANOS, 3);
        final Histogram ttft = new Histogram(Result.HIGHEST_NANOS, 3);
        final Histogram maxGap = new Histogram(Result.HIGHEST_NANOS, 3);
    }

    Tally(List<Kind> kinds, long stallNanos) {
        this.kinds = kinds;
        this.stallNanos = stallNanos;
        this.perKind = new PerKind[kinds.size()];
        for (int i = 0; i < perKind.length; i++) {
            perKind[i] = new PerKind();
        }
    }

    @Override
    public void accept(Outcome o) {
        PerKind k = perKind[o.ask().kind()];
        lastEnd = Math.max(lastEnd, o.endAt());
        if (o.cancelled()) {
            k.cancelled++;
            return;
        }
        if (!o.ok(kinds.get(o.ask().kind()).streaming())) {
            k.errors++;
            return;
        }
        k.ok++;
        k.latency.recordValue(clip(o.latencyNanos()));
        if (kinds.get(o.ask().kind()).streaming()) {
            k.ttft.recordValue(clip(o.ttftNanos()));
            k.maxGap.recordValue(clip(o.maxGapNanos()));
            if (o.maxGapNanos() > stallNanos) {
                k.stalled++;
            }
        }
    }

    PerKind kind(int index) {
        return perKind[index];
    }

    /** When the last request ended ({@link System#nanoTime()}), 0 if none did. */
    long lastEnd() {
        return lastEnd;
    }

    static long clip(long nanos) {
        return Math.max(0, Math.min(nanos, Result.HIGHEST_NANOS));
    }
}
