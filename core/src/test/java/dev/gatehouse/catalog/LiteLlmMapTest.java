package dev.gatehouse.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * LiteLLM's price map read into catalog entries, from small hand-written entries of each key shape
 * and unit (the fields as docs/catalog.md lists them).
 */
class LiteLlmMapTest {

    private static final String SOURCE = "https://example.test/pinned.json";

    private static LiteLlmMap.Reading read(String json) throws IOException {
        return LiteLlmMap.read(CatalogFiles.read(new ByteArrayInputStream(json.replace('\'', '"')
                .getBytes(StandardCharsets.UTF_8))), SOURCE, "2026-07-24");
    }

    private static Map<String, CatalogEntry> byKey(LiteLlmMap.Reading reading) {
        return reading.entries().stream().collect(Collectors.toMap(CatalogEntry::key, Function.identity()));
    }

    @Test
    void perTokenPricesBecomePricesPerMillionExactly() throws IOException {
        CatalogEntry gpt = byKey(read("""
                {'gpt-4o': {'litellm_provider': 'openai', 'mode': 'chat', 'input_cost_per_token': 2.5e-06,
                  'output_cost_per_token': 1e-05, 'cache_read_input_token_cost': 1.25e-06,
                  'input_cost_per_token_batches': 1.25e-06, 'output_cost_per_token_batches': 5e-06,
                  'input_cost_per_audio_token': 4e-05, 'output_cost_per_audio_token': 8e-05,
                  'output_cost_per_reasoning_token': 2e-05, 'cache_creation_input_token_cost': 3.75e-06,
                  'max_input_tokens': 128000, 'max_output_tokens': 16384, 'max_tokens': 16384,
                  'supports_function_calling': true, 'supports_parallel_function_calling': true,
                  'supports_vision': true, 'supports_response_schema': true, 'supports_reasoning': false,
                  'deprecation_date': '2027-01-01'}}
                """)).get("openai/gpt-4o");
        assertEquals(new BigDecimal("2.5"), gpt.price().inputPerMillion());
        assertEquals(new BigDecimal("10"), gpt.price().outputPerMillion());
        assertEquals(new BigDecimal("1.25"), gpt.price().cachedInputPerMillion());
        assertEquals(new BigDecimal("3.75"), gpt.price().cacheWritePerMillion());
        assertEquals(new BigDecimal("20"), gpt.price().reasoningPerMillion());
        assertEquals(new BigDecimal("40"), gpt.price().audioInputPerMillion());
        assertEquals(new BigDecimal("80"), gpt.price().audioOutputPerMillion());
        assertEquals(new BigDecimal("1.25"), gpt.price().batchInputPerMillion());
        assertEquals(new BigDecimal("5"), gpt.price().batchOutputPerMillion());
        assertEquals(128_000, gpt.contextWindow());
        assertEquals(16_384, gpt.maxOutputTokens());
        assertEquals(new Capabilities(true, true, true, false, true, null), gpt.capabilities(),
                "LiteLLM has no field for usage in streams: unknown");
        assertEquals("chat", gpt.mode());
        assertEquals("2027-01-01", gpt.deprecationDate());
        assertEquals(SOURCE, gpt.source(), "no source of its own: the pinned file");
        assertEquals("2026-07-24", gpt.sourceDate());
        assertEquals("gpt-4o", gpt.liteLlmKey());
    }

    @Test
    void eachKeyShapeIsFiledUnderItsGatehouseProviderAndModel() throws IOException {
        LiteLlmMap.Reading reading = read("""
                {'claude-sonnet-4-5': {'litellm_provider': 'anthropic', 'input_cost_per_token': 3e-06,
                   'source': 'https://example.test/anthropic'},
                 'gemini/gemini-2.5-pro': {'litellm_provider': 'gemini', 'input_cost_per_token': 1.25e-06},
                 'gemini-2.5-pro': {'litellm_provider': 'vertex_ai-language-models', 'input_cost_per_token': 1.25e-06},
                 'vertex_ai/claude-3-5-haiku@20241022': {'litellm_provider': 'vertex_ai-anthropic_models',
                   'input_cost_per_token': 1e-06},
                 'us.anthropic.claude-3-5-haiku-20241022-v1:0': {'litellm_provider': 'bedrock',
                   'input_cost_per_token': 1e-06},
                 'bedrock/us-east-1/anthropic.claude-v2': {'litellm_provider': 'bedrock', 'input_cost_per_token': 8e-06},
                 'azure/gpt-4o': {'litellm_provider': 'azure', 'input_cost_per_token': 2.5e-06},
                 'together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo': {'litellm_provider': 'together_ai',
                   'input_cost_per_token': 8.8e-07},
                 'together-ai-up-to-4b': {'litellm_provider': 'together_ai', 'input_cost_per_token': 1e-07},
                 'azure_ai/mistral-large': {'litellm_provider': 'azure_ai', 'input_cost_per_token': 4e-06},
                 'whisper-1': {'litellm_provider': 'openai', 'input_cost_per_second': 0.0001},
                 'sample_spec': {'litellm_provider': 'one of https://docs.litellm.ai/docs/providers'}}
                """);
        Map<String, CatalogEntry> entries = byKey(reading);
        assertEquals(java.util.Set.of("anthropic/claude-sonnet-4-5", "gemini/gemini-2.5-pro", "vertex/gemini-2.5-pro",
                "vertex_anthropic/claude-3-5-haiku@20241022", "bedrock/us.anthropic.claude-3-5-haiku-20241022-v1:0",
                "azure/gpt-4o", "together/meta-llama/Llama-3.3-70B-Instruct-Turbo"), entries.keySet());
        assertEquals("https://example.test/anthropic", entries.get("anthropic/claude-sonnet-4-5").source());
        assertEquals(Map.of("provider Gatehouse does not serve: azure_ai", 1,
                "Bedrock regional or commitment price (LiteLLM: pricing only)", 1,
                "LiteLLM's pricing tier or fine-tune template, not a model", 1,
                "no price Gatehouse can represent (per second, per character, per query, …)", 1), reading.leftOut());
    }

    @Test
    void imagePricesBySizeAndQualityArePerImageAndPerPixelPricesAreTimesTheSize() throws IOException {
        Map<String, CatalogEntry> entries = byKey(read("""
                {'dall-e-3': {'litellm_provider': 'openai', 'mode': 'image_generation', 'input_cost_per_image': 0.04},
                 'hd/1024-x-1792/dall-e-3': {'litellm_provider': 'openai', 'mode': 'image_generation',
                   'input_cost_per_pixel': 6.539e-08, 'output_cost_per_pixel': 0.0},
                 'low/1024-x-1024/gpt-image-1': {'litellm_provider': 'openai', 'mode': 'image_generation',
                   'input_cost_per_image': 0.011, 'input_cost_per_pixel': 1.0490417e-08},
                 '256-x-256/dall-e-2': {'litellm_provider': 'openai', 'mode': 'image_generation',
                   'input_cost_per_pixel': 2.4414e-07},
                 '1024-x-1024/50-steps/stability.stable-diffusion-xl-v1': {'litellm_provider': 'bedrock',
                   'output_cost_per_image': 0.04},
                 'gemini-2.5-flash': {'litellm_provider': 'vertex_ai-language-models', 'mode': 'chat',
                   'input_cost_per_token': 3e-07, 'input_cost_per_image': 0.001}}
                """));
        assertEquals(Map.of("*", new BigDecimal("0.04"), "hd/1024x1792", new BigDecimal("0.11999117312")),
                entries.get("openai/dall-e-3").price().perImage());
        assertEquals(Map.of("low/1024x1024", new BigDecimal("0.011")), entries.get("openai/gpt-image-1").price().perImage(),
                "a size entry without a model entry makes one; its per-image price wins over its per-pixel one");
        assertEquals(new BigDecimal("0.01599995904"), entries.get("openai/dall-e-2").price().imagePrice(null, "256x256"));
        assertTrue(entries.get("vertex/gemini-2.5-flash").price().perImage().isEmpty(),
                "a chat model's input_cost_per_image is the price of an image read, not made");
        assertNull(entries.get("bedrock/stability.stable-diffusion-xl-v1"), "priced by steps: left out");
    }

    @Test
    void theLowestLongContextTierIsKeptAndWholeNumbersWrittenAsDecimalsAreRead() throws IOException {
        CatalogEntry grok = byKey(read("""
                {'xai/grok-4-fast': {'litellm_provider': 'xai', 'input_cost_per_token': 2e-07,
                  'output_cost_per_token': 5e-07, 'input_cost_per_token_above_128k_tokens': 4e-07,
                  'output_cost_per_token_above_128k_tokens': 1e-06, 'input_cost_per_token_above_200k_tokens': 9e-07,
                  'output_cost_per_token_above_200k_tokens': 2e-06, 'max_input_tokens': 2000000.0,
                  'max_output_tokens': 0}}
                """)).get("xai/grok-4-fast");
        assertEquals(128_000, grok.price().longContext().promptTokensAbove());
        assertEquals(new BigDecimal("0.4"), grok.price().longContext().inputPerMillion());
        assertEquals(2_000_000, grok.contextWindow());
        assertNull(grok.maxOutputTokens(), "LiteLLM's 0 is no limit stated");
    }

    @Test
    void theSameModelUnderABareAndAPrefixedKeyKeepsThePrefixedOne() throws IOException {
        LiteLlmMap.Reading reading = read("""
                {'deepseek-chat': {'litellm_provider': 'deepseek', 'input_cost_per_token': 1e-07},
                 'deepseek/deepseek-chat': {'litellm_provider': 'deepseek', 'input_cost_per_token': 2.8e-07}}
                """);
        assertEquals(new BigDecimal("0.28"), byKey(reading).get("deepseek/deepseek-chat").price().inputPerMillion());
        assertEquals(1, reading.leftOut().get("the same model under another key"));
    }

    @Test
    void aMalformedEntryFailsTheReadingNamingItsKeyAndField() {
        assertMalformed("{'gpt-x': {'litellm_provider': 'openai', 'input_cost_per_token': '0.1'}}",
                "gpt-x", "input_cost_per_token");
        assertMalformed("{'gpt-x': {'litellm_provider': 'openai', 'input_cost_per_token': -1e-06}}",
                "gpt-x", "input_cost_per_token");
        assertMalformed("{'gpt-x': {'litellm_provider': 'openai', 'input_cost_per_token': 1e-06,"
                + " 'max_input_tokens': 1000.5}}", "gpt-x", "max_input_tokens");
        assertMalformed("{'gpt-x': {'litellm_provider': 'openai', 'input_cost_per_token': 1e-06,"
                + " 'supports_vision': 'yes'}}", "gpt-x", "supports_vision");
        assertMalformed("{'gpt-x': {'litellm_provider': 'openai', 'input_cost_per_token': 1e-06,"
                + " 'deprecation_date': 'soon'}}", "gpt-x", "deprecation_date");
        assertMalformed("{'gpt-x': {'input_cost_per_token': 1e-06}}", "gpt-x", "litellm_provider");
        assertMalformed("{'gpt-x': 3}", "gpt-x", null);
    }

    private static void assertMalformed(String json, String key, String field) {
        CatalogException error = assertThrows(CatalogException.class, () -> read(json));
        assertEquals(key, error.key(), error.getMessage());
        assertEquals(field, error.field(), error.getMessage());
        assertTrue(error.getMessage().contains("'" + key + "'"), error.getMessage());
    }
}
