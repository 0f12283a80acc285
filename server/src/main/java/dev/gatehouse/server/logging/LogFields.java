package dev.gatehouse.server.logging;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Named values a log record carries beside its message, as its only parameter: the access log's
 * fields. A JSON line makes each one a key of its object, a text line a {@code key=value} pair.
 * Values are strings, numbers or booleans; a null value is left out.
 *
 * @param summary what the JSON line's {@code message} says
 * @param values  the fields, in the order they are written
 */
record LogFields(String summary, Map<String, Object> values) {

    public LogFields {
        Objects.requireNonNull(summary, "summary");
        Map<String, Object> kept = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value != null) {
                kept.put(key, value);
            }
        });
        values = Collections.unmodifiableMap(kept);
    }

    /** The fields as {@code key=value} pairs separated by spaces: what a text line shows. */
    String asText() {
        StringBuilder out = new StringBuilder();
        values.forEach((key, value) -> {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(key).append('=').append(TextValues.quoted(text(value)));
        });
        return out.toString();
    }

    /** A value as text: decimals in plain notation, never with an exponent. */
    static String text(Object value) {
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value);
    }
}
