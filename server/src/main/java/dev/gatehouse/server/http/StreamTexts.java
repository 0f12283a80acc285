package dev.gatehouse.server.http;

import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Where the answer's text is in one kind of stream event, so the guardrails can check a streamed
 * answer as it passes (docs/guardrails.md, "Streams"). Text comes in channels: the separate texts
 * one stream builds side by side (a chat choice's index, an Anthropic content block's index, a
 * Responses output item's index), each checked on its own. Only the answer's text is a channel:
 * reasoning and tool-call arguments are not. An encoder that can be guarded says where its
 * events' text is ({@link SseEncoder#texts()}).
 */
public interface StreamTexts<T> {

    /** The answer text {@code event} adds, by channel; empty when it adds none. */
    Map<Integer, String> texts(T event);

    /** {@code event} carrying {@code texts} instead of its own, on the same channels. */
    T withTexts(T event, Map<Integer, String> texts);

    /**
     * The channels whose text is over once {@code event} comes (a finish reason, a tool call,
     * {@code content_block_stop}, {@code response.output_text.done}): text held back for them
     * goes out before it, or in it when it carries text on that channel itself.
     */
    Set<Integer> ends(T event);

    /**
     * Whether {@code event} ends every channel's text: the stream's own end or error event
     * (Anthropic's {@code message_delta} or {@code error}, a final Response), before which
     * everything held back must have gone out.
     */
    default boolean endsAll(T event) {
        return false;
    }

    /** An event like {@code like} (a text event of {@code channel}) carrying only {@code text} on that channel. */
    T more(T like, int channel, String text);

    /**
     * {@code event} with the texts it repeats in full (Responses' {@code response.output_text.done},
     * {@code response.completed}) passed through {@code restore}, so they say what the deltas said;
     * the event itself for streams that repeat nothing.
     */
    default T repeated(T event, UnaryOperator<String> restore) {
        return event;
    }
}
