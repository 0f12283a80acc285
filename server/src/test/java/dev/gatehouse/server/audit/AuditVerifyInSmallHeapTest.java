package dev.gatehouse.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.cli.Main;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.ChildJvm;
import dev.gatehouse.server.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code gatehouse audit verify} of a chain of 200,000 entries in a JVM whose heap is 32 MB: the
 * chain is walked page by page. It used to be loaded whole (about 600 bytes an entry).
 */
class AuditVerifyInSmallHeapTest {

    static final int ENTRIES = 200_000;

    @Test
    void twoHundredThousandEntriesAreVerifiedInA32MegabyteHeap() throws Exception {
        StoreSettings store = TestPostgres.freshDatabase();
        // PostgreSQL's driver sends a batch of inserts as multi-row statements with this.
        StoreSettings batched = new StoreSettings(store.jdbcUrl() + "?reWriteBatchedInserts=true", store.user(),
                Optional.empty(), 2);
        try (Database database = Database.open(batched)) {
            String prev = "0".repeat(64);
            List<Object[]> rows = new ArrayList<>();
            for (long seq = 1; seq <= ENTRIES; seq++) {
                String details = "{\"name\":\"key " + seq + "\"}";
                String hash = AuditEntry.hashOf(seq, 1_795_000_000_000L + seq, "admin:admin_1", "key.created",
                        "key:key_" + seq, "10.0.0.7", details, prev);
                rows.add(new Object[] {seq, 1_795_000_000_000L + seq, "admin:admin_1", "key.created", "key:key_" + seq,
                    "10.0.0.7", details, prev, hash});
                prev = hash;
                if (rows.size() == 10_000 || seq == ENTRIES) {
                    List<Object[]> batch = List.copyOf(rows);
                    database.inTransaction(tx -> {
                        tx.batch("INSERT INTO audit_log (seq, at, actor, action, target, source, details, prev_hash,"
                                + " hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", batch);
                        return null;
                    });
                    rows.clear();
                }
            }
            database.update("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", (long) ENTRIES, prev);
        }
        Process child = ChildJvm.start("32m", Main.class, Map.of("GATEHOUSE_DATABASE_USER", "postgres"), "audit",
                "verify", "--database-url", store.jdbcUrl());
        child.getOutputStream().close();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), out + err);
        assertTrue(out.contains("Intact: " + ENTRIES + " entries; head " + ENTRIES + ":" + prevOf(store)), out);
    }

    private static String prevOf(StoreSettings store) {
        try (Database database = Database.open(store)) {
            return database.queryOne("SELECT hash FROM audit_head WHERE id = 1", r -> r.getString(1)).orElseThrow();
        }
    }
}
