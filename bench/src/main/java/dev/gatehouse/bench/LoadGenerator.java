package dev.gatehouse.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Closed loop: {@code concurrency} connections, each sending its next request as soon as the
 * previous one is answered. Open loop: request {@code i} is due at {@code start + i / rate},
 * whatever happened before; its latency counts from that due time, not from when a
 * connection was free to send it, so a stalled server is charged for the whole stall (no
 * coordinated omission). One platform thread per connection.
 */
final class LoadGenerator {
    private LoadGenerator() {
    }

    static Result closed(Target target, boolean streaming, int concurrency, double seconds, long maxRequests) {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        AtomicLong issued = new AtomicLong();
        return run(target, streaming, "closed", 0, concurrency, start, (conn, h, errors) -> {
            while (System.nanoTime() < end && issued.getAndIncrement() < maxRequests) {
                long t0 = System.nanoTime();
                conn = exchange(target, streaming, conn, h, errors, t0);
            }
            return conn;
        });
    }

    static Result open(Target target, boolean streaming, long rate, int connections, double seconds) {
        long total = (long) (rate * seconds);
        double period = 1e9 / rate;
        long start = System.nanoTime() + 1_000_000;
        long deadline = start + (long) (seconds * 1e9) + 5_000_000_000L;
        AtomicLong next = new AtomicLong();
        return run(target, streaming, "open", rate, connections, start, (conn, h, errors) -> {
            for (long i; (i = next.getAndIncrement()) < total; ) {
                long due = start + (long) (i * period);
                for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(wait);
                }
                if (System.nanoTime() > deadline) {
                    errors.incrementAndGet();
                    continue;
                }
                conn = exchange(target, streaming, conn, h, errors, due);
            }
            return conn;
        });
    }

    private interface Loop {
        HttpConn run(HttpConn conn, Histograms h, AtomicLong errors);
    }

    /** One connection's histograms: to the last byte, and to the first body chunk. */
    private record Histograms(Histogram latency, Histogram ttft) {
        Histograms() {
            this(new Histogram(Result.HIGHEST_NANOS, 3), new Histogram(Result.HIGHEST_NANOS, 3));
        }
    }

    private static Result run(Target target, boolean streaming, String mode, long rate, int concurrency,
                              long start, Loop loop) {
        List<Histograms> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        AtomicLong lastEnd = new AtomicLong(start);
        for (int c = 0; c < concurrency; c++) {
            Histograms h = new Histograms();
            histograms.add(h);
            threads.add(Thread.ofPlatform().daemon().start(() -> {
                HttpConn conn = loop.run(null, h, errors);
                if (conn != null) {
                    conn.close();
                }
                lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
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
        Histograms all = new Histograms();
        histograms.forEach(h -> {
            all.latency().add(h.latency());
            all.ttft().add(h.ttft());
        });
        double seconds = (lastEnd.get() - start) / 1e9;
        return new Result(target.name(), mode, streaming, rate, concurrency, all.latency().getTotalCount(), errors.get(),
                seconds, all.latency(), all.ttft());
    }

    /** One exchange, recorded from {@code from}; returns the connection to use next (null: reconnect). */
    private static HttpConn exchange(Target target, boolean streaming, HttpConn conn, Histograms h,
                                     AtomicLong errors, long from) {
        try {
            if (conn == null) {
                conn = new HttpConn(target.host(), target.port());
            }
            int status = conn.exchange(target.request(streaming));
            long took = System.nanoTime() - from;
            if (status == 200) {
                h.latency().recordValue(Math.min(took, Result.HIGHEST_NANOS));
                if (streaming) {
                    h.ttft().recordValue(Math.min(conn.firstChunkAt() - from, Result.HIGHEST_NANOS));
                }
            } else {
                errors.incrementAndGet();
            }
            if (!conn.reusable()) {
                conn.close();
                conn = null;
            }
            return conn;
        } catch (IOException | RuntimeException e) {
            errors.incrementAndGet();
            if (conn != null) {
                conn.close();
            }
            return null;
        }
    }
}
