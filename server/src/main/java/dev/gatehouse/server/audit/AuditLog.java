package dev.gatehouse.server.audit;

import dev.gatehouse.json.Json;
import dev.gatehouse.secret.Redaction;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.StoredText;
import dev.gatehouse.server.store.WriteFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The append-only, hash-chained audit log.
 *
 * <p>Admin actions call {@link #append}, which writes before the action is answered. Security
 * events seen on the request path (a scope violation, a refused admin role) go through
 * {@link #record}: a bounded queue drained by one writer thread, so an attack that produces many
 * events can not slow requests down. Failed admin authentications, which anyone can cause without
 * a key, go through {@link #adminAuthFailed}: counted per source address and minute, and written
 * as one entry with the count when the minute ends (and at {@link #close}).
 *
 * <p>One event never holds up the others. Every event is valid by construction ({@link AuditEvent}
 * fits its texts to the columns); one the database still refuses on its own is set aside in
 * {@code audit_dead_letter} with the database's reason. A database that fails is retried every
 * {@link #RETRY} with the event kept, while new events queue. An event that finds the queue full
 * is dropped: counted ({@code gatehouse_audit_events_dropped_total}), logged, and for
 * {@link #DEGRADED_FOR} after the last drop {@link #degraded()} says so (readiness shows it).
 *
 * <p>Appends lock the single {@code audit_head} row, so instances sharing a database number their
 * entries one after the other and each entry's hash includes the one before it.
 */
public final class AuditLog implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AuditLog.class.getName());
    static final int QUEUE_CAPACITY = 10_000;
    /** How long readiness says the audit log is degraded after an event was dropped. */
    public static final Duration DEGRADED_FOR = Duration.ofMinutes(1);
    static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    /** The detail that marks details cut to fit their column. */
    private static final String CUT = "~cut";

    private final Database database;
    private final Clock clock;
    private final BlockingQueue<AuditEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final FailedLogins failedLogins = new FailedLogins();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    private volatile long lastDropAt = Long.MIN_VALUE;
    private final Thread writer;
    private volatile boolean closing;

    public AuditLog(Database database) {
        this(database, Clock.systemUTC());
    }

    /** @param clock when entries are stamped, failed logins counted and drops remembered */
    public AuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.writer = Thread.ofVirtual().name("gatehouse-audit-writer").start(this::drain);
    }

    /** Writes {@code event} now, as the next entry of the chain; returns it. */
    public AuditEntry append(AuditEvent event) {
        String details = detailsText(event.details());
        return database.inTransaction(tx -> {
            var head = tx.queryOne("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE",
                    row -> new Object[] {row.getLong(1), row.getString(2)})
                    .orElseThrow(() -> new IllegalStateException("the audit head row is missing"));
            long seq = (long) head[0] + 1;
            String prev = (String) head[1];
            long at = clock.millis();
            String hash = AuditEntry.hashOf(seq, at, event.actor(), event.action(), event.target(), event.source(),
                    details, prev);
            tx.update("INSERT INTO audit_log (seq, at, actor, action, target, source, details, prev_hash, hash)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", seq, at, event.actor(), event.action(), event.target(),
                    event.source(), details, prev, hash);
            tx.update("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", seq, hash);
            return new AuditEntry(seq, at, event.actor(), event.action(), event.target(), event.source(), details,
                    prev, hash);
        });
    }

    /**
     * The details as stored: JSON, redacted. {@link AuditEvent} keeps them under the column's
     * width; should redaction ever lengthen them past it, the last details give way to a mark.
     */
    static String detailsText(Map<String, String> details) {
        TreeMap<String, String> kept = new TreeMap<>(details);
        while (true) {
            String text = Redaction.redact(Json.text(Json.mapper().valueToTree(kept)));
            if (text.length() <= AuditEvent.DETAILS) {
                return text;
            }
            String last = kept.descendingKeySet().stream().filter(name -> !name.equals(CUT)).findFirst().orElse(null);
            if (last == null) {
                return "{}";
            }
            kept.remove(last);
            kept.put(CUT, "true");
        }
    }

    /** Queues {@code event} to be written off the request path. */
    public void record(AuditEvent event) {
        if (closing || !queue.offer(event)) {
            long count = drop();
            // Every drop is counted; the log says so at the first and every 1,000th, so a flood does not flood it too.
            if (count == 1 || count % 1000 == 0) {
                LOG.log(System.Logger.Level.WARNING, () -> "audit queue full; " + count + " event(s) not written so"
                        + " far (gatehouse_audit_events_dropped_total), this one: " + event.action() + " "
                        + event.target());
            }
        }
    }

    /**
     * Counts a failed admin authentication from {@code source} (with no key, or one that opened
     * nothing); written as one entry per source and minute. The presented text is never kept.
     */
    public void adminAuthFailed(String source, boolean withoutKey) {
        failedLogins.add(clock.millis(), source, withoutKey);
    }

    private long drop() {
        lastDropAt = clock.millis();
        return dropped.incrementAndGet();
    }

    /** Events that could not be queued or written since start. */
    public long dropped() {
        return dropped.get();
    }

    /** Events the database refused on their own, kept in {@code audit_dead_letter}. */
    public long deadLettered() {
        return deadLettered.get();
    }

    /** Writes that failed because the database did (each retried). */
    long failedWrites() {
        return failedWrites.get();
    }

    /** Whether an event was dropped within the last {@link #DEGRADED_FOR}. */
    public boolean degraded() {
        long last = lastDropAt;
        return last != Long.MIN_VALUE && clock.millis() - last < DEGRADED_FOR.toMillis();
    }

    /** Entries after {@code afterSeq}, oldest first, at most {@code limit}. */
    public List<AuditEntry> list(long afterSeq, int limit) {
        return database.query("SELECT seq, at, actor, action, target, source, details, prev_hash, hash FROM audit_log"
                + " WHERE seq > ? ORDER BY seq LIMIT ?", AuditLog::entry, afterSeq, limit);
    }

    static AuditEntry entry(java.sql.ResultSet row) throws java.sql.SQLException {
        return new AuditEntry(row.getLong("seq"), row.getLong("at"), row.getString("actor"), row.getString("action"),
                row.getString("target"), row.getString("source"), row.getString("details"), row.getString("prev_hash"),
                row.getString("hash"));
    }

    /** The log's metrics in Prometheus' text format. */
    public void scrape(StringBuilder out) {
        out.append("# HELP gatehouse_audit_events_dropped_total Audit events not written: the queue was full, or"
                + " the database failed at shutdown.\n# TYPE gatehouse_audit_events_dropped_total counter\n")
                .append("gatehouse_audit_events_dropped_total ").append(dropped.get()).append('\n')
                .append("# HELP gatehouse_audit_events_dead_lettered_total Audit events the database refused,"
                        + " set aside in audit_dead_letter.\n# TYPE gatehouse_audit_events_dead_lettered_total counter\n")
                .append("gatehouse_audit_events_dead_lettered_total ").append(deadLettered.get()).append('\n')
                .append("# HELP gatehouse_audit_queue_events Audit events waiting to be written.\n"
                        + "# TYPE gatehouse_audit_queue_events gauge\n")
                .append("gatehouse_audit_queue_events ").append(queue.size()).append('\n');
    }

    private void drain() {
        while (!closing || !queue.isEmpty()) {
            try {
                for (AuditEvent ended : failedLogins.takeEndedBefore(clock.millis())) {
                    write(ended);
                }
                AuditEvent event = queue.poll(100, TimeUnit.MILLISECONDS);
                if (event != null) {
                    write(event);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        for (AuditEvent counted : failedLogins.takeEndedBefore(Long.MAX_VALUE)) {
            try {
                write(counted);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Writes {@code event}: set aside if the database refuses it, retried while the database fails. */
    private void write(AuditEvent event) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                append(event);
                return;
            } catch (RuntimeException e) {
                if (WriteFailure.of(e) == WriteFailure.ROWS_REFUSED) {
                    setAside(event, e);
                    return;
                }
                failedWrites.incrementAndGet();
                if (closing) {
                    // Shutting down with a database that fails: what is still queued can not be written either.
                    int rest = 1 + queue.size();
                    queue.clear();
                    for (int i = 0; i < rest; i++) {
                        drop();
                    }
                    LOG.log(System.Logger.Level.ERROR, rest + " audit event(s) could not be written before shutdown:"
                            + " the database failed", e);
                    return;
                }
                if (attempt == 1 || attempt % 60 == 0) {
                    LOG.log(System.Logger.Level.WARNING, "could not write audit event " + event.action() + " "
                            + event.target() + " (attempt " + attempt + "): the database failed; retrying every "
                            + RETRY.toMillis() + " ms", e);
                }
                Thread.sleep(RETRY);
            }
        }
    }

    /** Keeps an event the database refused in {@code audit_dead_letter}, so the events after it are written. */
    private void setAside(AuditEvent event, RuntimeException refusal) {
        String state = WriteFailure.state(refusal);
        try {
            var json = Json.object().put("actor", event.actor()).put("action", event.action())
                    .put("target", event.target()).put("source", event.source());
            json.set("details", Json.mapper().valueToTree(event.details()));
            database.update("INSERT INTO audit_dead_letter (set_aside, action, sql_state, reason, event)"
                    + " VALUES (?, ?, ?, ?, ?)", clock.millis(), event.action(), StoredText.fit(state, 16),
                    WriteFailure.reason(refusal, 1000), Redaction.redact(Json.text(json)));
            deadLettered.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, () -> "the database refused audit event " + event.action() + " "
                    + event.target() + " (SQLSTATE " + state + "); it is set aside in audit_dead_letter");
        } catch (RuntimeException e) {
            drop();
            LOG.log(System.Logger.Level.ERROR, "audit event " + event.action() + " " + event.target() + " was refused"
                    + " (SQLSTATE " + state + ") and could not be set aside", e);
        }
    }

    /** Writes what is queued and the failed logins counted so far, then stops the writer. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
