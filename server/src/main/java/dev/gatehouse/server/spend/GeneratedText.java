package dev.gatehouse.server.spend;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ToolCall;

/**
 * The text an answer holds, for counting its tokens when the provider reports none: content,
 * reasoning, refusals, and tool calls' names and arguments.
 */
final class GeneratedText {

    private GeneratedText() {}

    /** Appends what {@code chunk} adds to the answer. */
    static void append(StringBuilder out, ChatChunk chunk) {
        for (ChatChunk.Choice choice : chunk.choices()) {
            ChatChunk.Delta delta = choice.delta();
            if (delta == null) {
                continue;
            }
            append(out, delta.content());
            append(out, delta.reasoningContent());
            append(out, delta.refusal());
            for (ChatChunk.ToolCallDelta call : delta.toolCalls()) {
                append(out, call.name());
                append(out, call.arguments());
            }
        }
    }

    /** Appends a whole answer. */
    static void append(StringBuilder out, ChatResponse response) {
        for (ChatResponse.Choice choice : response.choices()) {
            Message.Assistant message = choice.message();
            append(out, message.content());
            append(out, message.reasoningContent());
            append(out, message.refusal());
            for (ToolCall call : message.toolCalls()) {
                append(out, call.name());
                append(out, call.arguments());
            }
        }
    }

    private static void append(StringBuilder out, String text) {
        if (text != null) {
            out.append(text);
        }
    }
}
