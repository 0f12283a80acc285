package dev.gatehouse.pricing;

import dev.gatehouse.api.ImageResponse.ImageUsage;
import dev.gatehouse.api.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The cost of one request in US dollars, from the usage the provider reported and a
 * {@link ModelPrice}. Every method answers null when the cost is unknown (no price, or no
 * usage): an unknown cost is recorded as unknown, never guessed as zero.
 */
public final class Cost {

    /** Dollars are kept to 10 decimal places: a millionth of a cent, finer than any provider bills. */
    public static final int SCALE = 10;
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private Cost() {}

    /**
     * The cost of a token-priced request. {@link Usage#promptTokens()} includes cached input
     * and cache writes; {@link Usage#completionTokens()} includes reasoning tokens (see
     * {@link Usage}), so each kind is taken out of its total and billed at its own price. A prompt
     * longer than the price's long-context threshold bills the whole request at that tier.
     * The audio prices are not applied: {@link Usage} reports no audio tokens (providers that
     * report them do so in fields Gatehouse does not read yet), so audio is billed as the tokens
     * it is counted in. Batch prices do not apply either: Gatehouse has no batch route.
     */
    public static BigDecimal of(ModelPrice price, Usage usage) {
        if (price == null || usage == null || price.inputPerMillion() == null) {
            return null;
        }
        price = price.forPrompt(usage.promptTokens());
        int cached = orZero(usage.cachedTokens());
        int cacheWrite = orZero(usage.cacheWriteTokens());
        int reasoning = orZero(usage.reasoningTokens());
        int uncached = Math.max(0, usage.promptTokens() - cached - cacheWrite);
        int plainOutput = Math.max(0, usage.completionTokens() - reasoning);
        if (usage.completionTokens() > 0 && price.outputPerMillion() == null) {
            return null;
        }
        BigDecimal input = price.inputPerMillion();
        BigDecimal output = price.outputPerMillion() == null ? BigDecimal.ZERO : price.outputPerMillion();
        BigDecimal micro = input.multiply(BigDecimal.valueOf(uncached))
                .add(or(price.cachedInputPerMillion(), input).multiply(BigDecimal.valueOf(cached)))
                .add(or(price.cacheWritePerMillion(), input).multiply(BigDecimal.valueOf(cacheWrite)))
                .add(output.multiply(BigDecimal.valueOf(plainOutput)))
                .add(or(price.reasoningPerMillion(), output).multiply(BigDecimal.valueOf(reasoning)));
        return micro.divide(MILLION, SCALE, RoundingMode.HALF_UP);
    }

    /** The cost of an image request: the images at their per-image price, or null when it is not known. */
    public static BigDecimal of(ModelPrice price, ImageUsage usage) {
        if (price == null || usage == null) {
            return null;
        }
        BigDecimal each = price.imagePrice(usage.quality(), usage.size());
        if (each == null) {
            return null;
        }
        return each.multiply(BigDecimal.valueOf(usage.images())).setScale(SCALE, RoundingMode.HALF_UP);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static BigDecimal or(BigDecimal value, BigDecimal fallback) {
        return value == null ? fallback : value;
    }
}
