package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.Gateway;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
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

    ChatCompletionsHandler(Gateway gateway, Metrics metrics, RequestBody body, RequestGuard guard,
            RequestAccess access) {
        this.gateway = gateway;
        this.access = access;
        this.metrics = metrics;
        this.body = body;
        this.guard = guard;
    }

    void handle(ServerRequest req, ServerResponse res) {
        Exchange exchange = new Exchange(req, res, "chat_completions", metrics);
        exchange.run(() -> {
            Caller caller = access.check(req, Endpoint.CHAT);
            JsonNode json = body.readJson(req);
            guard.checkBody(json);
            ChatRequest request = ChatRequestJson.read(json);
            guard.checkRequest(request);
            access.checkModel(caller, request.model(), req);
            if (request.stream()) {
                stream(request, exchange, res);
            } else {
                exchange.sendJson(200, ChatResponseJson.write(gateway.chat(request)));
            }
        });
    }

    private void stream(ChatRequest request, Exchange exchange, ServerResponse res) {
        try (ChatStream stream = gateway.chatStream(request)) {
            ChatChunk first = stream.hasNext() ? stream.next() : null;
            metrics.timeToFirstToken(System.nanoTime() - exchange.startNanos());
            exchange.begin(200, "text/event-stream");
            res.header(HeaderNames.CACHE_CONTROL, "no-cache");
            metrics.streamOpened();
            try (OutputStream out = res.outputStream()) {
                relay(first, stream, out);
            } catch (IOException | UncheckedIOException clientGone) {
                // The caller closed the connection: leaving closes the upstream stream too.
            } finally {
                metrics.streamClosed();
            }
        }
    }

    private static void relay(ChatChunk first, ChatStream stream, OutputStream out) throws IOException {
        try {
            if (first != null) {
                write(out, Json.bytes(ChatChunkJson.write(first)), stream);
            }
            while (stream.hasNext()) {
                write(out, Json.bytes(ChatChunkJson.write(stream.next())), stream);
            }
            out.write(DONE);
            out.flush();
        } catch (GatewayException failure) {
            write(out, Json.bytes(ErrorJson.write(failure)), null);
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
