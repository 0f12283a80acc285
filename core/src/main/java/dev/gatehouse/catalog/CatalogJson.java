package dev.gatehouse.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.pricing.ModelPrice;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One catalog entry in Gatehouse's own JSON form, both ways. Prices carry the names of a
 * deployment's {@code pricing:} setting ({@code input_per_million}, {@code output_per_million},
 * …, dollars as decimal strings so that no digit is lost), beside {@code context_window},
 * {@code max_output_tokens}, {@code capabilities}, {@code mode}, {@code deprecation_date},
 * {@code source} and {@code source_date} (docs/catalog.md). {@code gatehouse catalog show} prints
 * this form, and the bundled catalog and override files hold it.
 */
public final class CatalogJson {

    /** The price fields, in the order {@link #write} puts them. */
    public static final java.util.List<String> PRICE_FIELDS = java.util.List.of("input_per_million",
            "output_per_million", "cached_input_per_million", "cache_write_per_million", "reasoning_per_million",
            "audio_input_per_million", "audio_output_per_million", "batch_input_per_million",
            "batch_output_per_million");

    private CatalogJson() {}

    /** {@code entry} as JSON; its provider and model are the key it is written under, so not repeated. */
    public static ObjectNode write(CatalogEntry entry) {
        ObjectNode out = Json.object();
        putText(out, "mode", entry.mode());
        ModelPrice p = entry.price();
        BigDecimal[] amounts = {p.inputPerMillion(), p.outputPerMillion(), p.cachedInputPerMillion(),
            p.cacheWritePerMillion(), p.reasoningPerMillion(), p.audioInputPerMillion(), p.audioOutputPerMillion(),
            p.batchInputPerMillion(), p.batchOutputPerMillion()};
        for (int i = 0; i < amounts.length; i++) {
            putAmount(out, PRICE_FIELDS.get(i), amounts[i]);
        }
        if (!p.perImage().isEmpty()) {
            ObjectNode images = out.putObject("per_image");
            new java.util.TreeMap<>(p.perImage()).forEach((label, each) -> images.put(label,
                    LiteLlmFields.plain(each).toPlainString()));
        }
        if (p.longContext() != null) {
            ObjectNode tier = out.putObject("long_context");
            tier.put("prompt_tokens_above", p.longContext().promptTokensAbove());
            putAmount(tier, "input_per_million", p.longContext().inputPerMillion());
            putAmount(tier, "output_per_million", p.longContext().outputPerMillion());
            putAmount(tier, "cached_input_per_million", p.longContext().cachedInputPerMillion());
        }
        if (entry.contextWindow() != null) {
            out.put("context_window", entry.contextWindow());
        }
        if (p.maxOutput() != null) {
            out.put("max_output_tokens", p.maxOutput());
        }
        ObjectNode capabilities = out.putObject("capabilities");
        Capabilities c = entry.capabilities();
        putFlag(capabilities, "tools", c.tools());
        putFlag(capabilities, "parallel_tools", c.parallelTools());
        putFlag(capabilities, "vision", c.vision());
        putFlag(capabilities, "reasoning", c.reasoning());
        putFlag(capabilities, "json_schema", c.jsonSchema());
        putFlag(capabilities, "usage_in_streams", c.usageInStreams());
        putText(out, "deprecation_date", entry.deprecationDate());
        putText(out, "source", entry.source());
        putText(out, "source_date", entry.sourceDate());
        putText(out, "litellm_key", entry.liteLlmKey());
        return out;
    }

    /** The entry written under {@code key} ({@code provider/model}); a malformed one fails naming the key and field. */
    public static CatalogEntry read(String key, JsonNode node) {
        int slash = key.indexOf('/');
        if (slash <= 0 || slash == key.length() - 1) {
            throw new CatalogException(key, null, "an entry's key is provider/model");
        }
        if (!node.isObject()) {
            throw new CatalogException(key, null, "must be an object");
        }
        Fields f = new Fields(key, node);
        Map<String, BigDecimal> images = new LinkedHashMap<>();
        JsonNode perImage = node.path("per_image");
        if (!perImage.isMissingNode() && !perImage.isObject()) {
            throw new CatalogException(key, "per_image", "must be an object of prices by quality/size");
        }
        perImage.properties().forEach(e -> images.put(e.getKey(), f.amount("per_image." + e.getKey(), e.getValue())));
        ModelPrice.LongContext tier = null;
        JsonNode tierNode = node.get("long_context");
        if (tierNode != null && !tierNode.isNull()) {
            Fields t = new Fields(key, tierNode);
            try {
                tier = new ModelPrice.LongContext(t.tokens("long_context.prompt_tokens_above"),
                        t.amount("long_context.input_per_million"), t.amount("long_context.output_per_million"),
                        t.amount("long_context.cached_input_per_million"));
            } catch (IllegalArgumentException e) {
                throw new CatalogException(key, "long_context", e.getMessage());
            }
        }
        try {
            BigDecimal input = f.amount("input_per_million");
            ModelPrice price = new ModelPrice(input, f.amount("output_per_million"),
                    f.amount("cached_input_per_million"), f.amount("cache_write_per_million"),
                    f.amount("reasoning_per_million"), images, f.tokens("max_output_tokens"), tier,
                    f.amount("audio_input_per_million"), f.amount("audio_output_per_million"),
                    f.amount("batch_input_per_million"), f.amount("batch_output_per_million"));
            Fields c = new Fields(key, node.path("capabilities"));
            Capabilities capabilities = new Capabilities(c.flag("capabilities.tools"),
                    c.flag("capabilities.parallel_tools"), c.flag("capabilities.vision"),
                    c.flag("capabilities.reasoning"), c.flag("capabilities.json_schema"),
                    c.flag("capabilities.usage_in_streams"));
            return new CatalogEntry(key.substring(0, slash), key.substring(slash + 1), f.text("mode"), price,
                    f.tokens("context_window"), capabilities, f.text("deprecation_date"), f.text("source"),
                    f.text("source_date"), f.text("litellm_key"));
        } catch (CatalogEntry.InvalidField e) {
            throw new CatalogException(key, e.field, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CatalogException(key, "long_context", e.getMessage());
        }
    }

    private static void putAmount(ObjectNode out, String field, BigDecimal value) {
        if (value != null) {
            out.put(field, LiteLlmFields.plain(value).toPlainString());
        }
    }

    private static void putText(ObjectNode out, String field, String value) {
        if (value != null) {
            out.put(field, value);
        }
    }

    private static void putFlag(ObjectNode out, String field, Boolean value) {
        if (value != null) {
            out.put(field, value);
        }
    }

    /** Reads fields of one entry (or of one of its objects, whose field names carry their path). */
    private record Fields(String key, JsonNode node) {

        private JsonNode at(String path) {
            return node.get(path.substring(path.lastIndexOf('.') + 1));
        }

        BigDecimal amount(String path) {
            return amount(path, at(path));
        }

        BigDecimal amount(String path, JsonNode value) {
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual() && !value.isNumber()) {
                throw new CatalogException(key, path, "must be an amount of US dollars, not " + value);
            }
            try {
                BigDecimal amount = value.isNumber() ? value.decimalValue() : new BigDecimal(value.textValue());
                if (amount.signum() < 0) {
                    throw new CatalogException(key, path, "must not be negative, not " + value);
                }
                return LiteLlmFields.plain(amount);
            } catch (NumberFormatException e) {
                throw new CatalogException(key, path, "must be an amount of US dollars, not " + value);
            }
        }

        Integer tokens(String path) {
            JsonNode value = at(path);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.canConvertToExactIntegral() || value.intValue() <= 0) {
                throw new CatalogException(key, path, "must be a positive whole number of tokens, not " + value);
            }
            return value.intValue();
        }

        Boolean flag(String path) {
            JsonNode value = at(path);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isBoolean()) {
                throw new CatalogException(key, path, "must be true or false, not " + value);
            }
            return value.booleanValue();
        }

        String text(String path) {
            JsonNode value = at(path);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw new CatalogException(key, path, "must be a string, not " + value);
            }
            return value.textValue();
        }
    }
}
