package dev.gatehouse.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A LiteLLM file's general_settings.database_url, os.environ/DATABASE_URL holding LiteLLM's
 * postgresql:// form, opens the store on a real PostgreSQL: Prisma's schema parameter is the
 * schema Gatehouse's tables are made in.
 */
class StoreFromConfigOnPostgresTest {

    private static final Map<String, String> SYSTEM = StoreOptions.environment;

    @TempDir
    Path dir;

    @AfterEach
    void restoreEnvironment() {
        StoreOptions.environment = SYSTEM;
    }

    @Test
    void liteLlmsDatabaseUrlOpensTheStoreInItsSchema() throws IOException, SQLException {
        StoreSettings database = TestPostgres.freshDatabase();
        String hostAndDatabase = database.jdbcUrl().substring("jdbc:postgresql://".length());
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", "")) {
            connection.createStatement().execute("CREATE SCHEMA lite");
        }
        StoreOptions.environment = Map.of("DATABASE_URL", "postgresql://postgres:p%40ss@" + hostAndDatabase
                + "?schema=lite&connection_limit=2");
        StoreOptions options = new StoreOptions();
        options.dataDir = dir.resolve("data");
        options.config = Files.writeString(dir.resolve("litellm.yaml"), """
                model_list:
                  - model_name: m
                    litellm_params:
                      model: openai/gpt-4o
                      api_key: os.environ/OPENAI_API_KEY
                general_settings:
                  database_url: os.environ/DATABASE_URL
                """);
        assertEquals(2, options.storeSettings().poolSize(), "connection_limit");
        try (ControlPlane control = options.open(Optional.empty())) {
            assertTrue(!control.adminKeys().hasOwner(), "a new store");
        }
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
                ResultSet tables = connection.createStatement().executeQuery(
                        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'lite'")) {
            tables.next();
            assertTrue(tables.getInt(1) > 0, "the migrations ran in the schema the URL names");
        }
    }
}
