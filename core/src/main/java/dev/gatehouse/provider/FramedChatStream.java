package dev.gatehouse.provider;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.UpstreamResponse;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A {@link ChatStream} over an upstream's framed body (SSE events, AWS event-stream messages)
 * and a provider's decoder of those frames: reads frames as the caller asks for chunks, so
 * nothing is buffered ahead of the caller; closing it, or any failure, closes the upstream
 * connection.
 *
 * @param <F> the upstream's frame type
 */
public class FramedChatStream<F> implements ChatStream {

    /** Where frames come from: the body's reader. */
    public interface Frames<F> {
        /** The next frame, or null at the end of the body. */
        F next() throws IOException;

        /** Whether bytes of a next frame have already arrived. */
        boolean hasBufferedInput();
    }

    /**
     * Turns frames into OpenAI chunks; one per stream, holding its state. Either method may throw
     * a {@link GatewayException} (an error frame, a stream that ended too soon).
     */
    public interface Decoder<F> {
        /** The chunks one frame yields (often one, sometimes none or several). */
        List<ChatChunk> onFrame(F frame);

        /** True once the upstream has said the stream is complete. */
        boolean finished();

        /** Called when the body ends: the closing chunks, or an exception when the end came too soon. */
        List<ChatChunk> onEnd();
    }

    private final UpstreamResponse response;
    private final Frames<F> frames;
    private final Decoder<F> decoder;
    private final String brokeOff;
    private final Deque<ChatChunk> ready = new ArrayDeque<>();
    private boolean ended;
    private boolean closed;

    /**
     * @param brokeOff what the caller is told when the body can not be read to its end
     */
    protected FramedChatStream(UpstreamResponse response, Frames<F> frames, Decoder<F> decoder, String brokeOff) {
        this.response = response;
        this.frames = frames;
        this.decoder = decoder;
        this.brokeOff = brokeOff;
    }

    @Override
    public final boolean hasNext() {
        fill();
        return !ready.isEmpty();
    }

    @Override
    public final ChatChunk next() {
        fill();
        if (ready.isEmpty()) {
            throw new NoSuchElementException("the stream has ended");
        }
        return ready.pollFirst();
    }

    /** Reads frames until a chunk is ready or the stream ends; failures close the stream. */
    private void fill() {
        try {
            while (ready.isEmpty() && !ended && !closed) {
                F frame = decoder.finished() ? null : frames.next();
                if (frame == null) {
                    ended = true;
                    ready.addAll(decoder.onEnd());
                } else {
                    ready.addAll(decoder.onFrame(frame));
                }
            }
        } catch (IOException e) {
            close();
            throw UpstreamResponse.readFailure(e, brokeOff);
        } catch (GatewayException e) {
            close();
            throw e;
        }
    }

    @Override
    public final boolean nextIsReady() {
        return !ready.isEmpty() || (!ended && !closed && frames.hasBufferedInput());
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            response.close();
        }
    }
}
