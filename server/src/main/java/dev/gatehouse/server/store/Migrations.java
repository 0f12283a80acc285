package dev.gatehouse.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Versioned SQL migrations, applied in order at start-up. The list is written here rather than
 * found by scanning the class path: what runs against a production database is what this file
 * names. A migration that was applied is never edited; its checksum is kept and compared, and a
 * mismatch stops the start.
 */
final class Migrations {

    /** In order; append, never edit. */
    static final List<String> FILES = List.of("V1__keys_secrets_audit.sql", "V2__spend.sql",
            "V3__dead_letters.sql", "V4__stored_responses.sql", "V5__console_sessions.sql",
            "V6__guardrail_flags.sql", "V7__end_users_and_tags.sql", "V8__imported_key_secrets.sql");

    private static final System.Logger LOG = System.getLogger(Migrations.class.getName());

    private Migrations() {}

    static void apply(Database database) {
        database.inTransaction(tx -> {
            tx.execute("CREATE TABLE IF NOT EXISTS gatehouse_migrations (version INTEGER PRIMARY KEY,"
                    + " name VARCHAR(200) NOT NULL, checksum CHAR(64) NOT NULL, applied_at BIGINT NOT NULL)");
            return null;
        });
        database.inTransaction(tx -> {
            if (database.isPostgres()) {
                // Two instances starting together against one PostgreSQL: one migrates, the other waits.
                tx.query("SELECT pg_advisory_xact_lock(7261001)", row -> null);
            }
            Map<Integer, String> applied = tx.query("SELECT version, checksum FROM gatehouse_migrations",
                    row -> Map.entry(row.getInt(1), row.getString(2))).stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            for (String name : FILES) {
                int version = version(name);
                String sql = read(name);
                String checksum = sha256(sql);
                String known = applied.get(version);
                if (known != null) {
                    if (!known.equals(checksum)) {
                        throw new StoreException("migration " + name + " differs from the one applied to this"
                                + " database (checksum " + known + "); migrations must never be edited");
                    }
                    continue;
                }
                for (String statement : statements(sql)) {
                    tx.execute(statement);
                }
                tx.update("INSERT INTO gatehouse_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                        version, name, checksum, System.currentTimeMillis());
                LOG.log(System.Logger.Level.INFO, () -> "applied database migration " + name);
            }
            int newest = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            int newestKnown = version(FILES.getLast());
            if (newest > newestKnown) {
                throw new StoreException("the database has migration " + newest + ", newer than this Gatehouse knows ("
                        + newestKnown + "); run the newer Gatehouse or restore a matching database");
            }
            return null;
        });
    }

    /**
     * The version a file name carries ({@code V8__…} is 8): numbers are handed out to changes made
     * side by side, so the list may have a gap until the change holding the missing number lands.
     */
    static int version(String name) {
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    /** Statements of a migration file: separated by semicolons at line ends; comment lines dropped. */
    static List<String> statements(String sql) {
        String withoutComments = sql.lines().filter(line -> !line.strip().startsWith("--"))
                .collect(Collectors.joining("\n"));
        return java.util.Arrays.stream(withoutComments.split(";\\s*(\\n|$)"))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String read(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/" + name)) {
            if (in == null) {
                throw new StoreException("migration " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("can not read migration " + name, e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
