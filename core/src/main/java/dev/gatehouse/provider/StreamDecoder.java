package dev.gatehouse.provider;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.http.SseReader;
import java.util.List;

/**
 * Turns one upstream's stream events into OpenAI chunks. One decoder object per stream: it
 * holds that stream's state (ids, tool-call indexes, usage so far). Either method may throw a
 * {@link dev.gatehouse.api.GatewayException} (an error event, a stream that ended too soon).
 */
public interface StreamDecoder {

    /** The chunks one event yields (often one, sometimes none or several). */
    List<ChatChunk> onEvent(SseReader.Event event);

    /** True once the upstream has said the stream is complete (OpenAI's [DONE], Anthropic's message_stop). */
    boolean finished();

    /** Called when the body ends: the closing chunks, or an exception when the end came too soon. */
    List<ChatChunk> onEnd();
}
