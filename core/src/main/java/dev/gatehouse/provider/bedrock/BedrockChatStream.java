package dev.gatehouse.provider.bedrock;

import dev.gatehouse.aws.EventStreamMessage;
import dev.gatehouse.aws.EventStreamReader;
import dev.gatehouse.http.UpstreamResponse;
import dev.gatehouse.provider.FramedChatStream;
import java.io.IOException;

/**
 * A {@link FramedChatStream} over ConverseStream's event-stream body: a corrupt frame (a CRC that
 * does not match) fails the stream and closes the connection, like any read failure.
 */
final class BedrockChatStream extends FramedChatStream<EventStreamMessage> {

    BedrockChatStream(UpstreamResponse response, BedrockStreamDecoder decoder) {
        super(response, frames(new EventStreamReader(response.body(), "Bedrock", response.limits())), decoder,
                "the Bedrock stream broke off");
    }

    private static Frames<EventStreamMessage> frames(EventStreamReader reader) {
        return new Frames<>() {
            @Override
            public EventStreamMessage next() throws IOException {
                return reader.next();
            }

            @Override
            public boolean hasBufferedInput() {
                return reader.hasBufferedInput();
            }
        };
    }
}
