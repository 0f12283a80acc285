package dev.gatehouse.testkit;

import java.util.List;

/**
 * The scenario vocabulary every fake provider speaks, so that one conformance suite can run
 * against all of them: each method queues the provider's own native rendering of the
 * scenario (its JSON shapes, its stream events, its error bodies).
 */
public interface ScriptableFake {

    /** A tool call the fake model makes: a function name and its arguments as a JSON text. */
    record FakeToolCall(String name, String argumentsJson) {}

    /** Token counts the fake reports. */
    record FakeUsage(int promptTokens, int completionTokens) {}

    /** The kinds of failure every provider can produce, each in its own native form. */
    enum ErrorKind {
        /** A request the provider refuses as invalid. */
        BAD_REQUEST,
        /** The provider key is refused. */
        AUTHENTICATION,
        /** The key may not use this model. */
        PERMISSION,
        /** The model does not exist. */
        NOT_FOUND,
        /** Too many requests, with a retry hint of 7 seconds. */
        RATE_LIMITED,
        /** The prompt is longer than the context window. */
        CONTEXT_LENGTH,
        /** An internal error of the provider (500). */
        SERVER_ERROR,
        /** The provider is overloaded (Anthropic's 529, 503 elsewhere). */
        OVERLOADED
    }

    /** The provider's base URL on this fake. */
    java.net.URI baseUrl();

    /** The credential the fake accepts. */
    String apiKey();

    /** A complete text answer. */
    void replyText(String text, FakeUsage usage);

    /** A complete answer that only calls tools (in this order). */
    void replyToolCalls(List<FakeToolCall> calls, FakeUsage usage);

    /** A streamed text answer, in these fragments, ending normally with usage. */
    void streamText(List<String> fragments, FakeUsage usage);

    /** A streamed answer that calls these tools, with arguments split into fragments where the provider streams them. */
    void streamToolCalls(List<FakeToolCall> calls, FakeUsage usage);

    /** An error response of this kind. */
    void replyError(ErrorKind kind);

    /** A stream that sends these text fragments, then the provider's in-stream error event (HTTP status stays 200). */
    void streamTextThenError(List<String> fragments);

    /** A stream that sends these text fragments, then the connection breaks. */
    void streamTextThenDrop(List<String> fragments);

    /** A slow stream: one fragment every {@code intervalMillis}, {@code count} of them (for cancel tests). */
    void streamSlowly(int count, long intervalMillis);

    /** How many streamed replies the client closed before their end. */
    int abandonedStreams();

    /** The requests received so far. */
    List<RecordedRequest> requests();

    /** Fails with every request the real API would have refused. */
    void assertNoViolations();
}
