package dev.gatehouse.server.console;

import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.audit.AuditLog;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.auth.KeyFormat;
import dev.gatehouse.server.store.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The console's sessions, in the control-plane database so that every instance knows them. A
 * session opens with an admin key or a single sign-on, and is over when its user signs out, after
 * {@link ConsoleSettings#idleTimeout} unused, {@link ConsoleSettings#maxAge} after it opened, or
 * (opened with an admin key) once that key is revoked. Only a hash of the cookie's value is stored.
 */
public final class ConsoleSessions {

    /** How often a session's last use is written: a page makes several calls a second. */
    private static final long TOUCH_EVERY_MILLIS = 30_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, subject, name, role, admin_key_id, csrf_token, created_at, last_seen_at,"
            + " expires_at";

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final ConsoleSettings settings;

    public ConsoleSessions(Database database, AuditLog audit, Clock clock, ConsoleSettings settings) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
    }

    public ConsoleSettings settings() {
        return settings;
    }

    /** A session opened, and the cookie value that opens it (given to the browser, never stored). */
    public record Opened(ConsoleSession session, String cookieValue) {}

    /**
     * Opens a session for {@code subject} with {@code role}; audited as {@code console.signed_in}.
     * Sessions that are over are deleted on the way.
     *
     * @param adminKeyId the admin key signed in with; null for single sign-on
     */
    public Opened open(String subject, String name, AdminRole role, String adminKeyId, Actor actor) {
        long now = clock.millis();
        database.update("DELETE FROM console_sessions WHERE expires_at <= ? OR last_seen_at <= ?", now,
                now - settings.idleTimeout().toMillis());
        String cookie = random();
        ConsoleSession session = new ConsoleSession(KeyFormat.hash(cookie), subject, name, role, adminKeyId, random(),
                now, now, now + settings.maxAge().toMillis());
        database.update("INSERT INTO console_sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                session.id(), subject, name, role.wireName(), adminKeyId, session.csrfToken(), now, now,
                session.expiresAt());
        audit.append(actor.event("console.signed_in", subject).with("role", role.wireName()));
        return new Opened(session, cookie);
    }

    /**
     * The live session {@code cookieValue} opens: empty when there is none, it is over, or its admin
     * key is no longer active. A use is recorded (at most every 30 seconds) for the idle timeout.
     */
    public Optional<ConsoleSession> find(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 100) {
            return Optional.empty();
        }
        String id = KeyFormat.hash(cookieValue);
        long now = clock.millis();
        Optional<ConsoleSession> found = database.queryOne("SELECT " + COLUMNS + " FROM console_sessions WHERE id = ?",
                ConsoleSessions::session, id);
        if (found.isEmpty()) {
            return found;
        }
        ConsoleSession session = found.get();
        boolean over = now >= session.expiresAt() || now - session.lastSeenAt() >= settings.idleTimeout().toMillis()
                || session.adminKeyId() != null && !adminKeyActive(session.adminKeyId());
        if (over) {
            database.update("DELETE FROM console_sessions WHERE id = ?", id);
            return Optional.empty();
        }
        if (now - session.lastSeenAt() >= TOUCH_EVERY_MILLIS) {
            database.update("UPDATE console_sessions SET last_seen_at = ? WHERE id = ?", now, id);
        }
        return found;
    }

    /** Ends the session {@code cookieValue} opens, if any; audited as {@code console.signed_out}. */
    public void close(String cookieValue, Actor actor) {
        if (cookieValue == null || cookieValue.isEmpty()) {
            return;
        }
        String id = KeyFormat.hash(cookieValue);
        Optional<String> subject = database.queryOne("SELECT subject FROM console_sessions WHERE id = ?",
                row -> row.getString(1), id);
        if (subject.isPresent() && database.update("DELETE FROM console_sessions WHERE id = ?", id) > 0) {
            audit.append(actor.event("console.signed_out", subject.get()));
        }
    }

    /** The sessions that are not over, newest first: who is signed in, for the owner. */
    public List<ConsoleSession> list() {
        long now = clock.millis();
        return database.query("SELECT " + COLUMNS + " FROM console_sessions WHERE expires_at > ? AND last_seen_at > ?"
                + " ORDER BY created_at DESC, id", ConsoleSessions::session, now, now - settings.idleTimeout().toMillis())
                .stream().filter(s -> s.adminKeyId() == null || adminKeyActive(s.adminKeyId())).toList();
    }

    /**
     * Ends the session {@code id} names (its cookie's hash), as the owner may for anyone's: someone
     * who left, or whose group was taken away while signed in. Audited as {@code console.session_ended}.
     *
     * @throws NoSuchElementException when there is no such session
     */
    public void end(String id, Actor actor) {
        ConsoleSession session = database.queryOne("SELECT " + COLUMNS + " FROM console_sessions WHERE id = ?",
                ConsoleSessions::session, id).orElseThrow(() -> new NoSuchElementException("no console session " + id));
        if (database.update("DELETE FROM console_sessions WHERE id = ?", id) > 0) {
            audit.append(actor.event("console.session_ended", session.subject()));
        }
    }

    private boolean adminKeyActive(String adminKeyId) {
        return database.queryOne("SELECT status FROM admin_keys WHERE id = ?", row -> row.getString(1), adminKeyId)
                .map("active"::equals).orElse(false);
    }

    /** 256 random bits, URL-safe. */
    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static ConsoleSession session(java.sql.ResultSet row) throws java.sql.SQLException {
        return new ConsoleSession(row.getString("id"), row.getString("subject"), row.getString("name"),
                AdminRole.fromWire(row.getString("role")).orElseThrow(), row.getString("admin_key_id"),
                row.getString("csrf_token"), row.getLong("created_at"), row.getLong("last_seen_at"),
                row.getLong("expires_at"));
    }
}
