package dev.gatehouse.server.audit;

import dev.gatehouse.json.Json;
import dev.gatehouse.secret.Redaction;
import dev.gatehouse.server.store.Database;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The append-only, hash-chained audit log.
 *
 * <p>Admin actions call {@link #append}, which writes before the action is answered. Security
 * events seen on the request path (a scope violation, a failed admin login) go through
 * {@link #record}: a bounded queue drained by one writer thread, so an attack that produces many
 * events can not slow requests down. A full queue is counted ({@link #dropped}) and logged, never
 * silently lost; {@link #close} drains what is queued.
 *
 * <p>Appends lock the single {@code audit_head} row, so instances sharing a database number their
 * entries one after the other and each entry's hash includes the one before it.
 */
public final class AuditLog implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AuditLog.class.getName());
    private static final int QUEUE_CAPACITY = 10_000;

    private final Database database;
    private final BlockingQueue<AuditEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;

    public AuditLog(Database database) {
        this.database = database;
        this.writer = Thread.ofVirtual().name("gatehouse-audit-writer").start(this::drain);
    }

    /** Writes {@code event} now, as the next entry of the chain; returns it. */
    public AuditEntry append(AuditEvent event) {
        String details = Redaction.redact(Json.text(Json.mapper().valueToTree(event.details())));
        return database.inTransaction(tx -> {
            var head = tx.queryOne("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE",
                    row -> new Object[] {row.getLong(1), row.getString(2)})
                    .orElseThrow(() -> new IllegalStateException("the audit head row is missing"));
            long seq = (long) head[0] + 1;
            String prev = (String) head[1];
            long at = System.currentTimeMillis();
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

    /** Queues {@code event} to be written off the request path. */
    public void record(AuditEvent event) {
        if (closing || !queue.offer(event)) {
            long count = dropped.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, () -> "audit queue full; " + count
                    + " event(s) not written so far, this one: " + event.action() + " " + event.target());
        }
    }

    /** Events that could not be queued since start. */
    public long dropped() {
        return dropped.get();
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

    private void drain() {
        while (!closing || !queue.isEmpty()) {
            try {
                AuditEvent event = queue.poll(100, TimeUnit.MILLISECONDS);
                if (event != null) {
                    write(event);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(AuditEvent event) {
        try {
            append(event);
        } catch (RuntimeException e) {
            dropped.incrementAndGet();
            LOG.log(System.Logger.Level.ERROR, "could not write audit event " + event.action() + " " + event.target(), e);
        }
    }

    /** Writes what is queued, then stops the writer. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(java.time.Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
