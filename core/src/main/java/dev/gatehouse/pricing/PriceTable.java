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
    private final String retrieved;

    private PriceTable(Map<String, Map<String, ModelPrice>> byProvider, String retrieved) {
        this.byProvider = byProvider;
        this.retrieved = retrieved;
    }

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
        for (JsonNode provider : root.path("providers")) {
            Map<String, ModelPrice> models = new LinkedHashMap<>();
            provider.path("models").properties().forEach(e -> models.put(e.getKey(), price(e.getValue())));
            byProvider.put(provider.path("id").asText(), Map.copyOf(models));
        }
        return new PriceTable(Map.copyOf(byProvider), root.path("retrieved").asText());
    }

    /**
     * One model's price from its JSON form: {@code input}, {@code output}, {@code cached_input},
     * {@code cache_write}, {@code reasoning} (dollars per million tokens) and {@code per_image}
     * (dollars per image by {@code quality/size}, {@code size}, {@code quality} or {@code *}).
     */
    public static ModelPrice price(JsonNode node) {
        Map<String, BigDecimal> images = new LinkedHashMap<>();
        node.path("per_image").properties().forEach(e -> images.put(e.getKey(), new BigDecimal(e.getValue().asText())));
        return new ModelPrice(decimal(node, "input"), decimal(node, "output"), decimal(node, "cached_input"),
                decimal(node, "cache_write"), decimal(node, "reasoning"), images);
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : new BigDecimal(value.asText());
    }

    /** The price of {@code upstreamModel} at {@code provider}, if the table has it. */
    public Optional<ModelPrice> find(String provider, String upstreamModel) {
        Map<String, ModelPrice> models = byProvider.get(provider);
        if (models == null || upstreamModel == null) {
            return Optional.empty();
        }
        ModelPrice exact = models.get(upstreamModel);
        if (exact != null) {
            return Optional.of(exact);
        }
        Matcher snapshot = SNAPSHOT.matcher(upstreamModel);
        return snapshot.matches() ? Optional.ofNullable(models.get(snapshot.group(1))) : Optional.empty();
    }

    /** The date the bundled prices were taken from their pages. */
    public String retrieved() {
        return retrieved;
    }
}
