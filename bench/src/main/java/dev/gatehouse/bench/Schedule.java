package dev.gatehouse.bench;

import java.util.Deque;
import java.util.PriorityQueue;
import java.util.function.IntUnaryOperator;

/**
 * When a run's requests are due. {@link Open}: request {@code i} at {@code start + i / rate},
 * whatever happened before, its latency counted from that due time (no coordinated omission).
 * {@link Closed}: each of {@code concurrency} clients asks again as soon as its previous request
 * ended, its latency counted from the moment it was sent.
 */
sealed interface Schedule permits Schedule.Open, Schedule.Closed {
    long SECOND = 1_000_000_000L;

    /** Moves the requests due by {@code now} to the end of {@code queue}. */
    void release(long now, Deque<Ask> queue);

    /** A request ended (well or not); a closed loop asks again. */
    void ended(Outcome outcome, long now);

    /** When the next request falls due, or when the run should look again (its end). */
    long nextDue(long now);

    /** No more requests will be released. */
    boolean exhausted(long now);

    /** Whether latency counts from the due time (open loop) or from sending (closed loop). */
    boolean fromDue();

    /**
     * How long the loop parks when the next request is due within a millisecond (it may wake a
     * little after that request's due time): 20 µs, so that answers are seen soon; 50 µs from
     * 10,000 requests/s, so that a few requests go out per wake-up rather than one (a wake-up per
     * request costs the shared core more than the requests themselves).
     */
    default long pollNanos() {
        return 20_000;
    }

    /** Requests not sent by then fail; those still in flight fail {@link #GRACE} later. */
    long sendBy();

    long GRACE = 10 * SECOND;

    /** Open loop: {@code total} requests at {@code rate} per second; {@code kindOf} maps a request's index to its kind. */
    final class Open implements Schedule {
        private final long start;
        private final double period;
        private final long total;
        private final IntUnaryOperator kindOf;
        private long next;

        Open(long start, double rate, double seconds, IntUnaryOperator kindOf) {
            this.start = start;
            this.period = SECOND / rate;
            this.total = (long) (rate * seconds);
            this.kindOf = kindOf;
        }

        private long due(long i) {
            return start + (long) (i * period);
        }

        @Override
        public void release(long now, Deque<Ask> queue) {
            for (; next < total && due(next) <= now; next++) {
                queue.addLast(new Ask(due(next), kindOf.applyAsInt((int) (next % Integer.MAX_VALUE))));
            }
        }

        @Override
        public void ended(Outcome outcome, long now) {
        }

        @Override
        public long nextDue(long now) {
            return next < total ? due(next) : sendBy();
        }

        @Override
        public boolean exhausted(long now) {
            return next >= total;
        }

        @Override
        public boolean fromDue() {
            return true;
        }

        @Override
        public long pollNanos() {
            return period <= 100_000 ? 50_000 : 20_000;
        }

        @Override
        public long sendBy() {
            return due(total) + 5 * SECOND;
        }
    }

    /**
     * Closed loop: {@code concurrency} clients of kind 0, whose first requests are spread over
     * {@code rampNanos} (so that the accept queues see a ramp, not one burst of connections),
     * asking again until {@code end}; after a failure a client waits 100 ms rather than spin on a
     * refused connection.
     */
    final class Closed implements Schedule {
        private static final long BACKOFF = 100_000_000L;
        private final long end;
        private final PriorityQueue<Ask> due = new PriorityQueue<>((a, b) -> Long.compare(a.due(), b.due()));

        Closed(long start, int concurrency, long rampNanos, long end) {
            this.end = end;
            for (int i = 0; i < concurrency; i++) {
                due.add(new Ask(start + rampNanos * i / concurrency, 0));
            }
        }

        @Override
        public void release(long now, Deque<Ask> queue) {
            while (!due.isEmpty() && due.peek().due() <= now && now < end) {
                queue.addLast(due.poll());
            }
        }

        @Override
        public void ended(Outcome outcome, long now) {
            if (now < end) {
                due.add(new Ask(outcome.status() < 0 ? now + BACKOFF : now, 0));
            }
        }

        @Override
        public long nextDue(long now) {
            return now < end ? Math.min(end, due.isEmpty() ? end : due.peek().due()) : sendBy();
        }

        @Override
        public boolean exhausted(long now) {
            return now >= end;
        }

        @Override
        public boolean fromDue() {
            return false;
        }

        @Override
        public long sendBy() {
            return end;
        }
    }
}
