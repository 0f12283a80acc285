package dev.gatehouse.api;

import java.util.Objects;

/** A function call the model asked for. {@code arguments} is a JSON text, as in OpenAI's API. */
public record ToolCall(String id, String name, String arguments) {
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
    }
}
