package dev.gatehouse.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.catalog.ModelCatalog;
import dev.gatehouse.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gatehouse catalog show} and {@code gatehouse catalog import}, through the command line. */
class CatalogCommandTest {

    @TempDir
    Path dir;
    private final CommandLineRun cli = new CommandLineRun();

    private int run(String... args) {
        return cli.run(args);
    }

    private Path file(String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name), json.replace('\'', '"'));
    }

    @Test
    void showPrintsAnEntryInThePricingSettingsNames() throws IOException {
        assertEquals(0, run("catalog", "show", "openai/gpt-4o"), cli.err());
        JsonNode entry = Json.mapper().readTree(cli.out());
        assertEquals("openai", entry.path("provider").asText());
        assertEquals("gpt-4o", entry.path("model").asText());
        assertEquals("2.5", entry.path("input_per_million").asText());
        assertEquals("10", entry.path("output_per_million").asText());
        assertEquals("1.25", entry.path("cached_input_per_million").asText());
        assertEquals(128_000, entry.path("context_window").asInt());
        assertEquals(16_384, entry.path("max_output_tokens").asInt());
        assertTrue(entry.path("capabilities").path("tools").asBoolean(), cli.out());
        assertEquals("chat", entry.path("mode").asText());
        assertTrue(entry.path("source").asText().startsWith("https://"), cli.out());
        assertEquals("2026-11-26", entry.path("source_date").asText());
    }

    @Test
    void anUnknownModelOrANameWithoutProviderFailsWithAClearMessage() {
        assertEquals(1, run("catalog", "show", "openai/gpt-9-turbo-nonexistent"));
        assertTrue(cli.err().contains("no entry for openai/gpt-9-turbo-nonexistent"), cli.err());
        assertEquals(2, run("catalog", "show", "gpt-4o"));
        assertTrue(cli.err().contains("name a provider and its model"), cli.err());
    }

    @Test
    void importingLiteLlmsFormatReportsTheChangesAndWritesAnOverrideFileTheCatalogLoads() throws IOException {
        Path map = file("prices.json", """
                {'gpt-4o': {'litellm_provider': 'openai', 'mode': 'chat', 'input_cost_per_token': 2.5e-06,
                   'output_cost_per_token': 1e-05, 'cache_read_input_token_cost': 1.25e-06,
                   'input_cost_per_token_batches': 1.25e-06, 'output_cost_per_token_batches': 5e-06,
                   'max_input_tokens': 128000, 'max_output_tokens': 32768, 'supports_function_calling': true,
                   'supports_parallel_function_calling': true, 'supports_vision': true,
                   'supports_response_schema': true, 'supports_reasoning': true},
                 'my-own-model': {'litellm_provider': 'openai', 'mode': 'chat', 'input_cost_per_token': 1e-06,
                   'output_cost_per_token': 2e-06},
                 'azure_ai/other': {'litellm_provider': 'azure_ai', 'input_cost_per_token': 1e-06}}
                """);
        Path overrides = dir.resolve("overrides.json");
        assertEquals(0, run("catalog", "import", map.toString(), "--output", overrides.toString()), cli.err());
        String report = cli.out();
        assertTrue(report.contains("added: openai/my-own-model"), report);
        assertTrue(report.contains("changed: openai/gpt-4o capabilities.reasoning: (none) -> true"), report);
        assertTrue(report.contains("1 values differ from Gatehouse's hand-read prices"), "max output: " + report);
        assertTrue(report.contains("1 added, 1 changed, 0 removed from the overrides, 0 unchanged"), report);
        ModelCatalog loaded = ModelCatalog.load(overrides);
        assertEquals(true, loaded.find("openai", "gpt-4o").orElseThrow().capabilities().reasoning(),
                "the override wins over the bundled entry");
        assertEquals(16_384, loaded.price("openai", "gpt-4o").orElseThrow().maxOutput(),
                "the hand-read maximum output wins over the imported one");
        assertTrue(loaded.find("openai", "my-own-model").orElseThrow().source().contains("prices.json"),
                "an entry without a source names the imported file");

        Path fewer = file("fewer.json", """
                {'my-own-model': {'litellm_provider': 'openai', 'input_cost_per_token': 1e-06,
                   'output_cost_per_token': 2e-06, 'mode': 'chat'}}
                """);
        assertEquals(0, run("catalog", "import", fewer.toString(), "--output", overrides.toString()), cli.err());
        assertTrue(cli.out().contains("removed from the overrides (the bundled entry applies again): openai/gpt-4o"),
                cli.out());
        assertTrue(cli.out().contains("0 added, 0 changed, 1 removed from the overrides, 1 unchanged"),
                cli.out());
    }

    @Test
    void importingGatehousesOwnFormatIsDetected() throws IOException {
        Path own = file("own.json", """
                {'format': 'gatehouse-catalog/1', 'entries': {'groq/my-llama': {'input_per_million': '0.1',
                   'output_per_million': '0.2', 'context_window': 8192, 'source': 'https://example.test/groq',
                   'source_date': '2026-12-01'}}}
                """);
        Path overrides = dir.resolve("overrides.json");
        assertEquals(0, run("catalog", "import", own.toString(), "--output", overrides.toString()), cli.err());
        assertTrue(cli.out().contains("added: groq/my-llama"), cli.out());
        assertEquals(0, run("catalog", "show", "groq/my-llama", "--overrides", overrides.toString()), cli.err());
        assertTrue(cli.out().contains("\"context_window\" : 8192"), cli.out());
    }

    @Test
    void aMalformedEntryIsNamedWithItsKeyAndFieldAndNothingIsWritten() throws IOException {
        Path map = file("bad.json", """
                {'gpt-4o': {'litellm_provider': 'openai', 'input_cost_per_token': 2.5e-06},
                 'broken': {'litellm_provider': 'openai', 'input_cost_per_token': 1e-06, 'max_input_tokens': 'lots'}}
                """);
        Path overrides = dir.resolve("overrides.json");
        assertEquals(1, run("catalog", "import", map.toString(), "--output", overrides.toString()));
        assertTrue(cli.err().contains("entry 'broken', field 'max_input_tokens'"), cli.err());
        assertTrue(cli.err().contains("nothing was written"), cli.err());
        assertFalse(Files.exists(overrides));
        assertEquals(2, run("catalog", "import", dir.resolve("missing.json").toString()));
    }
}
