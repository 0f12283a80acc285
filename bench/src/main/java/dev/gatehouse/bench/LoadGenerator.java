package dev.gatehouse.bench;

import java.util.List;

/**
 * Closed loop: {@code concurrency} connections, each sending its next request as soon as the
 * previous one is answered. Open loop: request {@code i} is due at {@code start + i / rate},
 * whatever happened before, sent on the first free one of {@code connections} keep-alive
 * connections; its latency counts from that due time, not from when a connection was free to
 * send it, so a stalled server is charged for the whole stall (no coordinated omission).
 * Requests not sent within 5 s after the run's end count as errors. Both run on
 * {@link LoadLoop}: one thread and a selector, however many connections.
 */
final class LoadGenerator {
    private LoadGenerator() {
    }

    static Result closed(Target target, boolean streaming, int concurrency, double seconds) {
        long start = System.nanoTime();
        Schedule schedule = new Schedule.Closed(start, concurrency, 0, start + (long) (seconds * 1e9));
        return run(target, streaming, "closed", 0, concurrency, start, schedule);
    }

    static Result open(Target target, boolean streaming, long rate, int connections, double seconds) {
        long start = System.nanoTime() + 1_000_000;
        Schedule schedule = new Schedule.Open(start, rate, seconds, i -> 0);
        return run(target, streaming, "open", rate, connections, start, schedule);
    }

    private static Result run(Target target, boolean streaming, String mode, long rate, int connections, long start,
                              Schedule schedule) {
        List<Kind> kinds = List.of(Kind.of(target, streaming));
        Tally tally = new Tally(kinds, Long.MAX_VALUE);
        LoadLoop.run(target, kinds, connections, schedule, tally);
        Tally.PerKind k = tally.kind(0);
        double seconds = Math.max(0, tally.lastEnd() - start) / 1e9;
        return new Result(target.name(), mode, streaming, rate, connections, k.ok, k.errors, seconds, k.latency,
                k.ttft);
    }
}
