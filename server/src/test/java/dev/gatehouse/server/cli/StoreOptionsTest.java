package dev.gatehouse.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which database a command opens: --database-url, then GATEHOUSE_DATABASE_URL, then the
 * configuration file's store (LiteLLM's general_settings.database_url), then the embedded one.
 */
class StoreOptionsTest {

    private static final String PASSWORD = "db-test-password-Hn38";
    private static final Map<String, String> SYSTEM = StoreOptions.environment;

    @TempDir
    Path dir;

    @AfterEach
    void restoreEnvironment() {
        StoreOptions.environment = SYSTEM;
    }

    private StoreOptions options(String databaseUrl, String yaml) throws IOException {
        StoreOptions options = new StoreOptions();
        options.dataDir = dir.resolve("data");
        options.databaseUrl = databaseUrl;
        if (yaml != null) {
            options.config = Files.writeString(dir.resolve("litellm.yaml"), yaml);
        }
        return options;
    }

    private static final String LITELLM = """
            model_list:
              - model_name: m
                litellm_params:
                  model: openai/gpt-4o
                  api_key: os.environ/OPENAI_API_KEY
            general_settings:
              database_url: os.environ/DATABASE_URL
            """;

    @Test
    void theFilesDatabaseIsUsedWhenNoOptionOrVariableNamesOne() throws IOException {
        StoreOptions.environment = Map.of("DATABASE_URL", "postgresql://litellm:" + PASSWORD + "@db.internal/litellm");
        var settings = options(null, LITELLM).storeSettings();
        assertEquals("jdbc:postgresql://db.internal/litellm", settings.jdbcUrl());
        assertEquals(PASSWORD, settings.password().orElseThrow().reveal());
        assertFalse(settings.describe().contains(PASSWORD));
    }

    @Test
    void theOptionAndTheVariableComeFirst() throws IOException {
        StoreOptions.environment = Map.of("DATABASE_URL", "postgresql://db.internal/litellm",
                StoreOptions.ENV_DATABASE_URL, "jdbc:postgresql://from-variable/gh");
        assertEquals("jdbc:postgresql://from-option/gh",
                options("jdbc:postgresql://from-option/gh", LITELLM).storeSettings().jdbcUrl());
        assertEquals("jdbc:postgresql://from-variable/gh", options(null, LITELLM).storeSettings().jdbcUrl());
        StoreOptions.environment = Map.of();
        assertTrue(options(null, "models: []\n").isEmbedded(), "a file naming no store: the embedded one");
        assertTrue(options(null, null).isEmbedded());
    }

    @Test
    void aStoreThatCanNotBeReadStopsTheCommandWithoutShowingTheUrl() throws IOException {
        StoreOptions.environment = Map.of();
        StoreOptions options = options(null, LITELLM);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, options::storeSettings);
        assertTrue(e.getMessage().contains("environment variable DATABASE_URL is not set"), e.getMessage());
        StoreOptions.environment = Map.of("DATABASE_URL", "postgresql://litellm:" + PASSWORD + "@db/x?bad=1");
        e = assertThrows(IllegalArgumentException.class, () -> options(null, LITELLM).storeSettings());
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    }
}
