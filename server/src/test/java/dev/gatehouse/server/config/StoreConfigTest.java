package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblemAt;
import static dev.gatehouse.server.config.Configs.assertWarning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.store.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store a file names: LiteLLM's general_settings.database_url (usually os.environ/DATABASE_URL,
 * docs.litellm.ai/docs/proxy/config_settings) and Gatehouse's store.url, as references; read
 * alone by ConfigLoader.store(Path) for the commands that open the store.
 */
class StoreConfigTest {

    private static final String PASSWORD = "db-test-password-Rt52";
    private static final String LITELLM = """
            model_list:
              - model_name: m
                litellm_params:
                  model: openai/gpt-4o
                  api_key: os.environ/OPENAI_API_KEY
            """;
    private static final String GATEHOUSE = """
            models:
              - name: m
                provider: openai
                model: gpt-4o
                api_key: env:OPENAI_API_KEY
            """;

    @TempDir
    Path dir;

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>(Configs.ENV);
        env.put("DATABASE_URL", "postgresql://litellm:" + PASSWORD + "@db.internal:5432/litellm?schema=lite"
                + "&connection_limit=5");
        env.put("JDBC_URL", "jdbc:postgresql://db.internal/gatehouse");
        env.put("GATEHOUSE_DATABASE_USER", "gh");
        env.put("GATEHOUSE_DATABASE_PASSWORD", PASSWORD);
        return env;
    }

    private static ConfigLoader.Loaded load(String yaml) {
        return Configs.loader(env()::get).parse(yaml, "file.yaml");
    }

    private Optional<StoreSettings> store(String yaml) throws IOException {
        Path file = dir.resolve("file.yaml");
        Files.writeString(file, yaml);
        ConfigLoader.StoreFromFile read = Configs.loader(env()::get).store(file);
        assertTrue(read.problems().isEmpty(), () -> read.problems().toString());
        return read.settings();
    }

    @Test
    void liteLlmsDatabaseUrlFromTheEnvironmentIsTheStore() throws IOException {
        String yaml = LITELLM + """
                general_settings:
                  database_url: os.environ/DATABASE_URL
                """;
        ConfigLoader.Loaded loaded = load(yaml);
        assertTrue(loaded.ok(), () -> loaded.problems().toString());
        assertTrue(loaded.warnings().isEmpty(), () -> "no warning about the database: " + loaded.warnings());
        StoreSettings settings = store(yaml).orElseThrow();
        assertEquals("jdbc:postgresql://db.internal:5432/litellm?currentSchema=lite", settings.jdbcUrl());
        assertEquals(Optional.of("litellm"), settings.user());
        assertEquals(PASSWORD, settings.password().orElseThrow().reveal());
        assertEquals(5, settings.poolSize(), "Prisma's connection_limit");
    }

    @Test
    void thePoolLimitIsTheStoresPoolSize() throws IOException {
        String yaml = LITELLM + """
                general_settings:
                  database_url: os.environ/JDBC_URL
                  database_connection_pool_limit: 12
                """;
        StoreSettings settings = store(yaml).orElseThrow();
        assertEquals("jdbc:postgresql://db.internal/gatehouse", settings.jdbcUrl());
        assertEquals(Optional.of("gh"), settings.user(), "a jdbc: URL takes its user as --database-url does");
        assertEquals(12, settings.poolSize());
        assertWarning(load(LITELLM + "general_settings:\n  database_connection_pool_limit: 12\n"),
                "general_settings.database_connection_pool_limit", "ignored without database_url");
    }

    @Test
    void aWrittenUrlIsTakenWithoutAPasswordAndRefusedWithOne() throws IOException {
        String plain = LITELLM + "general_settings:\n  database_url: postgresql://litellm@db.internal/litellm\n";
        assertTrue(load(plain).ok(), () -> load(plain).problems().toString());
        assertEquals("jdbc:postgresql://db.internal/litellm", store(plain).orElseThrow().jdbcUrl());
        ConfigLoader.Loaded withPassword = load(LITELLM + "general_settings:\n  database_url: postgresql://litellm:"
                + PASSWORD + "@db.internal/litellm\n");
        assertProblemAt(withPassword, "general_settings.database_url", "a credential written into the configuration"
                + " file is refused");
        assertFalse(withPassword.problems().toString().contains(PASSWORD), "the password is never shown");
    }

    @Test
    void anUnsetVariableOrAnotherDatabaseIsAProblem() {
        assertProblemAt(load(LITELLM + "general_settings:\n  database_url: os.environ/NOT_SET\n"),
                "general_settings.database_url", "environment variable NOT_SET is not set");
        assertProblemAt(load(LITELLM + "general_settings:\n  database_url: mysql://db/x\n"),
                "general_settings.database_url", "must name a PostgreSQL database");
        assertProblemAt(load(GATEHOUSE + "store:\n  url: secret:db\n"), "store.url", "can not be a stored credential");
    }

    @Test
    void gatehousesFormatNamesTheStoreTheSameWay() throws IOException {
        String yaml = GATEHOUSE + "store:\n  url: env:DATABASE_URL\n  pool_size: 3\n";
        assertTrue(load(yaml).ok(), () -> load(yaml).problems().toString());
        StoreSettings settings = store(yaml).orElseThrow();
        assertEquals("jdbc:postgresql://db.internal:5432/litellm?currentSchema=lite", settings.jdbcUrl());
        assertEquals(3, settings.poolSize(), "pool_size wins over the URL's connection_limit");
        assertEquals(Optional.empty(), store(GATEHOUSE));
        assertProblemAt(load(GATEHOUSE + "store:\n  pool_size: 3\n"), "store.url", "required");
    }
}
