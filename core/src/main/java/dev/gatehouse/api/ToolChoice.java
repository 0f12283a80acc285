package dev.gatehouse.api;

/** Whether and which tool the model must call: OpenAI's {@code tool_choice}. */
public sealed interface ToolChoice {

    /** The model decides. */
    record Auto() implements ToolChoice {}

    /** The model must not call a tool. */
    record None() implements ToolChoice {}

    /** The model must call at least one tool. */
    record Required() implements ToolChoice {}

    /** The model must call this function. */
    record Function(String name) implements ToolChoice {}
}
