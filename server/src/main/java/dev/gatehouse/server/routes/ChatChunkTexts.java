package dev.gatehouse.server.routes;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.server.http.StreamTexts;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answer text of chat chunks, for the guardrails: each choice's {@code delta.content} is a
 * channel of its own, ended by the choice's finish reason or its first tool call. Reasoning text
 * and tool-call arguments are not checked. The translated Messages and Responses streams are made
 * from these chunks, so their repeated texts are built from what was released.
 */
final class ChatChunkTexts implements StreamTexts<ChatChunk> {

    static final ChatChunkTexts INSTANCE = new ChatChunkTexts();

    private ChatChunkTexts() {}

    @Override
    public Map<Integer, String> texts(ChatChunk chunk) {
        Map<Integer, String> texts = new LinkedHashMap<>();
        for (ChatChunk.Choice choice : chunk.choices()) {
            if (choice.delta().content() != null) {
                texts.put(choice.index(), choice.delta().content());
            }
        }
        return texts;
    }

    @Override
    public ChatChunk withTexts(ChatChunk chunk, Map<Integer, String> texts) {
        List<ChatChunk.Choice> choices = chunk.choices().stream().map(choice -> {
            String text = texts.get(choice.index());
            if (text == null || choice.delta().content() == null) {
                return choice;
            }
            ChatChunk.Delta d = choice.delta();
            return new ChatChunk.Choice(choice.index(), new ChatChunk.Delta(d.role(), text, d.reasoningContent(),
                    d.toolCalls(), d.refusal(), d.reasoningSignature()), choice.finishReason());
        }).toList();
        return new ChatChunk(chunk.id(), chunk.created(), chunk.model(), choices, chunk.usage());
    }

    @Override
    public Set<Integer> ends(ChatChunk chunk) {
        Set<Integer> ends = new LinkedHashSet<>();
        for (ChatChunk.Choice choice : chunk.choices()) {
            if (choice.finishReason() != null || !choice.delta().toolCalls().isEmpty()) {
                ends.add(choice.index());
            }
        }
        return ends;
    }

    @Override
    public ChatChunk more(ChatChunk like, int channel, String text) {
        return new ChatChunk(like.id(), like.created(), like.model(),
                List.of(new ChatChunk.Choice(channel, ChatChunk.Delta.content(text), null)), null);
    }
}
