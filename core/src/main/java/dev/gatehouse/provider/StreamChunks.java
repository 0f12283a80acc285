package dev.gatehouse.provider;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.Usage;
import java.util.List;

/**
 * The chunks of one stream, as a decoder writes them: what every chunk carries (the answer's id,
 * model and creation time, known from the start or learnt from the upstream's first event) and
 * whether the caller asked for a last chunk with the usage. One per stream, like its decoder.
 */
public final class StreamChunks {

    private final long created;
    private final boolean includeUsage;
    private String id;
    private String model;

    public StreamChunks(String id, String model, long created, boolean includeUsage) {
        this.id = id;
        this.model = model;
        this.created = created;
        this.includeUsage = includeUsage;
    }

    /** Names the answer, once the upstream's first event has. */
    public void start(String answerId, String answerModel) {
        this.id = answerId;
        this.model = answerModel;
    }

    /** Whether the answer has its id: the upstream's first event has come. */
    public boolean started() {
        return id != null;
    }

    public String id() {
        return id;
    }

    public String model() {
        return model;
    }

    /** A chunk of the one choice (index 0). */
    public ChatChunk choice(ChatChunk.Delta delta, FinishReason finishReason) {
        return new ChatChunk(id, created, model, List.of(new ChatChunk.Choice(0, delta, finishReason)), null);
    }

    /** A chunk of several choices. */
    public ChatChunk choices(List<ChatChunk.Choice> choices) {
        return new ChatChunk(id, created, model, choices, null);
    }

    /** A piece of text of the one choice, as content or as reasoning; nothing for an empty piece. */
    public List<ChatChunk> text(String text, boolean reasoning) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        return List.of(choice(reasoning ? ChatChunk.Delta.reasoning(text) : ChatChunk.Delta.content(text), null));
    }

    /** A tool call's start (id and name) or, with a null id and name, more of its arguments, in the one choice. */
    public ChatChunk toolCall(int index, String callId, String name, String arguments) {
        return choice(ChatChunk.Delta.toolCall(new ChatChunk.ToolCallDelta(index, callId, name, arguments)), null);
    }

    /** The last chunk, without choices, carrying {@code usage}: when the caller asked for it and there is one. */
    public void addUsage(List<ChatChunk> out, Usage usage) {
        if (includeUsage && usage != null) {
            out.add(new ChatChunk(id, created, model, List.of(), usage));
        }
    }

    /** Whether the caller asked for the usage chunk. */
    public boolean includesUsage() {
        return includeUsage;
    }
}
