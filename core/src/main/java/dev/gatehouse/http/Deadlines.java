package dev.gatehouse.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Total timeouts for upstream exchanges: at the deadline the body is closed under the reader,
 * whose next read then fails with {@link DeadlineExceeded}. One daemon thread schedules the
 * closes for every exchange; it runs nothing else, so it can not be starved.
 */
public final class Deadlines {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gatehouse-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    private Deadlines() {}

    /**
     * The body, closed when {@code total} has passed since {@code startNanos}; the body itself
     * when there is no total timeout.
     */
    public static InputStream guard(InputStream body, Duration total, long startNanos) {
        if (total == null) {
            return body;
        }
        long remaining = total.toNanos() - (System.nanoTime() - startNanos);
        return new Guarded(body, total.toMillis(), Math.max(0, remaining));
    }

    private static final class Guarded extends FilterInputStream {
        private final long totalMillis;
        private final ScheduledFuture<?> closer;
        private volatile boolean expired;

        Guarded(InputStream in, long totalMillis, long remainingNanos) {
            super(in);
            this.totalMillis = totalMillis;
            this.closer = TIMER.schedule(this::expire, remainingNanos, TimeUnit.NANOSECONDS);
        }

        private void expire() {
            expired = true;
            try {
                in.close();
            } catch (IOException e) {
                // The reader learns of the deadline at its next read.
            }
        }

        @Override
        public int read() throws IOException {
            check();
            try {
                return super.read();
            } catch (IOException e) {
                throw expired ? new DeadlineExceeded(totalMillis) : e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check();
            try {
                return super.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                if (expired) {
                    throw new DeadlineExceeded(totalMillis);
                }
                throw e;
            }
        }

        @Override
        public int available() throws IOException {
            check();
            try {
                return super.available();
            } catch (IOException | RuntimeException e) {
                if (expired) {
                    throw new DeadlineExceeded(totalMillis);
                }
                throw e;
            }
        }

        private void check() throws DeadlineExceeded {
            if (expired) {
                throw new DeadlineExceeded(totalMillis);
            }
        }

        @Override
        public void close() throws IOException {
            closer.cancel(false);
            super.close();
        }
    }
}
