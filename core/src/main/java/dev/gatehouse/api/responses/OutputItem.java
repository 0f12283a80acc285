package dev.gatehouse.api.responses;

/**
 * One output item of a Response, before it is written: the streamed and the whole answer both
 * reduce to a list of these, and {@link ResponseJson} writes them alike.
 */
sealed interface OutputItem {

    String id();

    /**
     * The model's reasoning text (a translated provider's reasoning is its full text, not a summary;
     * may be empty when the provider gave only redacted reasoning), and the provider's reasoning
     * signature of it, or null.
     */
    record Reasoning(String id, String text, String signature) implements OutputItem {}

    /** An assistant message: its text, its refusal, either or both. */
    record Text(String id, String text, String refusal) implements OutputItem {}

    /** A function call the model asked for. */
    record FunctionCall(String id, String callId, String name, String arguments) implements OutputItem {}
}
