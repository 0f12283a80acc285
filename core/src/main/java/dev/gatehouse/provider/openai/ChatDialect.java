package dev.gatehouse.provider.openai;

import dev.gatehouse.api.wire.FieldShape;
import java.util.Map;
import java.util.Set;

/**
 * What one member of the compatible family documents for its chat endpoint beyond the fields
 * Gatehouse reads itself (model, messages, tools, tool_choice, parallel_tool_calls,
 * response_format, max_tokens, max_completion_tokens, stop, temperature, top_p, seed, n, stream,
 * stream_options, user — checked by the front door's reader and the profile's flags): the
 * further top-level fields a caller may send, with the fields allowed inside each, and which of
 * them change the price.
 *
 * @param reference  the API reference the lists were taken from
 * @param fields     each further top-level field, and the shape of its value
 * @param priceFields fields that make the upstream charge other than the configured price, each with the values
 *                   that do not (empty: any value does); refused unless the deployment's
 *                   {@code allow_price_fields} names them
 */
record ChatDialect(String reference, Map<String, FieldShape> fields, Map<String, Set<String>> priceFields) {

    ChatDialect {
        fields = Map.copyOf(fields);
        priceFields = Map.copyOf(priceFields);
    }
}
