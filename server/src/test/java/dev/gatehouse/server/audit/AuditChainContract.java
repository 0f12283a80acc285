package dev.gatehouse.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.Await;
import dev.gatehouse.server.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit chain detects each kind of tampering and names the entry, on each database. The
 * tampering is done the way an attacker with database access would: with SQL, behind
 * Gatehouse's back.
 */
abstract class AuditChainContract {

    Database database;
    AuditLog audit;

    abstract StoreSettings store();

    @BeforeEach
    void writeSixEntries() {
        database = Database.open(store());
        audit = new AuditLog(database);
        Actor actor = new Actor("admin:admin_1", "10.0.0.7");
        for (int i = 1; i <= 6; i++) {
            audit.append(actor.event("key.created", "key:key_" + i).with("name", "key " + i));
        }
        assertTrue(AuditVerifier.verify(database).intact(), AuditVerifier.verify(database).problems().toString());
    }

    @AfterEach
    void close() {
        audit.close();
        database.close();
    }

    List<String> problems() {
        AuditVerifier.Result result = AuditVerifier.verify(database);
        assertEquals(false, result.intact(), "tampering must be detected");
        return result.problems();
    }

    static void assertMentions(List<String> problems, String... words) {
        String all = String.join("\n", problems);
        for (String word : words) {
            assertTrue(all.contains(word), "expected '" + word + "' in: " + all);
        }
    }

    @Test
    void anIntactChainVerifiesAndKeepsGrowingAcrossWriters() {
        try (AuditLog second = new AuditLog(database)) {
            second.append(new Actor("cli", "cli").event("credential.stored", "credential:openai"));
        }
        AuditVerifier.Result result = AuditVerifier.verify(database);
        assertTrue(result.intact(), result.problems().toString());
        assertEquals(7, result.entries());
        assertEquals(7, result.headSeq());
    }

    @Test
    void aChangedEntryIsNamed() {
        database.update("UPDATE audit_log SET actor = 'admin:someone_else' WHERE seq = 3");
        List<String> problems = problems();
        assertMentions(problems, "entry 3 was changed");
        assertEquals(1, problems.size(), problems.toString());
    }

    @Test
    void aDeletedEntryIsNamed() {
        database.update("DELETE FROM audit_log WHERE seq = 4");
        assertMentions(problems(), "entry 4 is missing (deleted)");
    }

    @Test
    void anInsertedEntryIsNamed() {
        // Make room after entry 2 and insert a forged entry that links to entry 2's hash.
        for (int seq = 6; seq >= 3; seq--) {
            database.update("UPDATE audit_log SET seq = ? WHERE seq = ?", (long) seq + 1, (long) seq);
        }
        String prev = database.queryOne("SELECT hash FROM audit_log WHERE seq = 2", row -> row.getString(1)).orElseThrow();
        String forged = AuditEntry.hashOf(3, 1L, "admin:ghost", "key.created", "key:key_x", "1.2.3.4", "{}", prev);
        database.update("INSERT INTO audit_log (seq, at, actor, action, target, source, details, prev_hash, hash)"
                + " VALUES (3, 1, 'admin:ghost', 'key.created', 'key:key_x', '1.2.3.4', '{}', ?, ?)", prev, forged);
        assertMentions(problems(), "entry 3 was inserted: entry 4 was written right after entry 2",
                "entry 4 was moved: it was written as entry 3");
    }

    @Test
    void reorderedEntriesAreNamed() {
        database.update("UPDATE audit_log SET seq = 100 WHERE seq = 2");
        database.update("UPDATE audit_log SET seq = 2 WHERE seq = 5");
        database.update("UPDATE audit_log SET seq = 5 WHERE seq = 100");
        assertMentions(problems(), "entry 2 was moved: it was written as entry 5",
                "entry 5 was moved: it was written as entry 2");
    }

    @Test
    void aCutTailIsNamed() {
        database.update("DELETE FROM audit_log WHERE seq >= 5");
        assertMentions(problems(), "entries 5 to 6 are missing from the end");
    }

    @Test
    void aChainRewrittenAsAWholeIsCaughtByAHeadKeptElsewhere() {
        AuditVerifier.Result before = AuditVerifier.verify(database);
        String head = before.headSeq() + ":" + before.headHash();
        assertNull(AuditVerifier.checkEarlierHead(database, head));
        // Rewrite everything consistently: only the earlier head can tell.
        database.update("DELETE FROM audit_log");
        database.update("UPDATE audit_head SET seq = 0, hash = ?", "0".repeat(64));
        audit.append(new Actor("admin:forger", "1.2.3.4").event("key.created", "key:key_1"));
        assertTrue(AuditVerifier.verify(database).intact());
        assertTrue(AuditVerifier.checkEarlierHead(database, head).contains("gone"));
    }

    long count(String table) {
        return database.queryOne("SELECT COUNT(*) FROM " + table, r -> r.getLong(1)).orElseThrow();
    }

    /**
     * A rerank model name of 8 KB in a scope.denied event made its insert fail (details is
     * VARCHAR(8192)): probing left no trace. Every text of an event is fitted to its column now,
     * NUL and unpaired surrogates included (PostgreSQL refuses the one and rewrites the other,
     * which would break the entry's hash).
     */
    @Test
    void anEventWithHostileTextIsWrittenFittedAndTheChainStaysIntact() {
        String probe = "m".repeat(8 * 1024) + "\u0000\ud800";
        audit.record(new AuditEvent("key:key_1", "scope.denied", "key:" + probe, "10.0.0.9" + probe,
                Map.of("scope", "model", "requested", probe)));
        AuditEntry direct = audit.append(new Actor("admin:" + probe, "10.0.0.9").event("key.created", probe)
                .with("name", probe).with("models", probe));
        audit.close();
        List<AuditEntry> entries = audit.list(6, 10);
        assertEquals(2, entries.size(), "both entries were written: " + entries);
        // The queued event and the direct append race for the next place in the chain: either may come first.
        AuditEntry denied = entries.stream().filter(e -> e.action().equals("scope.denied")).findFirst().orElseThrow();
        AuditEntry written = entries.stream().filter(e -> e.action().equals("key.created")).findFirst().orElseThrow();
        assertEquals(400, denied.target().length());
        assertTrue(denied.details().contains("\"requested\":\"mmm") && denied.details().length() < 8192,
                denied.details());
        assertEquals(direct.hash(), written.hash());
        // Twelve details of quotes, each escaped twice over in JSON: the last ones give way to a mark.
        Map<String, String> quotes = new java.util.TreeMap<>();
        for (int i = 0; i < 12; i++) {
            quotes.put("d" + (char) ('a' + i), "\"".repeat(5_000));
        }
        AuditEntry cut = audit.append(new AuditEvent("cli", "key.updated", "key:key_1", "cli", quotes));
        assertTrue(cut.details().length() <= 8192 && cut.details().contains("\"~cut\":\"true\"")
                && cut.details().contains("\"da\":"), cut.details());
        assertTrue(AuditVerifier.verify(database).intact(), AuditVerifier.verify(database).problems().toString());
        assertEquals(0, audit.dropped());
    }

    /**
     * An event the database refuses on its own (here a CHECK constraint an operator added refuses
     * it) is set aside in audit_dead_letter; the thousand others are written and the chain holds.
     */
    @Test
    void oneEventTheDatabaseRefusesIsSetAsideAndTheOthersAreWritten() {
        database.update("ALTER TABLE audit_log ADD CONSTRAINT no_poison CHECK (target <> 'key:poison')");
        for (int i = 0; i < 1_000; i++) {
            audit.record(AuditEvent.of("key:key_1", "scope.denied", i == 500 ? "key:poison" : "key:key_" + i,
                    "10.0.0.9"));
        }
        Await.until(() -> count("audit_log") + audit.deadLettered() == 1_006, "the thousand events were handled");
        assertEquals(1, audit.deadLettered());
        assertEquals(1_005, count("audit_log"));
        assertEquals(List.of("scope.denied"), database.query("SELECT action FROM audit_dead_letter",
                r -> r.getString(1)));
        audit.record(AuditEvent.of("key:key_1", "scope.denied", "key:after", "10.0.0.9"));
        audit.close();
        assertEquals(1_006, count("audit_log"), "the writer keeps writing");
        assertTrue(AuditVerifier.verify(database).intact(), AuditVerifier.verify(database).problems().toString());
        assertEquals(0, audit.dropped());
    }

    /** A database that fails is retried with the event kept: nothing is set aside, nothing lost. */
    @Test
    void aFailingDatabaseIsRetriedNeverSetAside() {
        database.update("ALTER TABLE audit_log RENAME TO audit_log_away");
        for (int i = 0; i < 3; i++) {
            audit.record(AuditEvent.of("key:key_1", "scope.denied", "key:key_" + i, "10.0.0.9"));
        }
        Await.until(() -> audit.failedWrites() >= 2, "the writer retried");
        database.update("ALTER TABLE audit_log_away RENAME TO audit_log");
        audit.close();
        assertEquals(9, count("audit_log"));
        assertEquals(0, audit.deadLettered());
        assertEquals(0, count("audit_dead_letter"));
        assertTrue(AuditVerifier.verify(database).intact(), AuditVerifier.verify(database).problems().toString());
    }

    /** Failed admin logins: one entry per source address and minute, with the counts, when the minute ends. */
    @Test
    void failedAdminLoginsAreOneEntryPerSourceAndMinute() {
        MutableClock clock = new MutableClock();
        try (AuditLog counting = new AuditLog(database, clock)) {
            for (int i = 0; i < 1_000; i++) {
                counting.adminAuthFailed("198.51.100.7", i % 4 != 0);
            }
            counting.adminAuthFailed("203.0.113.5", false);
            // Checked before the clock moves: once it has, the writer may take the ended minute at any moment.
            assertEquals(6, count("audit_log"), "nothing is written before the minute ends");
            clock.advance(Duration.ofMinutes(1));
            counting.adminAuthFailed("198.51.100.7", true);
            clock.advance(Duration.ofMinutes(1));
            Await.until(() -> count("audit_log") == 9, "the ended minutes were written");
        }
        List<AuditEntry> failed = audit.list(6, 10);
        assertEquals(List.of("198.51.100.7", "203.0.113.5", "198.51.100.7"),
                failed.stream().map(AuditEntry::source).toList());
        assertTrue(failed.stream().allMatch(e -> e.action().equals("admin.auth_failed")));
        assertTrue(failed.get(0).details().contains("\"count\":\"1000\"") && failed.get(0).details()
                .contains("\"no_key\":\"750\"") && failed.get(0).details().contains("\"invalid_key\":\"250\""),
                failed.get(0).details());
        assertTrue(failed.get(1).details().contains("\"count\":\"1\""), failed.get(1).details());
        assertTrue(failed.get(2).details().contains("\"minute\":\"2026-11-26T12:01:00Z\""),
                failed.get(2).details());
        assertTrue(AuditVerifier.verify(database).intact());
    }

    /** Events dropped on a full queue are counted, and the log says it is degraded for a minute after. */
    @Test
    void droppedEventsAreCountedAndDegradeTheLogForAMinute() {
        MutableClock clock = new MutableClock();
        database.update("ALTER TABLE audit_log RENAME TO audit_log_away");
        try (AuditLog stuck = new AuditLog(database, clock)) {
            assertEquals(false, stuck.degraded());
            for (int i = 0; i < AuditLog.QUEUE_CAPACITY + 20; i++) {
                stuck.record(AuditEvent.of("key:key_1", "scope.denied", "key:key_" + i, "10.0.0.9"));
            }
            assertTrue(stuck.dropped() >= 19, "dropped " + stuck.dropped());
            assertTrue(stuck.degraded());
            StringBuilder metrics = new StringBuilder();
            stuck.scrape(metrics);
            assertTrue(metrics.toString().contains("gatehouse_audit_events_dropped_total " + stuck.dropped()),
                    metrics.toString());
            clock.advance(AuditLog.DEGRADED_FOR);
            assertEquals(false, stuck.degraded(), "no drop in the last minute");
        }
        database.update("ALTER TABLE audit_log_away RENAME TO audit_log");
        assertTrue(AuditVerifier.verify(database).intact());
    }
}
