package dev.gatehouse.api;

import java.util.Objects;

/**
 * Why the model stopped, in OpenAI's terms ({@code finish_reason}). The five OpenAI values are
 * constants; an OpenAI-compatible upstream may send another value, which is kept as it came
 * rather than mislabelled.
 */
public record FinishReason(String wireName) {

    public static final FinishReason STOP = new FinishReason("stop");
    public static final FinishReason LENGTH = new FinishReason("length");
    public static final FinishReason TOOL_CALLS = new FinishReason("tool_calls");
    public static final FinishReason CONTENT_FILTER = new FinishReason("content_filter");
    public static final FinishReason FUNCTION_CALL = new FinishReason("function_call");

    public FinishReason {
        Objects.requireNonNull(wireName, "wireName");
    }

    /** The reason for a wire name; null stays null (a stream chunk that is not the last). */
    public static FinishReason of(String wireName) {
        return wireName == null ? null : new FinishReason(wireName);
    }
}
