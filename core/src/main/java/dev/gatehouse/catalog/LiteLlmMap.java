package dev.gatehouse.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.pricing.ModelPrice;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads LiteLLM's {@code model_prices_and_context_window.json} into catalog entries: the models of
 * the providers Gatehouse serves, with the fields docs/catalog.md lists, token prices per million.
 * What it leaves out is counted by reason (a provider Gatehouse does not serve, no price Gatehouse
 * can represent, Bedrock's regional pricing-only keys, LiteLLM's own pricing tiers). A malformed
 * entry fails the whole reading, named by its key and field.
 *
 * <p>An entry without a {@code source} gets {@code fallbackSource} (the pinned file, or the file
 * imported); every entry gets {@code date} as its date, the day the map was taken: LiteLLM records
 * no date per entry.
 */
public final class LiteLlmMap {

    /** Keys that are not models: the map's own documentation, its routing rules, a mirror's stamp. */
    private static final Set<String> NOT_MODELS = Set.of("sample_spec", "fallback_generalizations", "last_updated");
    /** LiteLLM's long-context tiers, in thousands of prompt tokens; Gatehouse keeps the lowest one given. */
    private static final int[] TIERS = {128, 200, 256, 272, 512};

    /**
     * What was read.
     *
     * @param entries the catalog entries, in the map's order
     * @param leftOut how many of the map's entries were left out, by reason
     */
    public record Reading(List<CatalogEntry> entries, Map<String, Integer> leftOut) {}

    private final String fallbackSource;
    private final String date;
    private final Map<String, CatalogEntry> byKey = new LinkedHashMap<>();
    private final Map<String, Boolean> prefixed = new LinkedHashMap<>();
    private final Map<String, Map<String, BigDecimal>> sizes = new LinkedHashMap<>();
    private final Map<String, LiteLlmFields> sizeOrigins = new LinkedHashMap<>();
    private final Map<String, Integer> leftOut = new TreeMap<>();

    private LiteLlmMap(String fallbackSource, String date) {
        this.fallbackSource = fallbackSource;
        this.date = date;
    }

    /** Reads {@code root} (parsed with decimals kept exact: {@link CatalogFiles#read}). */
    public static Reading read(JsonNode root, String fallbackSource, String date) {
        if (root == null || !root.isObject()) {
            throw new CatalogException(null, null, "a LiteLLM price map is one JSON object keyed by model name");
        }
        LiteLlmMap map = new LiteLlmMap(fallbackSource, date);
        root.properties().forEach(e -> map.add(e.getKey(), e.getValue()));
        return map.finish();
    }

    private void add(String key, JsonNode node) {
        if (NOT_MODELS.contains(key)) {
            return;
        }
        if (!node.isObject()) {
            throw new CatalogException(key, null, "must be an object");
        }
        LiteLlmFields fields = new LiteLlmFields(key, node);
        String liteLlmProvider = fields.text("litellm_provider");
        if (liteLlmProvider == null) {
            throw new CatalogException(key, "litellm_provider", "is missing");
        }
        String provider = LiteLlmProviders.gatehouseId(liteLlmProvider);
        if (provider == null) {
            count("provider Gatehouse does not serve: " + liteLlmProvider);
        } else if (LiteLlmImageKey.isImageKey(key)) {
            addSize(provider, fields);
        } else if (key.startsWith("ft:") || key.startsWith("fireworks-ai-") || key.startsWith("together-ai-")) {
            count("LiteLLM's pricing tier or fine-tune template, not a model");
        } else if ("bedrock".equals(provider) && (key.contains("month-commitment")
                || LiteLlmProviders.withoutPrefix(provider, key).contains("/"))) {
            count("Bedrock regional or commitment price (LiteLLM: pricing only)");
        } else {
            addModel(provider, LiteLlmProviders.withoutPrefix(provider, key), fields);
        }
    }

    private void addModel(String provider, String model, LiteLlmFields fields) {
        ModelPrice price = price(fields);
        if (!price.hasAnyPrice()) {
            count("no price Gatehouse can represent (per second, per character, per query, …)");
            return;
        }
        CatalogEntry entry;
        try {
            entry = new CatalogEntry(provider, model, fields.text("mode"), price, fields.tokens("max_input_tokens"),
                    capabilities(fields), fields.text("deprecation_date"), source(fields), date, fields.key());
        } catch (CatalogEntry.InvalidField e) {
            throw new CatalogException(fields.key(), e.field, e.getMessage());
        }
        boolean isPrefixed = !fields.key().equals(model);
        CatalogEntry earlier = byKey.get(entry.key());
        if (earlier != null) {
            count("the same model under another key");
            // LiteLLM routes provider/model to the prefixed entry; the prefixed key is the more specific one.
            if (prefixed.get(entry.key()) || !isPrefixed) {
                return;
            }
        }
        byKey.put(entry.key(), entry);
        prefixed.put(entry.key(), isPrefixed);
    }

    private void addSize(String provider, LiteLlmFields fields) {
        LiteLlmImageKey size = LiteLlmImageKey.parse(fields.key()).orElse(null);
        if (size == null) {
            count("image price by diffusion steps or of an unstated size");
            return;
        }
        BigDecimal each = fields.dollars("input_cost_per_image");
        if (each == null) {
            each = fields.dollars("output_cost_per_image");
        }
        if (each == null) {
            BigDecimal perPixel = positive(fields.dollars("input_cost_per_pixel"));
            perPixel = perPixel != null ? perPixel : fields.dollars("output_cost_per_pixel");
            each = perPixel == null ? null : perPixel.multiply(BigDecimal.valueOf((long) size.width() * size.height()));
        }
        if (each == null) {
            count("no price Gatehouse can represent (per second, per character, per query, …)");
            return;
        }
        String key = provider + "/" + LiteLlmProviders.withoutPrefix(provider, size.model());
        sizes.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(size.label(), LiteLlmFields.plain(each));
        sizeOrigins.putIfAbsent(key, fields);
    }

    /** The size prices, filed under their model's entry (made from the first size key when the map has none). */
    private Reading finish() {
        sizes.forEach((key, labels) -> {
            CatalogEntry entry = byKey.get(key);
            if (entry == null) {
                LiteLlmFields origin = sizeOrigins.get(key);
                String provider = key.substring(0, key.indexOf('/'));
                ModelPrice price = new ModelPrice(null, null, null, null, null, labels);
                byKey.put(key, new CatalogEntry(provider, key.substring(key.indexOf('/') + 1), origin.text("mode"),
                        price, null, Capabilities.UNKNOWN, null, source(origin), date, origin.key()));
                return;
            }
            Map<String, BigDecimal> merged = new LinkedHashMap<>(entry.price().perImage());
            merged.putAll(labels);
            ModelPrice p = entry.price();
            byKey.put(key, entry.withPrice(new ModelPrice(p.inputPerMillion(), p.outputPerMillion(),
                    p.cachedInputPerMillion(), p.cacheWritePerMillion(), p.reasoningPerMillion(), merged, p.maxOutput(),
                    p.longContext(), p.audioInputPerMillion(), p.audioOutputPerMillion(), p.batchInputPerMillion(),
                    p.batchOutputPerMillion())));
        });
        return new Reading(List.copyOf(new ArrayList<>(byKey.values())), Map.copyOf(leftOut));
    }

    private ModelPrice price(LiteLlmFields f) {
        BigDecimal cached = f.perMillion("cache_read_input_token_cost");
        if (cached == null) {
            cached = f.perMillion("input_cost_per_token_cache_hit");
        }
        Map<String, BigDecimal> perImage = new LinkedHashMap<>();
        String mode = f.text("mode");
        BigDecimal each = f.dollars("output_cost_per_image");
        // On an image model's own entry LiteLLM writes the price of one generated image as
        // input_cost_per_image (dall-e-3: 0.04); on a chat model it is the price of an image read.
        if (each == null && mode != null && mode.startsWith("image_")) {
            each = f.dollars("input_cost_per_image");
        }
        if (each != null) {
            perImage.put("*", LiteLlmFields.plain(each));
        }
        BigDecimal input = f.perMillion("input_cost_per_token");
        return new ModelPrice(input, f.perMillion("output_cost_per_token"), cached,
                f.perMillion("cache_creation_input_token_cost"), f.perMillion("output_cost_per_reasoning_token"),
                perImage, f.tokens("max_output_tokens"), input == null ? null : longContext(f),
                f.perMillion("input_cost_per_audio_token"), f.perMillion("output_cost_per_audio_token"),
                f.perMillion("input_cost_per_token_batches"), f.perMillion("output_cost_per_token_batches"));
    }

    private static ModelPrice.LongContext longContext(LiteLlmFields f) {
        for (int tier : TIERS) {
            BigDecimal input = f.perMillion("input_cost_per_token_above_" + tier + "k_tokens");
            BigDecimal output = f.perMillion("output_cost_per_token_above_" + tier + "k_tokens");
            if (input != null && output != null) {
                return new ModelPrice.LongContext(tier * 1000, input, output,
                        f.perMillion("cache_read_input_token_cost_above_" + tier + "k_tokens"));
            }
        }
        return null;
    }

    private static Capabilities capabilities(LiteLlmFields f) {
        // No LiteLLM field says whether a stream reports usage: left unknown (docs/catalog.md).
        return new Capabilities(f.flag("supports_function_calling"), f.flag("supports_parallel_function_calling"),
                f.flag("supports_vision"), f.flag("supports_reasoning"), f.flag("supports_response_schema"), null);
    }

    private String source(LiteLlmFields f) {
        String source = f.text("source");
        return source == null || source.isBlank() ? fallbackSource : source;
    }

    private static BigDecimal positive(BigDecimal value) {
        return value == null || value.signum() == 0 ? null : value;
    }

    private void count(String reason) {
        leftOut.merge(reason, 1, Integer::sum);
    }
}
