package dev.gatehouse.catalog;

import dev.gatehouse.pricing.ModelPrice;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * One model of one provider in the catalog.
 *
 * @param provider        Gatehouse's provider id ({@code openai}, {@code vertex_anthropic}, …)
 * @param model           the upstream model name, as a deployment's {@code model} names it after the provider
 * @param mode            what the model is for as LiteLLM names it ({@code chat}, {@code embedding},
 *                        {@code image_generation}, …), or null when the source does not say
 * @param price           its prices; {@link ModelPrice#maxOutput()} is its maximum output tokens (null when
 *                        unknown), which budgets reserve for a request that sets no {@code max_tokens}
 * @param contextWindow   the most input tokens one request may send, or null when unknown
 * @param capabilities    what it can do
 * @param deprecationDate the date its provider retires it (ISO), or null
 * @param source          the page (or pinned file) the entry was read from
 * @param sourceDate      the date it was read (ISO)
 * @param liteLlmKey      the key of the LiteLLM entry it came from, or null when it was not read from LiteLLM's map
 */
public record CatalogEntry(String provider, String model, String mode, ModelPrice price, Integer contextWindow,
        Capabilities capabilities, String deprecationDate, String source, String sourceDate, String liteLlmKey) {

    public CatalogEntry {
        Objects.requireNonNull(price, "price");
        capabilities = capabilities == null ? Capabilities.UNKNOWN : capabilities;
        require(provider != null && !provider.isBlank(), "provider", "is missing");
        require(model != null && !model.isBlank(), "model", "is missing");
        require(price.hasAnyPrice(), "price", "no price is given (an entry without one is left out)");
        require(contextWindow == null || contextWindow > 0, "context_window", "must be a positive number of tokens");
        require(source != null && !source.isBlank(), "source", "is missing");
        require(isDate(sourceDate), "source_date", "must be a date (YYYY-MM-DD), not " + sourceDate);
        require(deprecationDate == null || isDate(deprecationDate), "deprecation_date",
                "must be a date (YYYY-MM-DD), not " + deprecationDate);
    }

    /** {@code provider/model}: the entry's key in Gatehouse's catalog format. */
    public String key() {
        return provider + "/" + model;
    }

    /** The most output tokens one request can produce, or null when unknown. */
    public Integer maxOutputTokens() {
        return price.maxOutput();
    }

    /** This entry with another price (the hand-read table's, where it wins). */
    CatalogEntry withPrice(ModelPrice value) {
        return new CatalogEntry(provider, model, mode, value, contextWindow, capabilities, deprecationDate, source,
                sourceDate, liteLlmKey);
    }

    private static boolean isDate(String value) {
        if (value == null) {
            return false;
        }
        try {
            LocalDate.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static void require(boolean ok, String field, String problem) {
        if (!ok) {
            throw new InvalidField(field, problem);
        }
    }

    /** A field of an entry that can not be; readers name the entry's key with it. */
    static final class InvalidField extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        final String field;

        InvalidField(String field, String problem) {
            super(problem);
            this.field = field;
        }
    }
}
