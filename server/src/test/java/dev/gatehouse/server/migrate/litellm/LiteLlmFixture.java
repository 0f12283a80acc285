package dev.gatehouse.server.migrate.litellm;

import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A LiteLLM database on the test PostgreSQL: the tables LiteLLM's Prisma schema creates, with
 * realistic rows ({@code migrate/litellm-fixture.sql}, whose header names the plaintext keys).
 */
public final class LiteLlmFixture {

    public static final String ALICE = "sk-Fq3vJc8W1nZrT0pXa2LmQw";
    static final String ALICE_PREVIOUS = "sk-OldAlphaBeforeRegen0001";
    static final String RESEARCH = "sk-9bKd_Ue4Ry7sVo1Hn6TgZA";
    static final String BATCH = "sk-pL2m-Xc5Wq8Ej3Nt0Ys4Bv";
    static final String EXPIRED = "sk-0aZxC9vB8nM7lK6jH5gF4d";
    static final String UI_SESSION = "sk-uiSessionOnly0000000000";

    final StoreSettings settings;

    private LiteLlmFixture(StoreSettings settings) {
        this.settings = settings;
    }

    /** A fresh database with the fixture, then {@code changes} (SQL run after it). */
    public static LiteLlmFixture load(String... changes) {
        LiteLlmFixture fixture = new LiteLlmFixture(TestPostgres.freshDatabase());
        String sql;
        try (InputStream in = LiteLlmFixture.class.getResourceAsStream("/migrate/litellm-fixture.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        fixture.execute(sql);
        for (String change : changes) {
            fixture.execute(change);
        }
        return fixture;
    }

    /** LiteLLM's DATABASE_URL for it, Prisma style, with parameters only Prisma knows. */
    LiteLlmDatabaseUrl url() {
        return LiteLlmDatabaseUrl.parse(prismaUrl(null));
    }

    /**
     * The URL as LiteLLM's DATABASE_URL spells it, with {@code password} (percent-encoded) if given:
     * the test server trusts its loopback clients, so any password is accepted.
     */
    public String prismaUrl(String password) {
        String hostAndDb = settings.jdbcUrl().substring("jdbc:postgresql://".length());
        return "postgresql://postgres" + (password == null ? "" : ":" + java.net.URLEncoder.encode(password,
                StandardCharsets.UTF_8)) + "@" + hostAndDb + "?schema=public&connection_limit=5&pool_timeout=10";
    }

    void execute(String sql) {
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A summary of every row LiteLLM holds, to show a migration changed none. */
    String contents() {
        StringBuilder out = new StringBuilder();
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            for (String table : new String[] {"LiteLLM_TeamTable", "LiteLLM_VerificationToken",
                    "LiteLLM_DeprecatedVerificationToken", "LiteLLM_EndUserTable", "LiteLLM_BudgetTable",
                    "LiteLLM_SpendLogs", "LiteLLM_DailyUserSpend"}) {
                try (var rows = statement.executeQuery("SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM \""
                        + table + "\" t")) {
                    rows.next();
                    out.append(table).append('=').append(rows.getString(1)).append('\n');
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), "postgres", "");
    }
}
