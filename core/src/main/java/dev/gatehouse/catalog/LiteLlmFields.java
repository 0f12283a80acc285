package dev.gatehouse.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * Reads one field of a LiteLLM price-map entry, checked: a malformed value fails with the entry's
 * key and the field's name. LiteLLM's prices are US dollars per token (or per image, per pixel);
 * Gatehouse's are dollars per million tokens, so token prices are scaled by 10^6, exactly (the
 * numbers are read as decimals, never as binary floating point).
 */
final class LiteLlmFields {

    private final String key;
    private final JsonNode node;

    LiteLlmFields(String key, JsonNode node) {
        this.key = key;
        this.node = node;
    }

    String key() {
        return key;
    }

    JsonNode node() {
        return node;
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** A dollar amount, 0 or more, as written; null when absent. */
    BigDecimal dollars(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new CatalogException(key, field, "must be a number of US dollars, not " + value);
        }
        BigDecimal amount = value.decimalValue();
        if (amount.signum() < 0) {
            throw new CatalogException(key, field, "must not be negative, not " + value);
        }
        return amount;
    }

    /** A price per token, as dollars per million tokens; null when absent. */
    BigDecimal perMillion(String field) {
        BigDecimal perToken = dollars(field);
        return perToken == null ? null : plain(perToken.movePointRight(6));
    }

    /**
     * A whole, positive number of tokens; null when absent, or 0: LiteLLM writes 0 for a limit a
     * model does not have (a moderation model produces no output). It writes a few as {@code 2000000.0}.
     */
    Integer tokens(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new CatalogException(key, field, "must be a whole number of tokens, not " + value);
        }
        BigDecimal number = value.decimalValue();
        try {
            int tokens = number.intValueExact();
            if (tokens == 0) {
                return null;
            }
            if (tokens < 0) {
                throw new CatalogException(key, field, "must be a positive number of tokens, not " + value);
            }
            return tokens;
        } catch (ArithmeticException e) {
            throw new CatalogException(key, field, "must be a whole number of tokens, not " + value);
        }
    }

    Boolean flag(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new CatalogException(key, field, "must be true or false, not " + value);
        }
        return value.booleanValue();
    }

    String text(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new CatalogException(key, field, "must be a string, not " + value);
        }
        return value.textValue();
    }

    /** {@code value} without trailing zeros and never in exponent form: {@code 2.5E+0} is {@code 2.5}. */
    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
