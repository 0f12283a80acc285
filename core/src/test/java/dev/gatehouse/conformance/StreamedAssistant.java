package dev.gatehouse.conformance;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ToolCall;
import java.util.ArrayList;
import java.util.List;

/** A streamed answer put back together as the assistant message a client keeps for its next turn. */
public final class StreamedAssistant {

    private StreamedAssistant() {}

    /** Content, reasoning and signature pieces joined in order; tool calls reassembled by index. */
    public static Message.Assistant of(List<ChatChunk> chunks) {
        StringBuilder content = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        StringBuilder signature = new StringBuilder();
        List<String[]> calls = new ArrayList<>();
        for (ChatChunk chunk : chunks) {
            for (ChatChunk.Choice choice : chunk.choices()) {
                ChatChunk.Delta delta = choice.delta();
                append(content, delta.content());
                append(reasoning, delta.reasoningContent());
                append(signature, delta.reasoningSignature());
                for (ChatChunk.ToolCallDelta call : delta.toolCalls()) {
                    while (calls.size() <= call.index()) {
                        calls.add(new String[] {null, null, ""});
                    }
                    String[] open = calls.get(call.index());
                    open[0] = call.id() != null ? call.id() : open[0];
                    open[1] = call.name() != null ? call.name() : open[1];
                    open[2] += call.arguments() == null ? "" : call.arguments();
                }
            }
        }
        return new Message.Assistant(content.isEmpty() ? null : content.toString(),
                calls.stream().map(c -> new ToolCall(c[0], c[1], c[2])).toList(), null,
                reasoning.isEmpty() ? null : reasoning.toString(), null, signature.isEmpty() ? null : signature.toString());
    }

    private static void append(StringBuilder out, String piece) {
        if (piece != null) {
            out.append(piece);
        }
    }
}
