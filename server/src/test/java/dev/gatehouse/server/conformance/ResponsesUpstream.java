package dev.gatehouse.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import java.util.List;

/**
 * The upstream behind one run of the Responses conformance suite: a strict fake scripted in the
 * provider's own wire format, and what the suite needs to know of it. Every provider answers the
 * same scenarios; only how they look on the wire differs.
 */
interface ResponsesUpstream extends AutoCloseable {

    /** Token counts the upstream reports for an answer. */
    record Tokens(int input, int output) {}

    /** The deployment of public model {@code model} on this upstream. */
    Deployment deployment(String model);

    /** Whether Gatehouse passes Responses requests to this upstream as written (OpenAI's own API, Azure). */
    boolean nativeResponses();

    /** Whether the upstream's model gives its reasoning back (the reasoning case then expects a reasoning item). */
    default boolean returnsReasoning() {
        return true;
    }

    void replyText(String text, Tokens tokens);

    void replyToolCall(String name, String argumentsJson, Tokens tokens);

    /** An answer whose reasoning ({@code reasoning}) comes before its text, as a reasoning model answers. */
    void replyReasoningThenText(String reasoning, String text, Tokens tokens);

    void streamText(List<String> fragments, Tokens tokens);

    void streamToolCall(String name, String argumentsJson, Tokens tokens);

    /** A stream that sends these fragments, then fails (the provider's own in-stream error). */
    void streamTextThenError(List<String> fragments);

    void replyError(ErrorKind kind);

    /** Accepts the request and never answers. */
    void hang();

    /** Whether this upstream request asked the model to reason (the provider's own way of asking). */
    boolean asksForReasoning(JsonNode body);

    /** Whether this upstream request asked for output that follows a JSON schema (the provider's own way). */
    boolean asksForJsonSchema(JsonNode body);

    List<RecordedRequest> requests();

    /** Fails with every request the real API would have refused. */
    void assertNoViolations();

    @Override
    void close();
}
