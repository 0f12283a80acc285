package dev.gatehouse.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.cache.CacheSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A typical team's LiteLLM configuration (OpenAI, Azure OpenAI, Anthropic, Gemini, Bedrock,
 * embeddings and images, with Redis, a cache and a database URL) checks with no problem, and
 * nothing about its Redis or its database is left as a warning: each becomes Gatehouse's own.
 */
class LiteLlmTeamConfigTest {

    private static String file() {
        try (InputStream in = LiteLlmTeamConfigTest.class.getResourceAsStream("litellm-team-config.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(Configs.ENV);
        env.put("AZURE_API_BASE", "https://team-gpt.openai.azure.com");
        env.put("REDIS_HOST", "redis.internal");
        env.put("REDIS_PORT", "6380");
        env.put("REDIS_PASSWORD", "redis-test-password-Kd51");
        env.put("DATABASE_URL", "postgresql://litellm:db-test-password-Pq62@db.internal:5432/litellm");
        return env;
    }

    @TempDir
    Path dir;

    @Test
    void checksWithNoProblemAndKeepsItsRedisCacheAndDatabase() throws IOException {
        ConfigLoader.Loaded loaded = Configs.loader(environment()::get).parse(file(), "litellm.yaml");
        assertEquals(List.of(), loaded.problems(), () -> loaded.problems().toString());
        List<String> aboutRedisOrDatabase = loaded.warnings().stream()
                .filter(w -> w.toLowerCase(Locale.ROOT).contains("redis") || w.contains("database")).toList();
        assertEquals(List.of(), aboutRedisOrDatabase);

        GatehouseConfig config = loaded.config();
        assertEquals(URI.create("redis://redis.internal:6380"), config.redis().url());
        assertEquals(CacheSettings.Storage.REDIS, config.cache().storage());
        assertTrue(config.cache().defaults() != null, "cache: true caches every model");
        assertTrue(loaded.notes().stream().anyMatch(n -> n.contains("gpt-4o-mini") && n.contains("openai")),
                () -> loaded.notes().toString());

        // The database URL is the store Gatehouse opens, as the commands read it from the file.
        Path written = dir.resolve("litellm.yaml");
        Files.writeString(written, file());
        ConfigLoader.StoreFromFile store = Configs.loader(environment()::get).store(written);
        assertEquals(List.of(), store.problems());
        assertEquals("jdbc:postgresql://db.internal:5432/litellm", store.settings().orElseThrow().jdbcUrl());
        assertEquals(Optional.of("litellm"), store.settings().orElseThrow().user());
    }
}
