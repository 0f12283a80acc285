package dev.gatehouse.bench;

import java.net.URI;
import java.util.List;

/**
 * Open-loop load at a fixed rate for a long time while {@link MemorySampler} records the
 * gateway's memory. The mix repeats every 20 requests: 16 plain, 3 streams read to their end,
 * and 1 stream the client hangs up on after {@link #CANCEL_AFTER_CHUNKS} chunks (it closes the
 * socket, as a user who stops a generation does). Plain requests and streams go to the same
 * gateway, each to its own model (an instant upstream for plain, a slow stream for streams).
 */
final class Soak {
    static final int CANCEL_AFTER_CHUNKS = 8;

    private Soak() {
    }

    /** What a soak measured: the outcomes per kind (plain, stream, cancelled stream), and the memory samples. */
    record Findings(String target, double rate, double seconds, Tally tally, List<MemorySampler.Sample> samples,
                   boolean mixed) {
    }

    /**
     * {@code streams} may be null: then every request is a plain one (the 10,000/s memory phase).
     * {@code metrics} may be null: the heap is then not read.
     */
    static Findings run(Target plain, Target streams, double rate, double seconds, int connections, long pid,
                       URI metrics, double sampleSeconds) {
        boolean mixed = streams != null;
        List<Kind> kinds = mixed
                ? List.of(Kind.plain(plain), Kind.stream(streams),
                        new Kind("cancelled stream", streams.request(true), true, CANCEL_AFTER_CHUNKS))
                : List.of(Kind.plain(plain));
        Tally tally = new Tally(kinds, Long.MAX_VALUE);
        long start = System.nanoTime() + 1_000_000;
        Schedule schedule = new Schedule.Open(start, rate, seconds, i -> mixed ? kindOf(i) : 0);
        try (MemorySampler sampler = new MemorySampler(pid, metrics, sampleSeconds)) {
            LoadLoop.run(plain, kinds, connections, schedule, tally);
            return new Findings(plain.name(), rate, seconds, tally, sampler.samples(), mixed);
        }
    }

    private static int kindOf(int i) {
        int slot = i % 20;
        return slot < 16 ? 0 : slot < 19 ? 1 : 2;
    }
}
