package dev.gatehouse.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prices of upstream models by provider and upstream model name. The bundled table
 * ({@code prices.json} beside this class) names the page each price was taken from and the
 * date; a model it does not list has no price, and its requests are recorded with an unknown
 * cost.
 *
 * <p>A dated snapshot finds its model's price: {@code claude-sonnet-4-5-20250929} (a date of eight
 * digits) or {@code claude-3-5-haiku-latest} is priced as {@code claude-sonnet-4-5} or
 * {@code claude-3-5-haiku} when the table has no entry of its own for it. Nothing looser: a
 * newer model whose name merely starts like a listed one ({@code claude-opus-4-7} beside
 * {@code claude-opus-4}) may cost something else, and gets no price rather than a wrong one.
 */
public final class PriceTable {

    private static final String RESOURCE = "prices.json";
    private static final Pattern SNAPSHOT = Pattern.compile("(.+)-(\\d{8}|latest)");

    private final Map<String, Map<String, ModelPrice>> byProvider;
    private final Map<String, Map<String, Integer>> contextWindows;
    private final Map<String, Source> sources;
    private final String retrieved;

    private PriceTable(Map<String, Map<String, ModelPrice>> byProvider, Map<String, Map<String, Integer>> contextWindows,
            Map<String, Source> sources, String retrieved) {
        this.byProvider = byProvider;
        this.contextWindows = contextWindows;
        this.sources = sources;
        this.retrieved = retrieved;
    }

    /**
     * Where one provider's prices were read.
     *
     * @param url       the provider's own pricing or model page
     * @param retrieved the date the prices were read from it (ISO, UTC)
     * @param notes     what the table simplifies (tiers, modalities, caches), or empty
     */
    public record Source(String url, String retrieved, String notes) {}

    /** The table bundled with Gatehouse. */
    public static PriceTable bundled() {
        try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled price table " + RESOURCE + " is missing");
            }
            return parse(Json.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("can not read the bundled price table", e);
        }
    }

    static PriceTable parse(JsonNode root) {
        Map<String, Map<String, ModelPrice>> byProvider = new HashMap<>();
        Map<String, Map<String, Integer>> contextWindows = new HashMap<>();
        Map<String, Source> sources = new HashMap<>();
        for (JsonNode provider : root.path("providers")) {
            String id = provider.path("id").asText();
            Map<String, ModelPrice> models = new LinkedHashMap<>();
            Map<String, Integer> windows = new HashMap<>();
            provider.path("models").properties().forEach(e -> {
                models.put(e.getKey(), price(id, e.getKey(), e.getValue()));
                Integer window = contextWindow(id, e.getKey(), e.getValue());
                if (window != null) {
                    windows.put(e.getKey(), window);
                }
            });
            byProvider.put(id, Map.copyOf(models));
            contextWindows.put(id, Map.copyOf(windows));
            sources.put(id, new Source(provider.path("source").asText(), provider.path("retrieved").asText(),
                    provider.path("notes").asText("")));
        }
        return new PriceTable(Map.copyOf(byProvider), Map.copyOf(contextWindows), Map.copyOf(sources),
                root.path("retrieved").asText());
    }

    /**
     * A model's {@code context_window}: the most tokens it reads in one request, as its provider's page
     * states it, or null. Not part of its price: {@code GET /v1/models} reports it (docs/agents.md).
     */
    private static Integer contextWindow(String provider, String model, JsonNode node) {
        try {
            Integer window = wholeNumber(node, "context_window");
            if (window != null && window <= 0) {
                throw new IllegalArgumentException("context_window must be a positive number of tokens, not " + window);
            }
            return window;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the entry of " + provider + "/" + model + " is malformed: " + e.getMessage(), e);
        }
    }

    private static ModelPrice price(String provider, String model, JsonNode node) {
        try {
            return price(node);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the price of " + provider + "/" + model + " is malformed: " + e.getMessage(), e);
        }
    }

    /**
     * One model's price from its JSON form: {@code input}, {@code output}, {@code cached_input},
     * {@code cache_write}, {@code reasoning} (dollars per million tokens), {@code per_image}
     * (dollars per image by {@code quality/size}, {@code size}, {@code quality} or {@code *}) and
     * {@code max_output} (the most output tokens one request can produce, a whole number) and
     * {@code long_context} ({@code prompt_tokens_above} and that tier's {@code input}, {@code output}
     * and {@code cached_input}).
     */
    public static ModelPrice price(JsonNode node) {
        Map<String, BigDecimal> images = new LinkedHashMap<>();
        node.path("per_image").properties().forEach(e -> images.put(e.getKey(), new BigDecimal(e.getValue().asText())));
        return new ModelPrice(decimal(node, "input"), decimal(node, "output"), decimal(node, "cached_input"),
                decimal(node, "cache_write"), decimal(node, "reasoning"), images,
                wholeNumber(node, "max_output"), longContext(node.get("long_context")));
    }

    private static ModelPrice.LongContext longContext(JsonNode tier) {
        if (tier == null || tier.isNull()) {
            return null;
        }
        Integer above = wholeNumber(tier, "prompt_tokens_above");
        if (above == null) {
            throw new IllegalArgumentException("long_context needs prompt_tokens_above");
        }
        return new ModelPrice.LongContext(above, decimal(tier, "input"), decimal(tier, "output"),
                decimal(tier, "cached_input"));
    }

    private static Integer wholeNumber(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isInt()) {
            throw new IllegalArgumentException(field + " must be a whole number of tokens, not " + value);
        }
        return value.intValue();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : new BigDecimal(value.asText());
    }

    /** The price of {@code upstreamModel} at {@code provider}, if the table has it. */
    public Optional<ModelPrice> find(String provider, String upstreamModel) {
        return lookUp(byProvider.get(provider), upstreamModel);
    }

    /**
     * The context window of {@code upstreamModel} at {@code provider} in tokens, if the table records it
     * (found as its price is: a dated snapshot has its model's).
     */
    public Optional<Integer> contextWindow(String provider, String upstreamModel) {
        return lookUp(contextWindows.get(provider), upstreamModel);
    }

    private static <T> Optional<T> lookUp(Map<String, T> models, String upstreamModel) {
        if (models == null || upstreamModel == null) {
            return Optional.empty();
        }
        T exact = models.get(upstreamModel);
        if (exact != null) {
            return Optional.of(exact);
        }
        Matcher snapshot = SNAPSHOT.matcher(upstreamModel);
        return snapshot.matches() ? Optional.ofNullable(models.get(snapshot.group(1))) : Optional.empty();
    }

    /** Where {@code provider}'s prices were read, if the table lists the provider. */
    public Optional<Source> source(String provider) {
        return Optional.ofNullable(sources.get(provider));
    }

    /** The models the table prices at {@code provider}, in the table's order; empty for a provider it lacks. */
    public Set<String> models(String provider) {
        Map<String, ModelPrice> models = byProvider.get(provider);
        return models == null ? Set.of() : java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(
                models.keySet()));
    }

    /** The providers the table has prices for. */
    public Set<String> providers() {
        return byProvider.keySet();
    }

    /** The date the bundled prices were taken from their pages. */
    public String retrieved() {
        return retrieved;
    }
}
