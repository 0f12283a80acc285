package dev.gatehouse.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.testing.TestPostgres;
import dev.gatehouse.server.testing.TestStores;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migrations run once, in order, on both databases, and an edited migration stops the start. */
class MigrationsTest {

    @Test
    void theEmbeddedStoreIsCreatedInTheDataDirectoryAndReopened(@TempDir Path dir) {
        StoreSettings settings = StoreSettings.embedded(dir);
        try (Database database = Database.open(settings)) {
            database.update("INSERT INTO admin_keys (id, name, role, hash, status, created_at, created_by)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", "admin_1", "a", "owner", "0".repeat(64), "active", 1L, "test");
        }
        try (Database database = Database.open(settings)) {
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), database.query("SELECT version FROM gatehouse_migrations ORDER BY version",
                    row -> row.getInt(1)));
            assertEquals(1, database.query("SELECT id FROM admin_keys", row -> row.getString(1)).size());
        }
        assertTrue(dir.resolve("gatehouse.mv.db").toFile().isFile());
        assertEquals("jdbc:h2:file:" + dir.toAbsolutePath().resolve("gatehouse"), settings.describe());
    }

    @Test
    void postgresIsMigratedOnceEvenWhenTwoInstancesStartTogether() throws Exception {
        StoreSettings settings = TestPostgres.freshDatabase();
        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> Database.open(settings));
        var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> Database.open(settings));
        try (Database a = first.get(); Database b = second.get()) {
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), a.query("SELECT version FROM gatehouse_migrations ORDER BY version",
                    row -> row.getInt(1)));
            assertTrue(b.isReachable());
        }
    }

    @Test
    void anEditedMigrationStopsTheStart() {
        StoreSettings settings = TestStores.h2();
        try (Database database = Database.open(settings)) {
            database.update("UPDATE gatehouse_migrations SET checksum = ? WHERE version = 1", "f".repeat(64));
            StoreException e = assertThrows(StoreException.class, () -> Database.open(settings));
            assertTrue(e.getMessage().contains("must never be edited"), e.getMessage());
        }
    }

    @Test
    void keysThatMayUseEveryEndpointMayUseTheNewResponsesAndCompletionsEndpoints() throws Exception {
        String everyEndpointBefore = "[\"chat\",\"messages\",\"embeddings\",\"images\",\"audio\",\"rerank\","
                + "\"models\"]";
        try (Database database = Database.open(TestStores.h2())) {
            for (String[] key : new String[][] {{"key_all", everyEndpointBefore}, {"key_some", "[\"chat\"]"}}) {
                database.update("INSERT INTO virtual_keys (id, name, allowed_models, allowed_endpoints, allowed_cidrs,"
                        + " limits, metadata, status, created_at, updated_at) VALUES (?, 'k', '[\"*\"]', ?, '[]', '{}',"
                        + " '{}', 'active', 1, 1)", key[0], key[1]);
            }
            String v4;
            try (var in = Migrations.class.getResourceAsStream("/db/migration/V4__stored_responses.sql")) {
                v4 = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            for (String statement : Migrations.statements(v4)) {
                if (statement.startsWith("UPDATE virtual_keys")) {
                    database.update(statement);
                }
            }
            assertEquals(List.of(everyEndpointBefore.replace("]", ",\"responses\",\"completions\"]"), "[\"chat\"]"),
                    database.query("SELECT allowed_endpoints FROM virtual_keys ORDER BY id", row -> row.getString(1)));
        }
        // The list as Gatehouse writes it for a key of every endpoint, which the migration matched.
        String written = dev.gatehouse.json.Json.text(dev.gatehouse.json.Json.array().add("chat").add("messages")
                .add("embeddings").add("images").add("audio").add("rerank").add("models"));
        assertEquals(everyEndpointBefore, written);
    }

    @Test
    void aDatabaseFromANewerGatehouseIsRefused() {
        StoreSettings settings = TestStores.h2();
        try (Database database = Database.open(settings)) {
            database.update("INSERT INTO gatehouse_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                    99, "V99__future.sql", "0".repeat(64), 1L);
            StoreException e = assertThrows(StoreException.class, () -> Database.open(settings));
            assertTrue(e.getMessage().contains("newer than this Gatehouse knows"), e.getMessage());
        }
    }

    @Test
    void statementsAreSplitAtLineEndSemicolonsWithoutComments() {
        assertEquals(List.of("CREATE TABLE a (x INT)", "INSERT INTO a VALUES (1)"),
                Migrations.statements("-- a comment; with a semicolon\nCREATE TABLE a (x INT);\n\nINSERT INTO a VALUES (1);\n"));
    }

    @Test
    void aPasswordInTheUrlIsNeverDescribed() {
        StoreSettings settings = new StoreSettings("jdbc:postgresql://db:5432/gatehouse?user=g&password=hunter2-secret",
                java.util.Optional.empty(), java.util.Optional.empty(), 2);
        assertEquals("jdbc:postgresql://db:5432/gatehouse", settings.describe());
    }
}
