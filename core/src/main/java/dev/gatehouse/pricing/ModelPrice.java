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
 */
public record ModelPrice(BigDecimal inputPerMillion, BigDecimal outputPerMillion, BigDecimal cachedInputPerMillion,
        BigDecimal cacheWritePerMillion, BigDecimal reasoningPerMillion, Map<String, BigDecimal> perImage,
        Integer maxOutput) {

    public ModelPrice {
        perImage = perImage == null ? Map.of() : Map.copyOf(perImage);
        if (maxOutput != null && maxOutput <= 0) {
            throw new IllegalArgumentException("max_output must be a positive number of tokens, not " + maxOutput);
        }
    }

    /** A price without a known output limit (configured prices, and models whose page states none). */
    public ModelPrice(BigDecimal inputPerMillion, BigDecimal outputPerMillion, BigDecimal cachedInputPerMillion,
            BigDecimal cacheWritePerMillion, BigDecimal reasoningPerMillion, Map<String, BigDecimal> perImage) {
        this(inputPerMillion, outputPerMillion, cachedInputPerMillion, cacheWritePerMillion, reasoningPerMillion,
                perImage, null);
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
