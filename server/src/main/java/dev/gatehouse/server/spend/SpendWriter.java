package dev.gatehouse.server.spend;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.WriteFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes spend rows off the request path: requests put rows on a bounded queue, and one thread
 * drains it in JDBC batches, at least every flush interval and at once when a batch fills.
 *
 * <p>The writer sleeps for the flush interval between writes and is woken early only by a full
 * batch or by {@link #close()}. A full queue never blocks a request: the row is counted as dropped and logged.
 *
 * <p>One bad row never holds up the others. When the database refuses a batch's values
 * ({@link WriteFailure#ROWS_REFUSED}), the batch is halved and each half written again, down to the
 * single row it refuses on its own; that row is set aside in {@code spend_dead_letter} with the
 * database's reason (counted in {@code gatehouse_spend_rows_dead_lettered_total}, logged by request
 * and key id) and the rest is written. When the database itself fails (unreachable, closed:
 * {@link WriteFailure#DATABASE_FAILED}) nothing is set aside: the rows not yet written are kept and
 * retried every flush interval while new rows wait in the queue (and are counted as dropped once
 * it is full). {@link #close()} writes everything still queued
 * before it returns; after a crash at most the rows of the last flush interval are missing.
 * Rows older than the retention period are deleted once an hour.
 */
public final class SpendWriter implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SpendWriter.class.getName());
    static final Duration RETENTION_EVERY = Duration.ofHours(1);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    static final String INSERT = "INSERT INTO spend_log (at, request_id, key_id, team_id, model, provider,"
            + " upstream_model, route, prompt_tokens, completion_tokens, cached_tokens, cache_write_tokens,"
            + " reasoning_tokens, images, cost_usd, cost_estimated, status, outcome, latency_ms, ttft_ms, cache_hit,"
            + " guardrail, end_user, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** One row per tag of a spend row, with its cost and tokens: what spend by tag reads (V7__end_users_and_tags.sql). */
    static final String INSERT_TAG = "INSERT INTO spend_tags (at, request_id, tag, prompt_tokens, completion_tokens,"
            + " cost_usd) VALUES (?, ?, ?, ?, ?, ?)";

    private final Database database;
    private final SpendSettings settings;
    private final Clock clock;
    private final BlockingQueue<SpendRecord> queue;
    private final Thread thread;
    private final LongAdder written = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder failedWrites = new LongAdder();
    private final LongAdder deleted = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final SpendDeadLetters deadLetters;
    private volatile boolean running = true;
    private long nextRetention;

    public SpendWriter(Database database, SpendSettings settings, Clock clock) {
        this.database = database;
        this.settings = settings;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.deadLetters = new SpendDeadLetters(database);
        this.nextRetention = clock.millis();
        this.thread = Thread.ofPlatform().daemon().name("gatehouse-spend-writer").unstarted(this::run);
        thread.start();
    }

    /** Queues a row; false (counted and logged) when the queue is full or the writer is closed. */
    public boolean offer(SpendRecord record) {
        if (running && queue.offer(record)) {
            // The writer sleeps through the flush interval rather than waking for every row (on a
            // busy single core a wake-up per request costs more than the insert); a full batch wakes it.
            if (queue.size() >= settings.batchSize()) {
                LockSupport.unpark(thread);
            }
            return true;
        }
        dropped.increment();
        long total = dropped.sum();
        // Every drop is counted in the metric; the log says so at the first and then every 1,000th.
        if (total == 1 || total % 1000 == 0) {
            LOG.log(System.Logger.Level.WARNING, () -> "spend log queue is full or closed: " + total
                    + " rows dropped so far (gatehouse_spend_rows_dropped_total); the database is slower than the"
                    + " traffic");
        }
        return false;
    }

    private void run() {
        List<SpendRecord> batch = new ArrayList<>(settings.batchSize());
        retain(); // at start, then hourly
        while (true) {
            if (batch.isEmpty()) {
                if (running && queue.size() < settings.batchSize()) {
                    LockSupport.parkNanos(this, settings.flushInterval().toNanos());
                }
                queue.drainTo(batch, settings.batchSize());
            }
            if (batch.isEmpty()) {
                if (!running) {
                    return;
                }
                retain();
                continue;
            }
            try {
                writeOrSetAside(batch);
            } catch (RuntimeException e) {
                failedWrites.increment();
                LOG.log(System.Logger.Level.WARNING, "could not write " + batch.size() + " spend rows, the database"
                        + " failed (SQLSTATE " + WriteFailure.state(e) + "); retrying in "
                        + settings.flushInterval().toMillis() + " ms", e);
                if (!running) {
                    // Shutting down with a database that refuses: do not hold the shutdown.
                    int lost = batch.size() + queue.size();
                    LOG.log(System.Logger.Level.ERROR, () -> lost + " spend rows could not be written before shutdown");
                    return;
                }
                LockSupport.parkNanos(this, settings.flushInterval().toNanos());
            }
        }
    }

    /**
     * Writes {@code batch}, splitting it where the database refuses rows and setting aside each
     * row it refuses alone. Removes from {@code batch} what was written or set aside; throws when
     * the database failed, with the rows not yet written left in it for the next attempt.
     */
    private void writeOrSetAside(List<SpendRecord> batch) {
        int[] done = {0};
        try {
            writePart(batch, 0, batch.size(), done);
        } finally {
            batch.subList(0, done[0]).clear();
        }
    }

    /** Parts are written in order, so {@code done[0]} is the end of what is written or set aside so far. */
    private void writePart(List<SpendRecord> batch, int from, int to, int[] done) {
        try {
            insert(batch.subList(from, to));
            done[0] = to;
        } catch (RuntimeException e) {
            if (WriteFailure.of(e) != WriteFailure.ROWS_REFUSED) {
                throw e;
            }
            if (to - from == 1) {
                setAside(batch.get(from), e);
                done[0] = to;
                return;
            }
            int middle = (from + to) >>> 1;
            writePart(batch, from, middle, done);
            writePart(batch, middle, to, done);
        }
    }

    /**
     * Keeps a row the database refused on its own in {@code spend_dead_letter}. A database that
     * fails meanwhile is thrown (the row is kept and tried again); a dead letter the database
     * refuses too (which the fitted texts should make impossible) is counted as dropped.
     */
    private void setAside(SpendRecord record, RuntimeException refusal) {
        try {
            deadLetters.setAside(record, refusal, clock.millis());
        } catch (RuntimeException e) {
            if (WriteFailure.of(e) != WriteFailure.ROWS_REFUSED) {
                throw e;
            }
            dropped.increment();
            LOG.log(System.Logger.Level.ERROR, () -> "the spend row of request " + record.requestId() + " (key "
                    + record.keyId() + ") was refused and could not be set aside either; it is dropped (SQLSTATE "
                    + WriteFailure.state(e) + ")");
            return;
        }
        deadLettered.increment();
        // Ids and the database's reason only: a spend row holds no secret, and no request content.
        LOG.log(System.Logger.Level.WARNING, () -> "the database refused the spend row of request "
                + record.requestId() + " (key " + record.keyId() + "): SQLSTATE " + WriteFailure.state(refusal) + ", "
                + WriteFailure.reason(refusal, 200) + "; it is set aside in spend_dead_letter and the other rows are"
                + " written");
    }

    private void insert(List<SpendRecord> batch) {
        List<Object[]> rows = new ArrayList<>(batch.size());
        List<Object[]> tagRows = new ArrayList<>(0);
        for (SpendRecord r : batch) {
            SpendRecord.Tokens t = r.tokens();
            rows.add(new Object[] {r.at(), r.requestId(), r.keyId(), r.teamId(), r.model(), r.provider(),
                r.upstreamModel(), r.route(), t == null ? null : t.prompt(), t == null ? null : t.completion(),
                t == null ? null : t.cached(), t == null ? null : t.cacheWrite(), t == null ? null : t.reasoning(),
                r.images(), r.costUsd(), r.costEstimated(), r.status(), r.outcome().text(), r.latencyMs(),
                r.ttftMs(), r.cacheHit(), r.guardrail() == null ? null : r.guardrail().text(), r.endUser(),
                r.tags().isEmpty() ? null : tagsJson(r.tags())});
            for (String tag : r.tags()) {
                tagRows.add(new Object[] {r.at(), r.requestId(), tag, t == null ? null : t.prompt(),
                    t == null ? null : t.completion(), r.costUsd()});
            }
        }
        database.inTransaction(tx -> {
            tx.batch(INSERT, rows);
            if (!tagRows.isEmpty()) {
                tx.batch(INSERT_TAG, tagRows);
            }
            return null;
        });
        written.add(batch.size());
    }

    /** The tags as a JSON array of strings; never wider than spend_log.tags (20 tags of 64 characters, escaped). */
    private static String tagsJson(List<String> tags) {
        ArrayNode array = Json.array();
        tags.forEach(array::add);
        return Json.text(array);
    }

    /** Deletes rows older than the retention period, at most once an hour (a failure waits for the next hour). */
    private void retain() {
        long now = clock.millis();
        if (settings.retentionDays() == 0 || now < nextRetention) {
            return;
        }
        nextRetention = now + RETENTION_EVERY.toMillis();
        try {
            deleted.add(deleteOlderThan(database, now - Duration.ofDays(settings.retentionDays()).toMillis()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete spend rows past the retention period", e);
        }
    }

    /** Deletes the rows from before {@code cutoffMillis}; returns how many. */
    static int deleteOlderThan(Database database, long cutoffMillis) {
        database.update("DELETE FROM spend_tags WHERE at < ?", cutoffMillis);
        return database.update("DELETE FROM spend_log WHERE at < ?", cutoffMillis);
    }

    public long written() {
        return written.sum();
    }

    /** Writes that failed because the database did (retried). */
    public long failedWrites() {
        return failedWrites.sum();
    }

    /** Rows the database refused on their own, kept in {@code spend_dead_letter}. */
    public long deadLettered() {
        return deadLettered.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    public int queued() {
        return queue.size();
    }

    /** The writer's metrics in Prometheus' text format. */
    public void scrape(StringBuilder out) {
        counter(out, "gatehouse_spend_rows_written_total", "Spend log rows written to the database.", written.sum());
        counter(out, "gatehouse_spend_rows_dropped_total", "Spend log rows dropped: the queue was full,"
                + " or a refused row could not be set aside.",
                dropped.sum());
        counter(out, "gatehouse_spend_rows_dead_lettered_total", "Spend log rows the database refused on their own,"
                + " set aside in spend_dead_letter.", deadLettered.sum());
        counter(out, "gatehouse_spend_write_failures_total", "Spend log writes that failed because the database"
                + " did (retried).", failedWrites.sum());
        counter(out, "gatehouse_spend_rows_deleted_total", "Spend log rows deleted by the retention setting.",
                deleted.sum());
        out.append("# HELP gatehouse_spend_queue_rows Spend log rows waiting to be written.\n")
                .append("# TYPE gatehouse_spend_queue_rows gauge\n")
                .append("gatehouse_spend_queue_rows ").append(queue.size()).append('\n');
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(value).append('\n');
    }

    /** Stops taking rows and writes everything queued; returns once written (or after 30 s). */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
