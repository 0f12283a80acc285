package dev.gatehouse.bench;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Scenario 4's sweep: {@code streams} clients, each on its own connection, each asking for one
 * stream after another until the run ends (closed loop), so that the gateway holds that many
 * streams at once once the ramp is over. Client starts are spread over {@code rampSeconds} so
 * that the accept queues see a ramp, not one burst of SYNs. All clients share the one thread of
 * a {@link LoadLoop}.
 *
 * <p>A stream <em>stalls</em> when two of its body chunks arrive more than {@code stallNanos}
 * apart (ten times the upstream's chunk interval). An <em>error</em> is a stream that did not
 * end with a 200 and a complete body, or a connection that could not be made.
 */
final class StreamHold {
    private StreamHold() {
    }

    /** One level of the sweep. Latencies in nanoseconds. */
    record Level(String target, int streams, int peakInFlight, long ok, long errors, long stalled,
                 Histogram ttft, Histogram maxGap, double seconds) {

        double errorRate() {
            return ok + errors == 0 ? 1 : (double) errors / (ok + errors);
        }

        /** Held: every stream ran at once, none stalled, and under 0.1 % of them failed. */
        boolean held() {
            return ok > 0 && stalled == 0 && errorRate() < 0.001 && peakInFlight >= streams;
        }
    }

    static Level run(Target target, int streams, double rampSeconds, double seconds, long stallNanos) {
        long start = System.nanoTime();
        long rampNanos = (long) (rampSeconds * 1e9);
        Schedule schedule = new Schedule.Closed(start, streams, rampNanos, start + rampNanos + (long) (seconds * 1e9));
        List<Kind> kinds = List.of(Kind.stream(target));
        Tally tally = new Tally(kinds, stallNanos);
        LoadLoop.Run run = LoadLoop.run(target, kinds, streams, schedule, tally);
        Tally.PerKind k = tally.kind(0);
        return new Level(target.name(), streams, run.peakInFlight(), k.ok, k.errors, k.stalled, k.ttft, k.maxGap,
                run.seconds());
    }
}
