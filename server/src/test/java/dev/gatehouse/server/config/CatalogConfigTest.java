package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblem;
import static dev.gatehouse.server.config.Configs.load;
import static dev.gatehouse.server.config.Configs.loadOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.gatehouse.catalog.ModelCatalog;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** catalog: {file: …}, the override file the server loads, and a deployment's base_model (docs/catalog.md). */
class CatalogConfigTest {

    @TempDir
    Path dir;

    private static final String MODELS = "models:\n  - name: m\n    provider: mock\n    model: up\n";

    @Test
    void withoutACatalogSectionTheBundledCatalogIsUsed() {
        assertSame(ModelCatalog.bundled(), loadOk(MODELS).config().catalog());
    }

    @Test
    void theOverrideFilesEntriesWinOverTheBundledOnes() throws IOException {
        Path file = Files.writeString(dir.resolve("overrides.json"), """
                {"format": "gatehouse-catalog/1", "entries": {"openai/gpt-4o": {"input_per_million": "1",
                  "output_per_million": "2", "source": "https://example.test/contract", "source_date": "2026-12-01"}}}
                """);
        ModelCatalog catalog = loadOk("catalog: {file: " + file + "}\n" + MODELS).config().catalog();
        assertEquals(new BigDecimal("1"), catalog.price("openai", "gpt-4o").orElseThrow().inputPerMillion());
        assertEquals(ModelCatalog.bundled().entries().size(), catalog.entries().size());
    }

    @Test
    void aMalformedOrMissingOverrideFileIsAProblemNamingTheEntryAndField() throws IOException {
        Path file = Files.writeString(dir.resolve("overrides.json"), """
                {"format": "gatehouse-catalog/1", "entries": {"openai/gpt-4o": {"input_per_million": "-1",
                  "source": "https://example.test/contract", "source_date": "2026-12-01"}}}
                """);
        assertProblem(load("catalog: {file: " + file + "}\n" + MODELS), "catalog.file (line 1)",
                "entry 'openai/gpt-4o', field 'input_per_million': must not be negative");
        assertProblem(load("catalog: {file: " + dir.resolve("none.json") + "}\n" + MODELS), "catalog.file (line 1)",
                "can not be read");
        assertProblem(load("catalog: {path: x}\n" + MODELS), "catalog.path (line 1)", "unknown key 'path'");
    }

    @Test
    void aDeploymentsBaseModelIsReadInBothFormats() {
        assertEquals("gpt-4o", loadOk("""
                models:
                  - name: prod
                    provider: mock
                    model: my-deployment
                    base_model: gpt-4o
                """).config().deployments().getFirst().catalogModel());
        assertEquals("azure/gpt-4o", loadOk("""
                model_list:
                  - model_name: prod
                    litellm_params:
                      model: azure/my-deployment
                      api_base: https://my-endpoint-europe.openai.azure.com/
                      api_key: "os.environ/AZURE_API_KEY"
                      api_version: "2024-10-21"
                    model_info: {base_model: azure/gpt-4o}
                """).config().deployments().getFirst().baseModel());
    }
}
