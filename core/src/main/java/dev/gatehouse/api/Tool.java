package dev.gatehouse.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A function the model may call. {@code parameters} is a JSON Schema object (or null for a
 * function without parameters); {@code strict} asks for exact schema adherence (OpenAI).
 */
public record Tool(String name, String description, JsonNode parameters, Boolean strict) {
    public Tool {
        Objects.requireNonNull(name, "name");
    }
}
