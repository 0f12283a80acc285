package dev.gatehouse.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.ImageResponse.ImageUsage;
import dev.gatehouse.api.Usage;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Costs from usage. Anthropic's prices are those of its pricing page
 * (https://platform.claude.com/docs/en/about-claude/pricing); DeepSeek's of
 * https://api-docs.deepseek.com/quick_start/pricing-details-usd.
 */
class CostTest {

    private final PriceTable table = PriceTable.bundled();

    @Test
    void plainTokensAtInputAndOutputPrices() {
        ModelPrice sonnet = table.find("anthropic", "claude-sonnet-4-5").orElseThrow();
        // 1,000 in at $3/M + 500 out at $15/M = 0.003 + 0.0075
        assertEquals(0, new BigDecimal("0.0105").compareTo(Cost.of(sonnet, Usage.of(1000, 500))));
    }

    @Test
    void cachedReadsAndWritesAreTakenOutOfThePromptAndBilledAtTheirOwnPrices() {
        ModelPrice sonnet = table.find("anthropic", "claude-sonnet-4-5").orElseThrow();
        // prompt 10,000 = 6,000 uncached + 3,000 read + 1,000 written
        Usage usage = new Usage(10_000, 0, 3_000, 1_000, null);
        BigDecimal expected = new BigDecimal("0.018")      // 6,000 × 3/M
                .add(new BigDecimal("0.0009"))              // 3,000 × 0.30/M
                .add(new BigDecimal("0.00375"));            // 1,000 × 3.75/M
        assertEquals(0, expected.compareTo(Cost.of(sonnet, usage)));
    }

    @Test
    void reasoningTokensAreOutputUnlessPricedApart() {
        ModelPrice price = new ModelPrice(BigDecimal.ONE, BigDecimal.TEN, null, null, new BigDecimal("20"), Map.of());
        // 1,000 completion tokens of which 400 reasoning: 600 × 10/M + 400 × 20/M
        assertEquals(0, new BigDecimal("0.014").compareTo(Cost.of(price, new Usage(0, 1000, null, null, 400))));
        ModelPrice sameAsOutput = ModelPrice.tokens("1", "10");
        assertEquals(0, new BigDecimal("0.01").compareTo(Cost.of(sameAsOutput, new Usage(0, 1000, null, null, 400))));
    }

    @Test
    void unknownPriceOrUsageIsAnUnknownCostNeverZero() {
        assertNull(Cost.of(null, Usage.of(1, 1)));
        assertNull(Cost.of(ModelPrice.tokens("1", "1"), (Usage) null));
        assertTrue(table.find("openai", "gpt-5").isEmpty(), "a price not read from OpenAI's page is not guessed");
        ModelPrice imagesOnly = new ModelPrice(null, null, null, null, null, Map.of("*", new BigDecimal("0.04")));
        assertNull(Cost.of(imagesOnly, Usage.of(10, 0)));
    }

    @Test
    void datedSnapshotsFindTheirModelButLookalikesDoNot() {
        assertEquals(table.find("anthropic", "claude-sonnet-4-5"), table.find("anthropic", "claude-sonnet-4-5-20250929"));
        assertEquals(new BigDecimal("15"), table.find("anthropic", "claude-opus-4-20250514").orElseThrow().inputPerMillion());
        assertTrue(table.find("anthropic", "claude-opus-4-7").isEmpty());
        assertTrue(table.find("deepseek", "deepseek-chat").isPresent());
        assertEquals("2026-11-26", table.retrieved());
    }

    @Test
    void imagesByQualityAndSizeMostSpecificFirst() {
        ModelPrice price = new ModelPrice(null, null, null, null, null, Map.of(
                "high/1024x1024", new BigDecimal("0.17"), "1024x1024", new BigDecimal("0.04"), "*", new BigDecimal("0.05")));
        assertEquals(0, new BigDecimal("0.34").compareTo(Cost.of(price, new ImageUsage(2, "1024x1024", "high", null, null, null))));
        assertEquals(0, new BigDecimal("0.04").compareTo(Cost.of(price, new ImageUsage(1, "1024x1024", "low", null, null, null))));
        assertEquals(0, new BigDecimal("0.15").compareTo(Cost.of(price, new ImageUsage(3, "512x512", null, null, null, null))));
        assertNull(Cost.of(new ModelPrice(null, null, null, null, null, Map.of("1024x1024", BigDecimal.ONE)),
                new ImageUsage(1, "256x256", null, null, null, null)));
    }
}
