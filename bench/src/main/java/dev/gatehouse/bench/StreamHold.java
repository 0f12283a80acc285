package dev.gatehouse.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Scenario 4's sweep: {@code streams} clients, each on its own connection and virtual thread,
 * each asking for one stream after another until the run ends (closed loop), so that the
 * gateway holds that many streams at once once the ramp is over. Client starts are spread over
 * {@code rampSeconds} so that the accept queues see a ramp, not one burst of SYNs.
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
        long end = start + rampNanos + (long) (seconds * 1e9);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong stalled = new AtomicLong();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Histogram ttft = new ConcurrentHistogram(Result.HIGHEST_NANOS, 3);
        Histogram maxGap = new ConcurrentHistogram(Result.HIGHEST_NANOS, 3);
        byte[] request = target.request(true);
        List<Thread> threads = new ArrayList<>(streams);
        for (int i = 0; i < streams; i++) {
            long startAt = start + rampNanos * i / streams;
            threads.add(Thread.ofVirtual().start(() -> {
                sleepUntil(startAt);
                HttpConn conn = null;
                while (System.nanoTime() < end) {
                    boolean counted = false;
                    try {
                        if (conn == null) {
                            conn = new HttpConn(target.host(), target.port());
                        }
                        peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        counted = true;
                        long t0 = System.nanoTime();
                        int status = conn.exchange(request);
                        if (status == 200 && conn.chunks() > 1) {
                            ok.incrementAndGet();
                            ttft.recordValue(Math.min(conn.firstChunkAt() - t0, Result.HIGHEST_NANOS));
                            maxGap.recordValue(Math.min(conn.maxGapNanos(), Result.HIGHEST_NANOS));
                            if (conn.maxGapNanos() > stallNanos) {
                                stalled.incrementAndGet();
                            }
                        } else {
                            errors.incrementAndGet();
                        }
                        if (!conn.reusable()) {
                            conn.close();
                            conn = null;
                        }
                    } catch (IOException | RuntimeException e) {
                        errors.incrementAndGet();
                        if (conn != null) {
                            conn.close();
                            conn = null;
                        }
                        // Do not spin on a refused connection: try again a little later.
                        sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
                    } finally {
                        if (counted) {
                            inFlight.decrementAndGet();
                        }
                    }
                }
                if (conn != null) {
                    conn.close();
                }
            }));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return new Level(target.name(), streams, peak.get(), ok.get(), errors.get(), stalled.get(), ttft, maxGap,
                (System.nanoTime() - start) / 1e9);
    }

    private static void sleepUntil(long nanoTime) {
        for (long wait; (wait = nanoTime - System.nanoTime()) > 0; ) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
