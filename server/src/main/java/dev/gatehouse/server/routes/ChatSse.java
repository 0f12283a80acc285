package dev.gatehouse.server.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.wire.ChatChunkJson;
import dev.gatehouse.api.wire.ErrorJson;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.http.SseEncoder;
import dev.gatehouse.server.http.SseOut;
import dev.gatehouse.server.http.StreamTexts;
import dev.gatehouse.server.spend.SpendTicket;
import dev.gatehouse.server.telemetry.GenAiFacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * OpenAI's streams of chat chunks: each chunk as a {@code data:} event ({@code chat.completion.chunk},
 * or {@code text_completion} for the legacy completions route), {@code data: [DONE]} at the end, and
 * a failure after the start as one {@code data: {"error": …}} event, as OpenAI sends it. Every
 * chunk's text and usage go to the spend ticket; the usage chunk goes to the caller only when
 * the caller asked for it ({@code stream_options.include_usage}); each chunk's id, model and finish
 * reasons to the request's trace facts.
 */
final class ChatSse implements SseEncoder<ChatChunk> {

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final SpendTicket ticket;
    private final GenAiFacts facts;
    private final boolean callerAskedForUsage;
    private final Function<ChatChunk, ObjectNode> format;
    private final Predicate<ChatChunk> shown;

    private ChatSse(SpendTicket ticket, GenAiFacts facts, boolean callerAskedForUsage,
            Function<ChatChunk, ObjectNode> format, Predicate<ChatChunk> shown) {
        this.ticket = ticket;
        this.facts = facts;
        this.callerAskedForUsage = callerAskedForUsage;
        this.format = format;
        this.shown = shown;
    }

    /** Chat Completions' chunks, every one written. */
    static ChatSse chat(SpendTicket ticket, GenAiFacts facts, boolean callerAskedForUsage) {
        return new ChatSse(ticket, facts, callerAskedForUsage, ChatChunkJson::write, chunk -> true);
    }

    /** Legacy completions' chunks; one with nothing for a completion (the role alone, reasoning) is not written. */
    static ChatSse completions(SpendTicket ticket, GenAiFacts facts, boolean callerAskedForUsage) {
        return new ChatSse(ticket, facts, callerAskedForUsage, CompletionJson::write, CompletionJson::carriesSomething);
    }

    @Override
    public void event(ChatChunk chunk, SseOut out) throws IOException {
        ticket.streamed(chunk);
        GenAi.streamed(facts, chunk);
        ChatChunk written = chunk;
        if (chunk.usage() != null && !callerAskedForUsage) {
            if (chunk.choices().isEmpty()) {
                return;
            }
            written = new ChatChunk(chunk.id(), chunk.created(), chunk.model(), chunk.choices(), null);
        }
        if (shown.test(written)) {
            out.event(null, Json.bytes(format.apply(written)));
        }
    }

    @Override
    public void end(SseOut out) throws IOException {
        out.raw(DONE);
    }

    @Override
    public void unsent(ChatChunk event) {
        ticket.streamed(event);
    }

    @Override
    public StreamTexts<ChatChunk> texts() {
        return ChatChunkTexts.INSTANCE;
    }

    @Override
    public void fail(GatewayException failure, String requestId, SseOut out) throws IOException {
        out.event(null, Json.bytes(ErrorJson.write(failure)));
    }
}
