package dev.gatehouse.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ImageResponse.ImageUsage;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Providers;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The bundled price table: its shape, its sources, and spot checks of its figures against the
 * providers' own pages (each test names the page it checks).
 */
class PriceTableTest {

    private final PriceTable table = PriceTable.bundled();

    @Test
    void everyProviderNamesItsOwnPageAndTheDateItWasRead() throws IOException {
        JsonNode root = raw();
        assertEquals("2026-11-26", root.path("retrieved").asText());
        assertEquals(Set.of("anthropic", "deepseek", "openai", "gemini", "xai", "bfl", "groq", "together", "fireworks"),
                table.providers());
        for (JsonNode provider : root.path("providers")) {
            String id = provider.path("id").asText();
            assertTrue(Providers.isKnown(id), id + " is a provider Gatehouse knows");
            PriceTable.Source source = table.source(id).orElseThrow();
            URI url = URI.create(source.url());
            assertEquals("https", url.getScheme(), id + "'s source is an https page");
            assertEquals("2026-11-26", source.retrieved(), id + "'s prices carry the date they were read");
            assertFalse(provider.path("models").isEmpty(), id + " lists models");
        }
        assertTrue(table.source("mistral").isEmpty());
    }

    @Test
    void everyModelHasATokenOrAnImagePriceAndNoNegativeOne() throws IOException {
        for (JsonNode provider : raw().path("providers")) {
            String id = provider.path("id").asText();
            provider.path("models").properties().forEach(e -> {
                ModelPrice price = table.find(id, e.getKey()).orElseThrow();
                String name = id + "/" + e.getKey();
                assertTrue(price.inputPerMillion() != null || !price.perImage().isEmpty(), name + " has a price");
                for (BigDecimal each : new BigDecimal[] {price.inputPerMillion(), price.outputPerMillion(),
                        price.cachedInputPerMillion(), price.cacheWritePerMillion(), price.reasoningPerMillion()}) {
                    assertTrue(each == null || each.signum() >= 0, name + " has no negative price");
                }
                price.perImage().values().forEach(v -> assertTrue(v.signum() > 0, name + " images cost something"));
            });
        }
    }

    @Test
    void whatIsNotListedSaysWhy() throws IOException {
        JsonNode notListed = raw().path("not_listed");
        for (String provider : Set.of("mistral", "cohere", "bedrock", "vertex")) {
            assertFalse(notListed.path(provider).asText().isBlank(), provider + " is named as not listed, with why");
            assertTrue(table.source(provider).isEmpty(), provider + " has no prices in the table");
        }
        notListed.properties().forEach(e -> assertTrue(Providers.isKnown(e.getKey()), e.getKey() + " is a provider id"));
    }

    /** https://developers.openai.com/api/docs/models/gpt-4.1, /gpt-4o, /gpt-5-mini, /text-embedding-3-small. */
    @Test
    void openAiFiguresMatchItsModelPages() {
        ModelPrice gpt41 = table.find("openai", "gpt-4.1").orElseThrow();
        assertEquals(0, new BigDecimal("2").compareTo(gpt41.inputPerMillion()));
        assertEquals(0, new BigDecimal("0.5").compareTo(gpt41.cachedInputPerMillion()));
        assertEquals(0, new BigDecimal("8").compareTo(gpt41.outputPerMillion()));
        assertEquals(32_768, gpt41.maxOutput());
        assertEquals(gpt41, table.find("openai", "gpt-4.1-2025-04-14").orElseThrow(), "the default snapshot");

        ModelPrice gpt4o = table.find("openai", "gpt-4o").orElseThrow();
        assertEquals(0, new BigDecimal("2.5").compareTo(gpt4o.inputPerMillion()));
        assertEquals(0, new BigDecimal("1.25").compareTo(gpt4o.cachedInputPerMillion()));
        assertEquals(16_384, gpt4o.maxOutput());
        assertTrue(table.find("openai", "gpt-4o-2024-05-13").isEmpty(), "an older snapshot at another price");

        ModelPrice mini = table.find("openai", "gpt-5-mini").orElseThrow();
        assertEquals(0, new BigDecimal("0.025").compareTo(mini.cachedInputPerMillion()));
        assertEquals(128_000, mini.maxOutput());
        // 10,000 prompt tokens of which 4,000 cached, 2,000 completion tokens of which 1,500 reasoning:
        // 6,000 × 0.25 + 4,000 × 0.025 + 2,000 × 2 (reasoning is output) per million
        BigDecimal expected = new BigDecimal("0.0015").add(new BigDecimal("0.0001")).add(new BigDecimal("0.004"));
        assertEquals(0, expected.compareTo(Cost.of(mini, new Usage(10_000, 2_000, 4_000, null, 1_500))));

        ModelPrice o4mini = table.find("openai", "o4-mini").orElseThrow();
        assertEquals(0, new BigDecimal("0.275").compareTo(o4mini.cachedInputPerMillion()));
        assertEquals(100_000, o4mini.maxOutput());

        ModelPrice embedding = table.find("openai", "text-embedding-3-small").orElseThrow();
        assertEquals(0, new BigDecimal("0.02").compareTo(embedding.inputPerMillion()));
        assertNull(embedding.maxOutput());
        assertEquals(0, new BigDecimal("0.13").compareTo(
                table.find("openai", "text-embedding-3-large").orElseThrow().inputPerMillion()));
    }

    /** https://developers.openai.com/api/docs/models/gpt-image-1: image output by quality and size. */
    @Test
    void gptImageIsPricedPerImageByQualityAndSize() {
        ModelPrice image = table.find("openai", "gpt-image-1").orElseThrow();
        assertEquals(0, new BigDecimal("0.011").compareTo(image.imagePrice("low", "1024x1024")));
        assertEquals(0, new BigDecimal("0.063").compareTo(image.imagePrice("medium", "1536x1024")));
        assertEquals(0, new BigDecimal("0.25").compareTo(image.imagePrice("high", "1024x1536")));
        assertEquals(0, new BigDecimal("0.334").compareTo(
                Cost.of(image, new ImageUsage(2, "1024x1024", "high", null, null, null))));
        assertNull(image.imagePrice("auto", "1024x1024"), "quality auto has no price of its own");
        assertNull(image.imagePrice("high", null), "nor has an image of unknown size");
    }

    /** https://ai.google.dev/gemini-api/docs/pricing (paid tier, prompts up to 200k tokens). */
    @Test
    void geminiFiguresMatchItsPricingPage() {
        ModelPrice pro = table.find("gemini", "gemini-2.5-pro").orElseThrow();
        assertEquals(0, new BigDecimal("1.25").compareTo(pro.inputPerMillion()));
        assertEquals(0, new BigDecimal("10").compareTo(pro.outputPerMillion()));
        ModelPrice flash = table.find("gemini", "gemini-2.5-flash").orElseThrow();
        assertEquals(0, new BigDecimal("0.30").compareTo(flash.inputPerMillion()));
        assertEquals(0, new BigDecimal("2.50").compareTo(flash.outputPerMillion()));
        ModelPrice lite = table.find("gemini", "gemini-2.5-flash-lite").orElseThrow();
        assertEquals(0, new BigDecimal("0.10").compareTo(lite.inputPerMillion()));
        assertEquals(0, new BigDecimal("0.40").compareTo(lite.outputPerMillion()));
        assertNull(pro.cachedInputPerMillion(), "cache prices are not listed: cached input is billed as input");
        // Prompts over 200k tokens: $2.50 input / $15 output for the whole request.
        assertEquals(0, new BigDecimal("0.25").add(new BigDecimal("0.01"))
                .compareTo(Cost.of(pro, Usage.of(200_000, 1_000))), "200,000 × 1.25 + 1,000 × 10, per million");
        assertEquals(0, new BigDecimal("0.5000025").add(new BigDecimal("0.015"))
                .compareTo(Cost.of(pro, Usage.of(200_001, 1_000))), "200,001 × 2.50 + 1,000 × 15, per million");
        assertEquals(pro, pro.forPrompt(200_000));
        assertNull(flash.longContext(), "2.5 Flash has one price whatever the prompt's length");
        assertTrue(table.find("vertex", "gemini-2.5-pro").isEmpty(), "Vertex AI prices are another page's");
        assertTrue(table.find("gemini", "gemini-2.0-flash").isEmpty(), "shut down, so not listed");
    }

    /** https://docs.x.ai/developers/models: in (cached in) / out per 1M tokens, images per image. */
    @Test
    void xaiFiguresMatchItsModelsPage() {
        ModelPrice fast = table.find("xai", "grok-4-1-fast-reasoning").orElseThrow();
        assertEquals(0, new BigDecimal("0.20").compareTo(fast.inputPerMillion()));
        assertEquals(0, new BigDecimal("0.05").compareTo(fast.cachedInputPerMillion()));
        assertEquals(0, new BigDecimal("0.50").compareTo(fast.outputPerMillion()));
        ModelPrice grok420 = table.find("xai", "grok-4.20-0309-reasoning").orElseThrow();
        assertEquals(0, new BigDecimal("6").compareTo(grok420.outputPerMillion()));
        assertEquals(0, new BigDecimal("0.02").compareTo(
                table.find("xai", "grok-imagine-image").orElseThrow().imagePrice(null, "1024x1024")));
        assertTrue(table.find("xai", "grok-3").isEmpty(), "not read from the current page, so not guessed");
    }

    /** https://docs.bfl.ai/quick_start/pricing: the FLUX.1 table, 1 credit = $0.01. */
    @Test
    void bflFiguresMatchItsPricingPage() {
        assertEquals(0, new BigDecimal("0.04").compareTo(
                table.find("bfl", "flux-pro-1.1").orElseThrow().imagePrice(null, "1024x768")));
        assertEquals(0, new BigDecimal("0.06").compareTo(
                table.find("bfl", "flux-pro-1.1-ultra").orElseThrow().imagePrice(null, null)));
        assertEquals(0, new BigDecimal("0.24").compareTo(Cost.of(table.find("bfl", "flux-kontext-max").orElseThrow(),
                new ImageUsage(3, "1024x1024", null, null, null, null))));
    }

    /** https://platform.claude.com/docs/en/models/sonnet-4-5/overview and the Opus 4.6 and Haiku 4.5 pages. */
    @Test
    void anthropicMaxOutputMatchesEachModelsPage() {
        assertEquals(64_000, table.find("anthropic", "claude-sonnet-4-5").orElseThrow().maxOutput());
        assertEquals(64_000, table.find("anthropic", "claude-sonnet-4-5-20250929").orElseThrow().maxOutput());
        assertEquals(128_000, table.find("anthropic", "claude-opus-4-6").orElseThrow().maxOutput());
        assertEquals(64_000, table.find("anthropic", "claude-haiku-4-5").orElseThrow().maxOutput());
        assertEquals(128_000, table.find("anthropic", "claude-sonnet-4-6").orElseThrow().maxOutput());
        assertNull(table.find("anthropic", "claude-3-haiku").orElseThrow().maxOutput(), "its page was not read");
    }

    /** platform.claude.com/docs/en/models: the comparison table's context window, where it listed the model. */
    @Test
    void aContextWindowIsRecordedOnlyWhereTheProvidersPageStatesIt() throws IOException {
        assertEquals(200_000, table.contextWindow("anthropic", "claude-haiku-4-5").orElseThrow());
        assertEquals(200_000, table.contextWindow("anthropic", "claude-haiku-4-5-20251001").orElseThrow(),
                "a dated snapshot has its model's");
        assertTrue(table.contextWindow("anthropic", "claude-sonnet-4-5").isEmpty(), "not in the table read");
        assertTrue(table.contextWindow("nobody", "m").isEmpty());
        IllegalStateException wrong = assertThrows(IllegalStateException.class, () -> PriceTable.parse(
                Json.mapper().readTree("{\"providers\":[{\"id\":\"openai\",\"models\":{\"m\":{\"input\":\"1\","
                        + "\"context_window\":0}}}]}")));
        assertTrue(wrong.getMessage().contains("openai/m"), wrong.getMessage());
    }

    /**
     * The maxima found on the providers' own pages for models that had none: DeepSeek's pricing
     * page ("8K"), Google's Gemini 2.5 Pro page; and none where no page gave one (the notes say so).
     */
    @Test
    void maxOutputOfTheOtherProvidersMatchesTheirPagesOrIsAbsent() {
        assertEquals(8_192, table.find("deepseek", "deepseek-chat").orElseThrow().maxOutput());
        assertEquals(8_192, table.find("deepseek", "deepseek-reasoner").orElseThrow().maxOutput());
        ModelPrice pro = table.find("gemini", "gemini-2.5-pro").orElseThrow();
        assertEquals(65_535, pro.maxOutput());
        assertEquals(65_535, pro.forPrompt(300_000).maxOutput(), "the long-context tier writes as much");
        assertNull(table.find("openai", "o3").orElseThrow().maxOutput(), "its own page was not found");
        assertEquals(65_535, table.find("gemini", "gemini-2.5-flash").orElseThrow().maxOutput());
        assertNull(table.find("gemini", "gemini-2.5-flash-lite").orElseThrow().maxOutput(), "no Google page states it");
    }

    /** https://console.groq.com/docs/models: price and max completion tokens per production model. */
    @Test
    void groqFiguresMatchItsModelsPage() {
        ModelPrice oss = table.find("groq", "openai/gpt-oss-120b").orElseThrow();
        assertEquals(0, new BigDecimal("0.15").compareTo(oss.inputPerMillion()));
        assertEquals(0, new BigDecimal("0.60").compareTo(oss.outputPerMillion()));
        assertEquals(65_536, oss.maxOutput());
        assertTrue(table.find("groq", "llama-3.3-70b-versatile").isEmpty(), "enterprise-only on the page as read");
    }

    /** https://docs.together.ai/docs/serverless/models and https://docs.fireworks.ai/serverless/pricing. */
    @Test
    void togetherAndFireworksFiguresMatchTheirPages() {
        ModelPrice llama = table.find("together", "meta-llama/Llama-3.3-70B-Instruct-Turbo").orElseThrow();
        assertEquals(0, new BigDecimal("1.04").compareTo(llama.inputPerMillion()));
        assertEquals(0, new BigDecimal("1.04").compareTo(llama.outputPerMillion()));
        assertEquals(0, new BigDecimal("0.13").compareTo(
                table.find("together", "deepseek-ai/DeepSeek-V4-Pro-0813").orElseThrow().cachedInputPerMillion()));
        ModelPrice oss = table.find("fireworks", "accounts/fireworks/models/gpt-oss-120b").orElseThrow();
        assertEquals(0, new BigDecimal("0.015").compareTo(oss.cachedInputPerMillion()));
        assertEquals(0, new BigDecimal("0.60").compareTo(oss.outputPerMillion()));
        assertEquals(0, new BigDecimal("3.96").compareTo(table.find("fireworks",
                "accounts/fireworks/models/deepseek-v4-pro-0813").orElseThrow().outputPerMillion()));
    }

    @Test
    void maxOutputIsReadWhereGivenAndRefusedWhenNotAWholePositiveNumber() throws IOException {
        JsonNode given = Json.mapper().readTree("{\"input\":\"1\",\"output\":\"2\",\"max_output\":8192}");
        assertEquals(8192, PriceTable.price(given).maxOutput());
        assertNull(PriceTable.price(Json.mapper().readTree("{\"input\":\"1\"}")).maxOutput());
        assertThrows(IllegalArgumentException.class,
                () -> PriceTable.price(Json.mapper().readTree("{\"input\":\"1\",\"max_output\":\"lots\"}")));
        assertThrows(IllegalArgumentException.class,
                () -> PriceTable.price(Json.mapper().readTree("{\"input\":\"1\",\"max_output\":0}")));
        assertThrows(IllegalArgumentException.class,
                () -> PriceTable.price(Json.mapper().readTree("{\"input\":\"1\",\"max_output\":1.5}")));
        IllegalStateException named = assertThrows(IllegalStateException.class, () -> PriceTable.parse(
                Json.mapper().readTree("{\"providers\":[{\"id\":\"openai\",\"models\":{\"m\":{\"input\":\"x\"}}}]}")));
        assertTrue(named.getMessage().contains("openai/m"), named.getMessage());
        assertNull(new ModelPrice(BigDecimal.ONE, BigDecimal.ONE, null, null, null, Map.of()).maxOutput(),
                "a configured price knows no output limit");
    }

    @Test
    void aLongContextTierIsReadAndBillsTheWholeRequestAboveItsThreshold() throws IOException {
        ModelPrice tiered = PriceTable.price(Json.mapper().readTree("{\"input\":\"1\",\"output\":\"2\","
                + "\"cached_input\":\"0.1\",\"long_context\":{\"prompt_tokens_above\":1000,\"input\":\"3\","
                + "\"output\":\"4\",\"cached_input\":\"0.3\"}}"));
        assertEquals(new ModelPrice.LongContext(1000, new BigDecimal("3"), new BigDecimal("4"), new BigDecimal("0.3")),
                tiered.longContext());
        // at the threshold: 600 × 1 + 400 × 0.1 + 10 × 2 = 660 per million
        assertEquals(0, new BigDecimal("0.00066").compareTo(Cost.of(tiered, new Usage(1000, 10, 400, null, null))));
        // one token over: 601 × 3 + 400 × 0.3 + 10 × 4 = 1963 per million
        assertEquals(0, new BigDecimal("0.001963").compareTo(Cost.of(tiered, new Usage(1001, 10, 400, null, null))));
        assertThrows(IllegalArgumentException.class, () -> PriceTable.price(Json.mapper().readTree(
                "{\"input\":\"1\",\"long_context\":{\"input\":\"3\",\"output\":\"4\"}}")));
        assertThrows(IllegalArgumentException.class, () -> PriceTable.price(Json.mapper().readTree(
                "{\"input\":\"1\",\"long_context\":{\"prompt_tokens_above\":10,\"input\":\"3\"}}")));
    }

    private static JsonNode raw() throws IOException {
        try (InputStream in = PriceTable.class.getResourceAsStream("prices.json")) {
            return Json.mapper().readTree(in);
        }
    }
}
