package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.Gateway;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.wire.ChatChunkJson;
import dev.gatehouse.api.wire.ChatRequestJson;
import dev.gatehouse.api.wire.ChatResponseJson;
import dev.gatehouse.api.wire.ErrorJson;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.metrics.Metrics;
import dev.gatehouse.server.spend.SpendLog;
import dev.gatehouse.server.spend.SpendTicket;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /v1/chat/completions}: OpenAI's Chat Completions, answered as JSON or, with
 * {@code stream: true}, as server-sent events ending in {@code data: [DONE]}.
 *
 * <p>A stream's first chunk is awaited before the response starts, so that an upstream that
 * fails at once still gets its proper HTTP status. After that a failure can only be reported
 * inside the stream, as OpenAI does: one {@code data: {"error": …}} event, then the end. A
 * caller that goes away ends the upstream request with it.
 *
 * <p>Every stream asks its upstream for usage, whether or not the caller did, so that the spend
 * log has the tokens; a caller that did not ask does not get the usage chunk.
 */
final class ChatCompletionsHandler {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final Gateway gateway;
    private final Metrics metrics;
    private final RequestBody body;
    private final RequestGuard guard;
    private final RequestAccess access;
    private final SpendLog spend;

    ChatCompletionsHandler(Gateway gateway, Metrics metrics, RequestBody body, RequestGuard guard,
            RequestAccess access, SpendLog spend) {
        this.gateway = gateway;
        this.spend = spend;
        this.access = access;
        this.metrics = metrics;
        this.body = body;
        this.guard = guard;
    }

    void handle(ServerRequest req, ServerResponse res) {
        ModelCall call = ModelCall.start(new Exchange(req, res, "chat_completions", metrics), spend);
        Exchange exchange = call.exchange;
        call.run(() -> {
            Caller caller = access.check(req, Endpoint.CHAT);
            call.ticket.caller(caller);
            JsonNode json = body.readJson(req);
            guard.checkBody(json);
            ChatRequest request = ChatRequestJson.read(json);
            call.admitChat(request, caller, req, access, guard, gateway);
            if (request.stream()) {
                stream(request, exchange, res, call);
            } else {
                ChatResponse response = gateway.call(call.context).chat(request);
                call.ticket.answered(response);
                exchange.sendJson(200, ChatResponseJson.write(response));
                call.succeeded = true;
            }
        });
    }


    private void stream(ChatRequest request, Exchange exchange, ServerResponse res, ModelCall call) {
        boolean callerAsked = request.includeUsage();
        try (ChatStream stream = gateway.call(call.context).chatStream(request.toBuilder().includeUsage(true).build())) {
            ChatChunk first = stream.hasNext() ? stream.next() : null;
            long ttft = System.nanoTime() - exchange.startNanos();
            metrics.timeToFirstToken(ttft);
            call.ticket.firstToken(ttft);
            exchange.begin(200, "text/event-stream");
            res.header(HeaderNames.CACHE_CONTROL, "no-cache");
            metrics.streamOpened();
            try (OutputStream out = res.outputStream()) {
                call.succeeded = new Relay(stream, out, call.ticket, callerAsked).run(first);
            } catch (IOException | UncheckedIOException clientGone) {
                // The caller closed the connection: leaving closes the upstream stream too.
                call.callerGone = true;
            } finally {
                metrics.streamClosed();
            }
        }
    }

    /**
     * One stream's relay: every chunk to the caller, its usage to the spend ticket, and the usage
     * chunk only to a caller who asked for it.
     */
    private record Relay(ChatStream stream, OutputStream out, SpendTicket ticket, boolean callerAsked) {

        /** True when the stream ended normally, false when it ended with an error event. */
        boolean run(ChatChunk first) throws IOException {
            try {
                if (first != null) {
                    send(first);
                }
                while (stream.hasNext()) {
                    send(stream.next());
                }
                out.write(DONE);
                out.flush();
                return true;
            } catch (GatewayException failure) {
                write(out, Json.bytes(ErrorJson.write(failure)), null);
                return false;
            }
        }

        private void send(ChatChunk chunk) throws IOException {
            ticket.generated(chunk);
            ChatChunk shown = chunk;
            if (chunk.usage() != null) {
                ticket.usage(chunk.usage());
                if (!callerAsked) {
                    if (chunk.choices().isEmpty()) {
                        if (!stream.nextIsReady()) {
                            out.flush();
                        }
                        return;
                    }
                    shown = new ChatChunk(chunk.id(), chunk.created(), chunk.model(), chunk.choices(), null);
                }
            }
            write(out, Json.bytes(ChatChunkJson.write(shown)), stream);
        }
    }

    /**
     * One event. It is flushed unless the upstream already has the next one ready: events that
     * arrived together leave together, in one write, and none waits for an upstream that is
     * still thinking.
     */
    private static void write(OutputStream out, byte[] json, ChatStream stream) throws IOException {
        out.write(DATA);
        out.write(json);
        out.write(END_OF_EVENT);
        if (stream == null || !stream.nextIsReady()) {
            out.flush();
        }
    }
}
