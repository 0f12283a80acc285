package dev.gatehouse.api;

import java.util.List;
import java.util.Objects;

/** An OpenAI Chat Completions response ({@code object: chat.completion}). */
public record ChatResponse(String id, long created, String model, List<Choice> choices, Usage usage,
        String systemFingerprint) {

    public ChatResponse {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        choices = List.copyOf(choices);
    }

    /** One generated answer. */
    public record Choice(int index, Message.Assistant message, FinishReason finishReason) {
        public Choice {
            Objects.requireNonNull(message, "message");
        }
    }

    /** A copy that names the model as the caller knows it, not as the upstream does. */
    public ChatResponse withModel(String publicModel) {
        return new ChatResponse(id, created, publicModel, choices, usage, systemFingerprint);
    }
}
