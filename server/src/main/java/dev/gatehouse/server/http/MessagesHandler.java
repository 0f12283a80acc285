package dev.gatehouse.server.http;

import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.api.EventStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.Gateway;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.TokenCount;
import dev.gatehouse.api.anthropic.MessagesRequestJson;
import dev.gatehouse.api.anthropic.NativeMessagesFields;
import dev.gatehouse.api.anthropic.MessagesResponseJson;
import dev.gatehouse.api.anthropic.MessagesStreamEncoder;
import dev.gatehouse.http.SseReader;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.NativeMessages;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.limit.Demand;
import dev.gatehouse.server.metrics.Metrics;
import dev.gatehouse.server.spend.SpendLog;
import dev.gatehouse.server.spend.SpendTicket;
import dev.gatehouse.server.spend.Tokenizer;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Anthropic's Messages API in front of every configured model: {@code POST /v1/messages}
 * (JSON, or with {@code stream: true} Anthropic's server-sent events) and
 * {@code POST /v1/messages/count_tokens}. For a model served by Anthropic (its API or Vertex
 * AI) the request goes as it was written (the native path); for every other model it is read
 * into the canonical request and served like any chat request. Either way the answer and every
 * failure are written in Anthropic's format.
 *
 * <p>Headers: the caller's key may come as {@code x-api-key} or {@code Authorization: Bearer}
 * (recent Anthropic SDKs send the latter), checked like every model route's: the key needs the
 * {@code messages} endpoint and the model in its scope. {@code anthropic-version} and {@code anthropic-beta} are accepted and not
 * acted on: Gatehouse speaks version 2023-06-01 whatever the caller names, and beta features
 * reach no upstream (their fields are refused as unknown). Every answer carries
 * {@code request-id}, as Anthropic's do.
 *
 * <p>As on the OpenAI route, a stream's first chunk is awaited before the response starts, so
 * that an upstream that fails at once still gets its proper HTTP status; a later failure is an
 * {@code event: error} inside the stream, as Anthropic sends it.
 */
final class MessagesHandler {

    /** Says whether a token count is the provider's own or Gatehouse's estimate. */
    static final String TOKEN_COUNT_HEADER = "x-gatehouse-token-count";

    private final Gateway gateway;
    private final Metrics metrics;
    private final RequestBody body;
    private final RequestGuard guard;
    private final RequestAccess access;
    private final SpendLog spend;

    MessagesHandler(Gateway gateway, Metrics metrics, RequestBody body, RequestGuard guard, RequestAccess access,
            SpendLog spend) {
        this.gateway = gateway;
        this.access = access;
        this.spend = spend;
        this.metrics = metrics;
        this.body = body;
        this.guard = guard;
    }

    void messages(ServerRequest req, ServerResponse res) {
        ModelCall call = ModelCall.start(exchange(req, res, "messages"), spend);
        Exchange exchange = call.exchange;
        call.run(() -> {
            Caller caller = access.check(req, Endpoint.MESSAGES);
            call.ticket.caller(caller);
            JsonNode json = body.readJson(req);
            guard.checkBody(json);
            if (json instanceof ObjectNode object && object.path("model").isTextual()
                    && gateway.speaksAnthropicMessages(object.path("model").asText())) {
                RequestGuard.checkModel(object.path("model").asText());
                // The budget reserves what max_tokens allows: its type is checked before anything else.
                int maxTokens = NativeMessagesFields.check(object);
                call.ticket.model(object.path("model").asText());
                call.ticket.promptEstimate(() -> Tokenizer.messagesBody(object));
                access.checkModel(caller, object.path("model").asText(), req);
                call.admit(access, caller, () -> Demand.raw(object.path("model").asText(), object.toString().length(),
                        maxTokens, access.inputTokens()));
                nativeMessage(object, req, exchange, res, call);
                return;
            }
            ChatRequest request = MessagesRequestJson.read(json);
            call.admitChat(request, caller, req, access, guard, gateway);
            if (request.stream()) {
                stream(request, exchange, res, call);
            } else {
                ChatResponse response = gateway.call(call.context).chat(request);
                call.ticket.answered(response);
                exchange.sendJson(200, MessagesResponseJson.write(response));
                call.succeeded = true;
            }
        });
    }


    void countTokens(ServerRequest req, ServerResponse res) {
        Exchange exchange = exchange(req, res, "count_tokens");
        exchange.run(() -> {
            Caller caller = access.check(req, Endpoint.MESSAGES);
            ChatRequest request = read(req, true);
            access.checkModel(caller, request.model(), req);
            // A request like any other for the key's requests per minute (docs/limits.md); no tokens, no budget.
            Map<String, String> limitHeaders = new java.util.LinkedHashMap<>();
            try {
                access.limiter().countRequest(caller, limitHeaders);
            } finally {
                limitHeaders.forEach(exchange::header);
            }
            dev.gatehouse.routing.RequestContext context = dev.gatehouse.routing.RequestContext.start();
            context.trace().onlyModels(model -> access.mayUse(caller, model));
            exchange.trace(context.trace());
            TokenCount count = gateway.call(context).countTokens(request);
            var answer = Json.object().put("input_tokens", count.inputTokens());
            if (!count.exact()) {
                answer.put("gatehouse_estimate", true);
            }
            res.header(TOKEN_COUNT_HEADER, count.exact() ? "exact" : "estimated");
            exchange.sendJson(200, answer);
        });
    }

    private Exchange exchange(ServerRequest req, ServerResponse res, String route) {
        Exchange exchange = new Exchange(req, res, route, metrics).errorFormat(ErrorFormat.ANTHROPIC);
        res.header("request-id", exchange.requestId());
        return exchange;
    }

    private ChatRequest read(ServerRequest req, boolean countOnly) {
        JsonNode json = body.readJson(req);
        guard.checkBody(json);
        ChatRequest request = countOnly ? MessagesRequestJson.readCountTokens(json) : MessagesRequestJson.read(json);
        guard.checkRequest(request);
        return request;
    }

    /**
     * A model served by Anthropic (its API or Vertex AI) gets the request as the caller wrote it,
     * with the caller's {@code anthropic-beta}, and answers in its own words: nothing is lost in
     * translation (thinking signatures, prompt caching, documents, citations, server tools).
     * Anthropic checks the body; its refusals reach the caller in Anthropic's format.
     */
    private void nativeMessage(ObjectNode json, ServerRequest req, Exchange exchange, ServerResponse res,
            ModelCall call) {
        JsonNode stream = json.get("stream"); // a boolean or absent: NativeMessagesFields checked it
        if (json.has("mcp_servers")) {
            // The upstream would connect to servers the caller names, with tokens the caller gives,
            // on the deployment's account: not something a virtual key's scope can bound.
            throw new GatewayException.BadRequest("mcp_servers is not accepted by this gateway: a request can not make"
                    + " the upstream connect to servers it names.", "mcp_servers");
        }
        String beta = req.headers().value(HeaderNames.create("anthropic-beta")).orElse(null);
        if (stream == null || !stream.asBoolean()) {
            JsonNode message = gateway.call(call.context).anthropicMessage(json, beta);
            call.ticket.usage(new AnthropicUsage().add(message.get("usage")).usage());
            exchange.sendJson(200, message);
            call.succeeded = true;
            return;
        }
        AnthropicUsage usage = new AnthropicUsage();
        try (EventStream<ServerSentEvent> events = gateway.call(call.context).anthropicMessageStream(json, beta)) {
            ServerSentEvent first = events.hasNext() ? events.next() : null;
            long ttft = System.nanoTime() - exchange.startNanos();
            metrics.timeToFirstToken(ttft);
            call.ticket.firstToken(ttft);
            exchange.begin(200, "text/event-stream");
            res.header(HeaderNames.CACHE_CONTROL, "no-cache");
            metrics.streamOpened();
            try (OutputStream out = res.outputStream()) {
                call.succeeded = relayNative(first, events, out, exchange.requestId(), usage);
            } catch (IOException | UncheckedIOException clientGone) {
                // The caller closed the connection: leaving closes the upstream stream too.
                call.callerGone = true;
            } finally {
                metrics.streamClosed();
                call.ticket.usage(usage.usage());
                call.ticket.generated(usage::streamedText);
            }
        }
    }

    /** True when the stream ended normally; every event's usage goes to {@code usage}. */
    private static boolean relayNative(ServerSentEvent first, EventStream<ServerSentEvent> events, OutputStream out,
            String requestId, AnthropicUsage usage) throws IOException {
        try {
            if (first != null) {
                writeRaw(out, count(first, usage), events);
            }
            while (events.hasNext()) {
                writeRaw(out, count(events.next(), usage), events);
            }
            return true;
        } catch (GatewayException failure) {
            write(out, List.of(MessagesStreamEncoder.error(failure, requestId)), null);
            return false;
        }
    }

    /** Reads the usage that message_start and message_delta carry; the event goes on unchanged. */
    private static ServerSentEvent count(ServerSentEvent event, AnthropicUsage usage) {
        if ("message_start".equals(event.name())) {
            usage.add(Json.parseUpstream(event.data(), "Anthropic").path("message").get("usage"));
        } else if ("message_delta".equals(event.name())) {
            usage.add(Json.parseUpstream(event.data(), "Anthropic").get("usage"));
        } else if ("content_block_delta".equals(event.name())) {
            usage.delta(event.data());
        }
        return event;
    }

    private static void writeRaw(OutputStream out, ServerSentEvent event, EventStream<ServerSentEvent> events)
            throws IOException {
        StringBuilder text = new StringBuilder();
        if (event.name() != null) {
            text.append("event: ").append(event.name()).append('\n');
        }
        for (String line : event.data().split("\n", -1)) {
            text.append("data: ").append(line).append('\n');
        }
        out.write(text.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        if (!events.nextIsReady()) {
            out.flush();
        }
    }

    private void stream(ChatRequest request, Exchange exchange, ServerResponse res, ModelCall call) {
        try (ChatStream stream = gateway.call(call.context).chatStream(request)) {
            ChatChunk first = stream.hasNext() ? stream.next() : null;
            long ttft = System.nanoTime() - exchange.startNanos();
            metrics.timeToFirstToken(ttft);
            call.ticket.firstToken(ttft);
            exchange.begin(200, "text/event-stream");
            res.header(HeaderNames.CACHE_CONTROL, "no-cache");
            metrics.streamOpened();
            try (OutputStream out = res.outputStream()) {
                call.succeeded = relay(first, stream, new MessagesStreamEncoder(request.model()), out,
                        exchange.requestId(), call.ticket);
            } catch (IOException | UncheckedIOException clientGone) {
                // The caller closed the connection: leaving closes the upstream stream too.
                call.callerGone = true;
            } finally {
                metrics.streamClosed();
            }
        }
    }

    /** True when the stream ended normally; each chunk's usage goes to the spend ticket. */
    private static boolean relay(ChatChunk first, ChatStream stream, MessagesStreamEncoder encoder, OutputStream out,
            String requestId, SpendTicket ticket) throws IOException {
        try {
            if (first != null) {
                write(out, encoder.onChunk(counted(first, ticket)), stream);
            }
            while (stream.hasNext()) {
                write(out, encoder.onChunk(counted(stream.next(), ticket)), stream);
            }
            write(out, encoder.finish(), null);
            return true;
        } catch (GatewayException failure) {
            write(out, List.of(MessagesStreamEncoder.error(failure, requestId)), null);
            return false;
        }
    }

    private static ChatChunk counted(ChatChunk chunk, SpendTicket ticket) {
        ticket.generated(chunk);
        if (chunk.usage() != null) {
            ticket.usage(chunk.usage());
        }
        return chunk;
    }

    /**
     * Events, flushed unless the upstream already has the next chunk ready: events that arrived
     * together leave together, and none waits for an upstream that is still thinking.
     */
    private static void write(OutputStream out, List<MessagesStreamEncoder.Event> events, ChatStream stream)
            throws IOException {
        if (events.isEmpty()) {
            return;
        }
        for (MessagesStreamEncoder.Event event : events) {
            out.write(("event: " + event.name() + "\ndata: ").getBytes(StandardCharsets.US_ASCII));
            out.write(Json.bytes(event.data()));
            out.write(END_OF_EVENT);
        }
        if (stream == null || !stream.nextIsReady()) {
            out.flush();
        }
    }

    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.US_ASCII);
}
