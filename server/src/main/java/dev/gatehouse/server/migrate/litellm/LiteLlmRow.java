package dev.gatehouse.server.migrate.litellm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of a LiteLLM table, by column name, holding only the columns this LiteLLM version has:
 * a column that is absent reads as null (an older version), never as an error.
 * Values are already converted by {@link LiteLlmReader}: text, numbers, booleans, instants (UTC),
 * JSON trees and string lists.
 */
record LiteLlmRow(Map<String, Object> values) {

    LiteLlmRow {
        values = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(values));
    }

    boolean has(String column) {
        return values.get(column) != null;
    }

    String text(String column) {
        Object value = values.get(column);
        return value == null ? null : value.toString();
    }

    /** A DOUBLE PRECISION column as a decimal (exactly as Python printed it), or null. */
    BigDecimal money(String column) {
        return values.get(column) instanceof Number number ? BigDecimal.valueOf(number.doubleValue()) : null;
    }

    Long whole(String column) {
        return values.get(column) instanceof Number number ? number.longValue() : null;
    }

    boolean flag(String column) {
        return Boolean.TRUE.equals(values.get(column));
    }

    Instant time(String column) {
        return values.get(column) instanceof Instant instant ? instant : null;
    }

    JsonNode json(String column) {
        return values.get(column) instanceof JsonNode node ? node : NullNode.getInstance();
    }

    @SuppressWarnings("unchecked")
    List<String> strings(String column) {
        return values.get(column) instanceof List<?> list ? (List<String>) list : List.of();
    }

    /** Whether a JSON, list or text column holds something beyond empty ({}, [], '', null). */
    boolean isSet(String column) {
        Object value = values.get(column);
        return switch (value) {
            case null -> false;
            case JsonNode node -> !node.isNull() && !(node.isContainerNode() && node.isEmpty())
                    && !(node.isTextual() && node.asText().isEmpty());
            case List<?> list -> !list.isEmpty();
            case String text -> !text.isEmpty();
            default -> true;
        };
    }
}
