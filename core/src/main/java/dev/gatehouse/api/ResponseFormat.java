package dev.gatehouse.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** The output format the caller asked for: OpenAI's {@code response_format}. */
public sealed interface ResponseFormat {

    /** Plain text (the default). */
    record Text() implements ResponseFormat {}

    /** Any valid JSON object. */
    record JsonObject() implements ResponseFormat {}

    /** JSON that follows {@code schema}; {@code name} is required by OpenAI. */
    record JsonSchema(String name, String description, JsonNode schema, Boolean strict) implements ResponseFormat {
        public JsonSchema {
            Objects.requireNonNull(name, "name");
        }
    }
}
