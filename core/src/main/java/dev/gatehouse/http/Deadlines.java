package dev.gatehouse.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Total and idle timeouts for upstream exchanges: at the deadline, or when a read has waited
 * longer than the idle timeout, the body is closed under the reader, whose read then fails with
 * {@link DeadlineExceeded}. One daemon thread schedules the closes for every exchange; it runs
 * nothing else, so it can not be starved.
 */
public final class Deadlines {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    /**
     * The deadline thread's executor. A close cancels its exchange's timers, and a cancelled timer
     * leaves the queue at once: kept until its time (ten minutes for the default total timeout)
     * the queue would hold over a million of them at a couple of thousand requests a second.
     */
    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "gatehouse-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private Deadlines() {}

    /** Runs {@code task} on the deadline thread after {@code nanos}; it must be as quick as a close. */
    static ScheduledFuture<?> after(long nanos, Runnable task) {
        return TIMER.schedule(task, Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

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

    /**
     * The body, closed when one read waits longer than {@code idle} for the upstream's next bytes
     * once the first bytes have come (the pause between a stream's chunks; the wait for the first
     * is the read timeout's); the body itself when there is no idle timeout. Time the reader spends
     * elsewhere — writing to a slow caller — is not the upstream's and does not count. The check
     * runs once per idle period, not per read.
     */
    public static InputStream idle(InputStream body, Duration idle) {
        return idle == null ? body : new IdleGuarded(body, idle.toNanos());
    }

    /** A read of the wrapped stream. */
    @FunctionalInterface
    private interface Read {
        int run() throws IOException;
    }

    private static final class IdleGuarded extends FilterInputStream {
        private final long idleNanos;
        /** When the read in progress began; 0 when no read is in progress. */
        private volatile long readingSince;
        /** Set once the first bytes have been read: the wait before them is not a pause. */
        private volatile boolean started;
        private volatile boolean expired;
        private volatile boolean closed;
        /** The pending check, cancelled by a close so that the queue lets go of this body. */
        private volatile ScheduledFuture<?> pending;

        IdleGuarded(InputStream in, long idleNanos) {
            super(in);
            this.idleNanos = idleNanos;
            this.pending = TIMER.schedule(this::check, idleNanos, TimeUnit.NANOSECONDS);
        }

        private void check() {
            if (closed) {
                return;
            }
            long since = readingSince;
            long now = System.nanoTime();
            if (started && since != 0 && now - since >= idleNanos) {
                expired = true;
                try {
                    in.close();
                } catch (IOException e) {
                    // The reader learns of it from its read.
                }
                return;
            }
            long next = started && since != 0 ? since + idleNanos - now : idleNanos;
            pending = TIMER.schedule(this::check, Math.max(1, next), TimeUnit.NANOSECONDS);
            if (closed) {
                pending.cancel(false);
            }
        }

        @Override
        public int read() throws IOException {
            int b = guardedRead(() -> super.read());
            started = true;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = guardedRead(() -> super.read(b, off, len));
            if (n > 0) {
                started = true;
            }
            return n;
        }

        /** One read, timed: the checker sees when it began, and only while it is under way. */
        private int guardedRead(Read read) throws IOException {
            if (expired) {
                throw DeadlineExceeded.idle(idleNanos / 1_000_000);
            }
            readingSince = System.nanoTime();
            try {
                return read.run();
            } catch (IOException | RuntimeException e) {
                if (expired) {
                    throw DeadlineExceeded.idle(idleNanos / 1_000_000);
                }
                throw e;
            } finally {
                readingSince = 0;
            }
        }

        @Override
        public void close() throws IOException {
            closed = true;
            pending.cancel(false);
            super.close();
        }
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
