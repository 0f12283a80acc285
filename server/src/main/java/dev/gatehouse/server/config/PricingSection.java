package dev.gatehouse.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.pricing.ModelPrice;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a deployment's {@code pricing:}: its own prices (negotiated, self-hosted, or a model the
 * bundled table does not list), in US dollars, tokens per million and images each.
 */
final class PricingSection {

    static final List<String> KEYS = List.of("input_per_million", "output_per_million", "cached_input_per_million",
            "cache_write_per_million", "reasoning_per_million", "per_image");
    /** Far above any price there is; a larger number is a typo (a price per token written per million). */
    static final BigDecimal MAX = new BigDecimal("1000000");

    private PricingSection() {}

    /** The price, null when absent or wrong (the problems are recorded). */
    static ModelPrice read(Located at, Findings findings) {
        Fields fields = new Fields(findings);
        if (!fields.isSection(at, KEYS)) {
            return null;
        }
        int before = findings.problemCount();
        Map<String, BigDecimal> images = new LinkedHashMap<>();
        Located perImage = at.get("per_image");
        if (!perImage.isMissing() && fields.isMap(perImage)) {
            for (String key : Fields.keys(perImage)) {
                BigDecimal price = amount(perImage.get(key), findings);
                if (price != null) {
                    images.put(key, price);
                }
            }
        }
        ModelPrice price = new ModelPrice(amount(at.get("input_per_million"), findings),
                amount(at.get("output_per_million"), findings), amount(at.get("cached_input_per_million"), findings),
                amount(at.get("cache_write_per_million"), findings), amount(at.get("reasoning_per_million"), findings),
                images);
        if (findings.problemCount() > before) {
            return null;
        }
        if (price.inputPerMillion() == null && price.perImage().isEmpty()) {
            findings.problem(at, "give input_per_million (with output_per_million for chat) or per_image");
            return null;
        }
        return price;
    }

    private static BigDecimal amount(Located at, Findings findings) {
        if (at.isMissing()) {
            return null;
        }
        JsonNode v = at.value();
        if (!v.isNumber() || v.decimalValue().signum() < 0 || v.decimalValue().compareTo(MAX) > 0) {
            findings.problem(at, "must be a price in US dollars from 0 to " + MAX.toPlainString());
            return null;
        }
        return v.decimalValue();
    }
}
