package dev.gatehouse.server.routes;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.wire.ChatChunkJson;
import dev.gatehouse.api.wire.ErrorJson;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.http.SseEncoder;
import dev.gatehouse.server.http.SseOut;
import dev.gatehouse.server.spend.SpendTicket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * OpenAI's chat stream: each chunk as a {@code data:} event, {@code data: [DONE]} at the end, and
 * a failure after the start as one {@code data: {"error": …}} event, as OpenAI sends it. Every
 * chunk's text and usage go to the spend ticket; the usage chunk goes to the caller only when
 * the caller asked for it ({@code stream_options.include_usage}).
 */
final class ChatSse implements SseEncoder<ChatChunk> {

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final SpendTicket ticket;
    private final boolean callerAskedForUsage;

    ChatSse(SpendTicket ticket, boolean callerAskedForUsage) {
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
                if (chunk.choices().isEmpty()) {
                    return;
                }
                shown = new ChatChunk(chunk.id(), chunk.created(), chunk.model(), chunk.choices(), null);
            }
        }
        out.event(null, Json.bytes(ChatChunkJson.write(shown)));
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
