package dev.gatehouse.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.pricing.PriceTable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Finding a deployment's entry across LiteLLM's key shapes, bare-name attribution, overrides, the cross-check. */
class ModelCatalogTest {

    private final ModelCatalog bundled = ModelCatalog.bundled();

    private String found(String provider, String model) {
        return bundled.find(provider, model).map(CatalogEntry::key).orElse("(none)");
    }

    @Test
    void aDeploymentsModelIsFoundAcrossLiteLlmsKeyShapes() {
        assertEquals("openai/gpt-4o", found("openai", "gpt-4o"));
        assertEquals("gemini/gemini-2.5-pro", found("gemini", "gemini-2.5-pro"));
        assertEquals("gemini/gemini-2.5-pro", found("gemini", "gemini/gemini-2.5-pro"), "a prefix as LiteLLM writes it");
        assertEquals("vertex/gemini-2.5-pro", found("vertex", "gemini-2.5-pro"));
        assertEquals("vertex_anthropic/claude-3-5-haiku@20241022", found("vertex_anthropic", "claude-3-5-haiku@20241022"));
        assertEquals("vertex_anthropic/claude-sonnet-4-5", found("vertex_anthropic", "claude-sonnet-4-5@20991231"),
                "Vertex's @version falls back to the model");
        assertEquals("anthropic/claude-sonnet-4-5-20250929", found("anthropic", "claude-sonnet-4-5-20250929"));
        assertEquals("anthropic/claude-haiku-4-5", found("anthropic", "claude-haiku-4-5-20991231"),
                "an unlisted dated snapshot has its model's entry");
        assertEquals("bedrock/anthropic.claude-3-5-haiku-20241022-v1:0",
                found("bedrock", "apac.anthropic.claude-3-5-haiku-20241022-v1:0"), "a geo prefix falls back to the model");
        assertEquals("azure/gpt-4o", found("azure", "azure/gpt-4o"));
        assertEquals("(none)", found("anthropic", "claude-opus-4-99"), "no looser match: another model, another price");
        assertEquals("(none)", found("nope", "gpt-4o"));
    }

    @Test
    void aBareNameIsAttributedAsLiteLlmAttributesIt() {
        assertEquals(Optional.of("openai"), bundled.providerOf("gpt-4o"));
        assertEquals(Optional.of("anthropic"), bundled.providerOf("claude-sonnet-4-5"));
        assertEquals(Optional.of("openai_text_completion"), bundled.providerOf("gpt-3.5-turbo-instruct"),
                "LiteLLM's text-completion-openai models are served by OpenAI's legacy Completions API");
        assertEquals("1.5", bundled.price("openai_text_completion", "gpt-3.5-turbo-instruct").orElseThrow()
                .inputPerMillion().toPlainString());
        assertEquals(Optional.of("anthropic"), bundled.providerOf("claude-sonnet-4-5-20250929"));
        assertEquals(Optional.of("vertex"), bundled.providerOf("gemini-2.5-pro"),
                "LiteLLM files bare Gemini names under Vertex AI");
        assertEquals(Optional.of("anthropic"), bundled.providerOf("claude-opus-9-1"),
                "LiteLLM's rule for Claude names it does not list yet");
        assertEquals(Optional.of("bedrock"), bundled.providerOf("anthropic.claude-3-5-haiku-20241022-v1:0"));
        assertEquals(Optional.empty(), bundled.providerOf("deepseek-chat"), "LiteLLM infers no DeepSeek bare name");
        assertEquals(Optional.empty(), bundled.providerOf("openai/gpt-4o"));
        assertEquals(Optional.empty(), bundled.providerOf("no-such-model"));
    }

    @Test
    void theHandReadPricesWinAndEveryDisagreementIsListed() {
        CatalogEntry deepseek = bundled.find("deepseek", "deepseek-chat").orElseThrow();
        ModelPrice handRead = PriceTable.bundled().find("deepseek", "deepseek-chat").orElseThrow();
        assertEquals(0, handRead.inputPerMillion().compareTo(deepseek.price().inputPerMillion()));
        assertEquals("https://api-docs.deepseek.com/quick_start/pricing-details-usd", deepseek.source());
        List<String> fields = new java.util.ArrayList<>();
        bundled.about().path("cross_check").forEach(row -> {
            if ("deepseek/deepseek-chat".equals(row.path("entry").asText())) {
                fields.add(row.path("field").asText());
            }
        });
        assertTrue(fields.containsAll(List.of("input_per_million", "output_per_million")), fields.toString());
        PriceTable.bundled().providers().forEach(provider -> PriceTable.bundled().models(provider).forEach(model ->
                assertTrue(bundled.entries().containsKey(provider + "/" + model), provider + "/" + model)));
    }

    @Test
    void anEntryIsWrittenAndReadBackInGatehousesFormat() {
        bundled.entries().values().stream().limit(200).forEach(entry ->
                assertEquals(entry, CatalogJson.read(entry.key(), CatalogJson.write(entry)), entry.key()));
        ObjectNode gpt = CatalogJson.write(bundled.find("openai", "gpt-4o").orElseThrow());
        assertEquals("2.5", gpt.path("input_per_million").asText());
        assertEquals(128_000, gpt.path("context_window").asInt());
        assertEquals(16_384, gpt.path("max_output_tokens").asInt());
        assertTrue(gpt.path("capabilities").path("tools").asBoolean());
    }

    @Test
    void anOverrideReplacesTheBundledEntryByKey() {
        CatalogEntry mine = new CatalogEntry("openai", "gpt-4o", "chat", ModelPrice.tokens("1", "2"), 1000,
                Capabilities.UNKNOWN, null, "https://example.test/negotiated", "2026-12-01", null);
        ModelCatalog merged = bundled.withOverrides(ModelCatalog.of(List.of(mine), Json.object()));
        assertEquals(new BigDecimal("1"), merged.price("openai", "gpt-4o").orElseThrow().inputPerMillion());
        assertEquals(bundled.entries().size(), merged.entries().size());
        ModelCatalog reread = ModelCatalog.parse(merged.toJson());
        assertEquals(mine, reread.entries().get("openai/gpt-4o"));
    }

    @Test
    void aMalformedGatehouseEntryIsNamedByKeyAndField() {
        ObjectNode root = Json.object();
        root.put("format", CatalogFiles.FORMAT);
        root.putObject("entries").putObject("openai/gpt-x").put("input_per_million", "cheap").put("source", "s")
                .put("source_date", "2026-12-01");
        CatalogException error = assertThrows(CatalogException.class, () -> ModelCatalog.parse(root));
        assertEquals("openai/gpt-x", error.key());
        assertEquals("input_per_million", error.field());
        root.putObject("entries").putObject("openai/gpt-x").put("input_per_million", "1").put("source", "s");
        assertEquals("source_date", assertThrows(CatalogException.class, () -> ModelCatalog.parse(root)).field());
        root.putObject("entries").putObject("openai/gpt-x").put("source", "s").put("source_date", "2026-12-01");
        assertEquals("price", assertThrows(CatalogException.class, () -> ModelCatalog.parse(root)).field(),
                "an entry without any price");
    }
}
