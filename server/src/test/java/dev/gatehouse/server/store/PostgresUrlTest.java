package dev.gatehouse.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * LiteLLM's (Prisma's) {@code postgresql://} database URL turned into the JDBC driver's URL, user
 * and password; Prisma's parameters per https://www.prisma.io/docs/orm/overview/databases/postgresql#arguments.
 */
class PostgresUrlTest {

    private static final String PASSWORD = "p@ss:w/rd Zq81";

    @Test
    void userAndPasswordLeaveTheUrlDecoded() {
        PostgresUrl url = PostgresUrl.parse("postgresql://lite%20llm:p%40ss%3Aw%2Frd%20Zq81@db.internal:5433/litellm");
        assertEquals("jdbc:postgresql://db.internal:5433/litellm", url.jdbcUrl());
        assertEquals(Optional.of("lite llm"), url.user());
        assertEquals(PASSWORD, url.password().orElseThrow().reveal());
        assertFalse(url.toString().contains("Zq81"), "the record never prints the password");
        StoreSettings settings = url.storeSettings();
        assertEquals(StoreSettings.DEFAULT_POOL_SIZE, settings.poolSize());
        assertTrue(settings.isPostgres());
    }

    @Test
    void thePostgresSchemeAndAUrlWithoutPortOrPasswordAreTaken() {
        PostgresUrl url = PostgresUrl.parse("postgres://gatehouse@localhost/gh");
        assertEquals("jdbc:postgresql://localhost/gh", url.jdbcUrl());
        assertEquals(Optional.of("gatehouse"), url.user());
        assertTrue(url.password().isEmpty());
        assertTrue(PostgresUrl.parse("postgresql://db:5432/gh").user().isEmpty());
    }

    @Test
    void prismasParametersAreMappedOrNamedAsIgnored() {
        PostgresUrl url = PostgresUrl.parse("postgresql://u:pw@db:5432/litellm?schema=lite&connection_limit=7"
                + "&pool_timeout=20&sslmode=require&connect_timeout=9&pgbouncer=true&statement_cache_size=0");
        assertEquals("jdbc:postgresql://db:5432/litellm?currentSchema=lite&sslmode=require&connectTimeout=9"
                + "&prepareThreshold=0", url.jdbcUrl());
        assertEquals(OptionalInt.of(7), url.poolSize());
        assertEquals(7, url.storeSettings().poolSize());
        assertEquals(List.of("pool_timeout", "statement_cache_size"), url.ignored());
    }

    @Test
    void whatCanNotBeTakenIsRefusedWithoutRepeatingTheUrl() {
        for (String bad : List.of("mysql://u:secretZq81@db/x", "postgresql://u:secretZq81@db:5432/",
                "postgresql://u:secretZq81@/litellm?host=/var/run", "postgresql://u:secretZq81@db/x?nonsense=1",
                "postgresql://u:secretZq81@db/x?connection_limit=lots")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PostgresUrl.parse(bad));
            assertFalse(e.getMessage().contains("secretZq81"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PostgresUrl.parse("postgresql://db/x?nonsense=1")).getMessage().contains("'nonsense'"));
    }
}
