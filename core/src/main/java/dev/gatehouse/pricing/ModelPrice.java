package dev.gatehouse.pricing;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What one upstream model costs, in US dollars. Token prices are per million tokens; a null
 * price is one the provider does not list (or the table does not know), never zero.
 *
 * @param inputPerMillion       uncached input tokens (and embedding input tokens)
 * @param outputPerMillion      output tokens
 * @param cachedInputPerMillion input read from a prompt cache; null bills it at the input price
 * @param cacheWritePerMillion  input written to a prompt cache (Anthropic); null bills it at the input price
 * @param reasoningPerMillion   reasoning tokens; null bills them at the output price (they are output)
 * @param perImage              price of one image by {@code quality/size}, {@code size}, {@code quality} or
 *                              {@code *}, most specific first; empty for models that are not priced by image
 * @param maxOutput             the most output tokens one request can produce, as the provider's model page
 *                              states it; null when the table does not know. Budgets reserve a request's
 *                              worst case, and a request without {@code max_tokens} can produce this many.
 * @param longContext           the prices of a request whose prompt is longer than a threshold (Gemini 2.5 Pro
 *                              above 200k tokens), or null when the price does not depend on the prompt's length
 * @param audioInputPerMillion  audio input tokens, where the model takes audio; null when not listed. A request's
 *                              usage reports no audio tokens today, so {@link Cost} does not bill them apart
 * @param audioOutputPerMillion audio output tokens, where the model speaks; null when not listed (as above)
 * @param batchInputPerMillion  input tokens sent through the provider's Batch API; null when not listed. Gatehouse
 *                              has no batch route: listed so that the catalog shows it, not billed
 * @param batchOutputPerMillion output tokens through the Batch API; null when not listed (as above)
 */
public record ModelPrice(BigDecimal inputPerMillion, BigDecimal outputPerMillion, BigDecimal cachedInputPerMillion,
        BigDecimal cacheWritePerMillion, BigDecimal reasoningPerMillion, Map<String, BigDecimal> perImage,
        Integer maxOutput, LongContext longContext, BigDecimal audioInputPerMillion, BigDecimal audioOutputPerMillion,
        BigDecimal batchInputPerMillion, BigDecimal batchOutputPerMillion) {

    public ModelPrice {
        perImage = perImage == null ? Map.of() : Map.copyOf(perImage);
        if (maxOutput != null && maxOutput <= 0) {
            throw new IllegalArgumentException("max_output must be a positive number of tokens, not " + maxOutput);
        }
        if (longContext != null && inputPerMillion == null) {
            throw new IllegalArgumentException("a long-context price needs a base input price");
        }
    }

    /** A price without audio or batch prices (the hand-read table's, configured prices). */
    public ModelPrice(BigDecimal inputPerMillion, BigDecimal outputPerMillion, BigDecimal cachedInputPerMillion,
            BigDecimal cacheWritePerMillion, BigDecimal reasoningPerMillion, Map<String, BigDecimal> perImage,
            Integer maxOutput, LongContext longContext) {
        this(inputPerMillion, outputPerMillion, cachedInputPerMillion, cacheWritePerMillion, reasoningPerMillion,
                perImage, maxOutput, longContext, null, null, null, null);
    }

    /** A price without a known output limit or a long-context tier (configured prices, most models). */
    public ModelPrice(BigDecimal inputPerMillion, BigDecimal outputPerMillion, BigDecimal cachedInputPerMillion,
            BigDecimal cacheWritePerMillion, BigDecimal reasoningPerMillion, Map<String, BigDecimal> perImage) {
        this(inputPerMillion, outputPerMillion, cachedInputPerMillion, cacheWritePerMillion, reasoningPerMillion,
                perImage, null, null);
    }

    /**
     * The whole request is billed at these prices when its prompt has more than {@code promptTokensAbove}
     * tokens (cached ones included), as the providers that tier by prompt length bill it. A null cached
     * price bills cached input at this tier's input price.
     */
    public record LongContext(int promptTokensAbove, BigDecimal inputPerMillion, BigDecimal outputPerMillion,
            BigDecimal cachedInputPerMillion) {

        public LongContext {
            if (promptTokensAbove <= 0 || inputPerMillion == null || outputPerMillion == null) {
                throw new IllegalArgumentException(
                        "a long-context tier needs a positive threshold and its input and output prices");
            }
        }
    }

    /**
     * The price that applies to a request whose prompt has {@code promptTokens} tokens: this one, or its
     * long-context tier when the prompt is longer than the tier's threshold.
     */
    public ModelPrice forPrompt(int promptTokens) {
        if (longContext == null || promptTokens <= longContext.promptTokensAbove()) {
            return this;
        }
        return new ModelPrice(longContext.inputPerMillion(), longContext.outputPerMillion(),
                longContext.cachedInputPerMillion(), null, null, perImage, maxOutput, null, audioInputPerMillion,
                audioOutputPerMillion, batchInputPerMillion, batchOutputPerMillion);
    }

    /** This price with another maximum output (null for unknown). */
    public ModelPrice withMaxOutput(Integer value) {
        return new ModelPrice(inputPerMillion, outputPerMillion, cachedInputPerMillion, cacheWritePerMillion,
                reasoningPerMillion, perImage, value, longContext, audioInputPerMillion, audioOutputPerMillion,
                batchInputPerMillion, batchOutputPerMillion);
    }

    /** Whether any price at all is known: tokens, images, audio or batch. */
    public boolean hasAnyPrice() {
        return inputPerMillion != null || outputPerMillion != null || !perImage.isEmpty()
                || audioInputPerMillion != null || audioOutputPerMillion != null || batchInputPerMillion != null
                || batchOutputPerMillion != null;
    }

    /** A model priced by input and output tokens only. */
    public static ModelPrice tokens(String inputPerMillion, String outputPerMillion) {
        return new ModelPrice(new BigDecimal(inputPerMillion), new BigDecimal(outputPerMillion), null, null, null,
                Map.of());
    }

    /** The price of one image of {@code quality} and {@code size} (either may be null), or null when unknown. */
    public BigDecimal imagePrice(String quality, String size) {
        if (quality != null && size != null && perImage.containsKey(quality + "/" + size)) {
            return perImage.get(quality + "/" + size);
        }
        if (size != null && perImage.containsKey(size)) {
            return perImage.get(size);
        }
        if (quality != null && perImage.containsKey(quality)) {
            return perImage.get(quality);
        }
        return perImage.get("*");
    }
}
