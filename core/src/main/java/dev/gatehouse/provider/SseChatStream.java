package dev.gatehouse.provider;

import dev.gatehouse.api.ServerSentEvent;

import dev.gatehouse.http.SseReader;
import dev.gatehouse.http.UpstreamResponse;
import java.io.IOException;

/** A {@link FramedChatStream} over an upstream's SSE body and a provider's {@link StreamDecoder}. */
public final class SseChatStream extends FramedChatStream<ServerSentEvent> {

    public SseChatStream(UpstreamResponse response, StreamDecoder decoder) {
        super(response, frames(new SseReader(response.body(), response.limits())), decoder, "the upstream stream broke off");
    }

    private static Frames<ServerSentEvent> frames(SseReader reader) {
        return new Frames<>() {
            @Override
            public ServerSentEvent next() throws IOException {
                return reader.next();
            }

            @Override
            public boolean hasBufferedInput() {
                return reader.hasBufferedInput();
            }
        };
    }
}
