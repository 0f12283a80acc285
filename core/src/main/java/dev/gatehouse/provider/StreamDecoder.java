package dev.gatehouse.provider;

import dev.gatehouse.api.ServerSentEvent;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.http.SseReader;
import java.util.List;

/**
 * Turns one upstream's stream events into OpenAI chunks. One decoder object per stream: it
 * holds that stream's state (ids, tool-call indexes, usage so far). Either method may throw a
 * {@link dev.gatehouse.api.GatewayException} (an error event, a stream that ended too soon).
 */
public interface StreamDecoder extends FramedChatStream.Decoder<ServerSentEvent> {

    /** The chunks one event yields (often one, sometimes none or several). */
    List<ChatChunk> onEvent(ServerSentEvent event);

    @Override
    default List<ChatChunk> onFrame(ServerSentEvent event) {
        return onEvent(event);
    }

    /** True once the upstream has said the stream is complete (OpenAI's [DONE], Anthropic's message_stop). */
    @Override
    boolean finished();
}
