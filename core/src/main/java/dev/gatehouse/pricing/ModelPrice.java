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
 */
public record ModelPrice(BigDecimal inputPerMillion, BigDecimal outputPerMillion, BigDecimal cachedInputPerMillion,
        BigDecimal cacheWritePerMillion, BigDecimal reasoningPerMillion, Map<String, BigDecimal> perImage) {

    public ModelPrice {
        perImage = perImage == null ? Map.of() : Map.copyOf(perImage);
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
