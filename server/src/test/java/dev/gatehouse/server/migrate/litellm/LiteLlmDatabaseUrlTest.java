package dev.gatehouse.server.migrate.litellm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** LiteLLM's DATABASE_URL (Prisma and libpq style) as a JDBC URL, the password kept apart. */
class LiteLlmDatabaseUrlTest {

    @Test
    void prismasUrlBecomesJdbcWithTheUserAndPasswordApart() {
        LiteLlmDatabaseUrl url = LiteLlmDatabaseUrl.parse("postgresql://llm%2Dproxy:p%40ss%2Fw0rd@db.internal:6543"
                + "/litellm?schema=proxy&connection_limit=10&pool_timeout=20&sslmode=require&pgbouncer=true");
        assertEquals("jdbc:postgresql://db.internal:6543/litellm?currentSchema=proxy&sslmode=require"
                + "&prepareThreshold=0", url.jdbcUrl());
        assertEquals(Optional.of("llm-proxy"), url.user());
        assertEquals("p@ss/w0rd", url.password().orElseThrow().reveal());
        assertEquals("jdbc:postgresql://db.internal:6543/litellm", url.describe());
        assertFalse(url.toString().contains("p@ss"));
    }

    @Test
    void postgresSchemeNoPasswordAndJdbcUrlsAreTakenToo() {
        LiteLlmDatabaseUrl url = LiteLlmDatabaseUrl.parse("postgres://litellm@localhost/litellm");
        assertEquals("jdbc:postgresql://localhost/litellm", url.jdbcUrl());
        assertEquals(Optional.empty(), url.password());
        assertEquals("jdbc:postgresql://h/db?password=x", LiteLlmDatabaseUrl.parse(
                "jdbc:postgresql://h/db?password=x").jdbcUrl());
        assertEquals("jdbc:postgresql://h/db", LiteLlmDatabaseUrl.parse("jdbc:postgresql://h/db?password=x")
                .describe());
    }

    @Test
    void otherUrlsAreRefusedWithoutRepeatingThem() {
        for (String bad : new String[] {"mysql://u:hunter2@h/db", "postgresql://u:hunter2@h",
                "postgresql://u:hun%zzter2@h/db", "postgresql://u:hunter2@h/db?unknown=hunter2", " "}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LiteLlmDatabaseUrl.parse(
                    bad));
            assertFalse(e.getMessage().contains("hunter2") || e.getMessage().contains("hun%zz"), e.getMessage());
        }
    }
}
