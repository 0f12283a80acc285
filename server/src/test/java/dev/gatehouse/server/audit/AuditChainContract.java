package dev.gatehouse.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.StoreSettings;
import java.util.List;
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
}
