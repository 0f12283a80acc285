package dev.gatehouse.api;

import java.util.List;
import java.util.Objects;

/**
 * One event of a streamed response ({@code object: chat.completion.chunk}). The last chunk
 * of a stream whose caller asked for usage has no choices and carries {@code usage}.
 */
public record ChatChunk(String id, long created, String model, List<Choice> choices, Usage usage) {

    public ChatChunk {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        choices = List.copyOf(choices);
    }

    /** What one choice adds in this chunk. */
    public record Choice(int index, Delta delta, FinishReason finishReason) {
        public Choice {
            Objects.requireNonNull(delta, "delta");
        }
    }

    /**
     * The new text, reasoning text, or tool-call fragments of one choice; absent parts are null.
     * {@code reasoningSignature} is a piece of the message's reasoning signature
     * ({@link Message.Assistant#reasoningSignature()}): the pieces of a stream, joined in order,
     * are the whole message's signature.
     */
    public record Delta(String role, String content, String reasoningContent, List<ToolCallDelta> toolCalls,
            String refusal, String reasoningSignature) {
        public Delta {
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }

        /** A delta without a piece of reasoning signature. */
        public Delta(String role, String content, String reasoningContent, List<ToolCallDelta> toolCalls,
                String refusal) {
            this(role, content, reasoningContent, toolCalls, refusal, null);
        }

        /** A piece of the message's reasoning signature. */
        public static Delta signature(String piece) {
            return new Delta(null, null, null, List.of(), null, piece);
        }

        public static final Delta EMPTY = new Delta(null, null, null, List.of(), null);

        public static Delta role(String role) {
            return new Delta(role, null, null, List.of(), null);
        }

        public static Delta content(String text) {
            return new Delta(null, text, null, List.of(), null);
        }

        public static Delta reasoning(String text) {
            return new Delta(null, null, text, List.of(), null);
        }

        public static Delta toolCall(ToolCallDelta call) {
            return new Delta(null, null, null, List.of(call), null);
        }
    }

    /**
     * A fragment of a tool call. The first fragment of a call carries {@code id} and
     * {@code name}; later ones only {@code index} and more {@code arguments} text.
     */
    public record ToolCallDelta(int index, String id, String name, String arguments) {}

    /** A copy that names the model as the caller knows it. */
    public ChatChunk withModel(String publicModel) {
        return new ChatChunk(id, created, publicModel, choices, usage);
    }
}
