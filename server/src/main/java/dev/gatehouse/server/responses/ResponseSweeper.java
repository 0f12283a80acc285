package dev.gatehouse.server.responses;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * Deletes stored responses past the retention period: once at start and then every hour, on a
 * virtual thread of its own, as the spend log's retention runs. Expired responses are never read
 * meanwhile ({@link ResponseStore#find}); the sweep only gives their space back. A failed sweep is
 * logged and waits for the next hour.
 */
public final class ResponseSweeper implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ResponseSweeper.class.getName());
    static final Duration EVERY = Duration.ofHours(1);

    private final ResponseStore store;
    private final LongAdder deleted = new LongAdder();
    private final Thread thread;
    private volatile boolean running = true;

    private ResponseSweeper(ResponseStore store) {
        this.store = store;
        this.thread = Thread.ofVirtual().name("gatehouse-response-retention").unstarted(this::run);
    }

    /** Starts sweeping {@code store}; nothing runs when it keeps responses for ever. */
    public static ResponseSweeper start(ResponseStore store) {
        ResponseSweeper sweeper = new ResponseSweeper(store);
        if (store.settings().retentionDays() > 0) {
            sweeper.thread.start();
        }
        return sweeper;
    }

    private void run() {
        while (running) {
            sweepOnce();
            try {
                Thread.sleep(EVERY);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One sweep; returns how many responses it deleted (0 when it failed). */
    int sweepOnce() {
        try {
            int count = store.deleteExpired();
            deleted.add(count);
            return count;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete stored responses past the retention period", e);
            return 0;
        }
    }

    /** Responses deleted by the retention period since start. */
    public long deleted() {
        return deleted.sum();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
