package dev.gatehouse.server.routes;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.wire.ErrorJson;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.http.SseEncoder;
import dev.gatehouse.server.http.SseOut;
import dev.gatehouse.server.spend.SpendTicket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A completion's stream as OpenAI sends it: each chat chunk as a {@code text_completion} chunk in a
 * {@code data:} event, {@code data: [DONE]} at the end, a failure after the start as one
 * {@code data: {"error": …}} event. The spend ticket is told every chunk's text and the usage; the
 * caller gets the usage chunk only when it asked ({@code stream_options.include_usage}), as with chat.
 * A chunk with nothing for a completion (the role alone, a reasoning delta) is not written.
 */
final class CompletionSse implements SseEncoder<ChatChunk> {

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final SpendTicket ticket;
    private final boolean callerAskedForUsage;

    CompletionSse(SpendTicket ticket, boolean callerAskedForUsage) {
        this.ticket = ticket;
        this.callerAskedForUsage = callerAskedForUsage;
    }

    @Override
    public void event(ChatChunk chunk, SseOut out) throws IOException {
        ticket.generated(chunk);
        ChatChunk shown = chunk;
        if (chunk.usage() != null) {
            ticket.usage(chunk.usage());
            if (!callerAskedForUsage) {
                shown = new ChatChunk(chunk.id(), chunk.created(), chunk.model(), chunk.choices(), null);
            }
        }
        if (shown.usage() == null && shown.choices().stream().noneMatch(CompletionSse::carriesSomething)) {
            return;
        }
        out.event(null, Json.bytes(CompletionJson.write(shown)));
    }

    private static boolean carriesSomething(ChatChunk.Choice choice) {
        String text = choice.delta().content();
        return text != null && !text.isEmpty() || choice.finishReason() != null;
    }

    @Override
    public void end(SseOut out) throws IOException {
        out.raw(DONE);
    }

    @Override
    public void fail(GatewayException failure, String requestId, SseOut out) throws IOException {
        out.event(null, Json.bytes(ErrorJson.write(failure)));
    }
}
