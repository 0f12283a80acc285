package dev.gatehouse.provider.mock;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.provider.ChatProvider;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.Upstream;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A provider that needs no account and no network: deterministic answers computed from the
 * request, so that a new user can try Gatehouse at once and teams can test their own
 * applications against it. See {@link MockAnswers} for what it answers and which messages
 * make it fail on purpose.
 *
 * <p>Deployment options: {@code stream_delay_ms}, the pause before each streamed chunk
 * (default 0).
 */
public final class MockProvider implements ChatProvider {

    @Override
    public ChatResponse chat(ChatRequest request, Upstream upstream) {
        MockAnswers.failIfAsked(request);
        return MockAnswers.answer(request);
    }

    @Override
    public ChatStream stream(ChatRequest request, Upstream upstream) {
        MockAnswers.failIfAsked(request);
        List<ChatChunk> chunks = MockAnswers.chunks(request);
        Duration delay = Duration.ofMillis(delayMillis(upstream.deployment()));
        return new ChatStream() {
            private int next;
            private boolean closed;

            @Override
            public boolean hasNext() {
                return !closed && next < chunks.size();
            }

            @Override
            public ChatChunk next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the stream has ended");
                }
                pause(delay);
                return chunks.get(next++);
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }

    private static long delayMillis(Deployment deployment) {
        String value = deployment.options().get("stream_delay_ms");
        if (value == null) {
            return 0;
        }
        try {
            long millis = Long.parseLong(value);
            if (millis >= 0 && millis <= 60_000) {
                return millis;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new GatewayException.BadRequest("The mock deployment's stream_delay_ms must be 0 to 60000, got '"
                + value + "'.", null);
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException.TransportFailure("the mock stream was interrupted", e);
        }
    }

    /** The text of the last user message, or empty. */
    static String lastUserText(ChatRequest request) {
        List<Message> messages = request.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof Message.User user) {
                StringBuilder text = new StringBuilder();
                user.content().forEach(part -> {
                    if (part instanceof dev.gatehouse.api.ContentPart.Text t) {
                        text.append(t.text());
                    }
                });
                return text.toString();
            }
        }
        return "";
    }
}
