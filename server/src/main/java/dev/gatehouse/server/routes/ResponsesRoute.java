package dev.gatehouse.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.Gateway;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.EventStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.responses.ResponseIds;
import dev.gatehouse.api.responses.ResponseJson;
import dev.gatehouse.api.responses.ResponsesRequest;
import dev.gatehouse.api.responses.ResponsesRequestJson;
import dev.gatehouse.api.responses.ResponsesStreamEncoder;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.cache.CacheDirectives;
import dev.gatehouse.server.http.Answer;
import dev.gatehouse.server.http.Incoming;
import dev.gatehouse.server.http.ModelCall;
import dev.gatehouse.server.http.ModelRoute;
import dev.gatehouse.server.responses.ResponseKeeper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * OpenAI's Responses API in front of every configured model: {@code POST /v1/responses}, whole or
 * with {@code stream: true} as the Responses API's events
 * (https://platform.openai.com/docs/api-reference/responses/create). A model every deployment of
 * which speaks the Responses API (OpenAI's own, Azure OpenAI) gets the body as written, so
 * reasoning items, encrypted reasoning and built-in tools survive; every other model gets the
 * canonical chat request and its answer is written back as a Response.
 *
 * <p>{@code previous_response_id} is made the conversation it names from Gatehouse's own store,
 * for the caller's owner only, on both paths: an upstream never sees it, so a response one team
 * left on a shared upstream account can not be continued by another, and routing may send the
 * next turn to any deployment. A response is kept when the request said {@code store} (the
 * default) and it completed; without a master key nothing is kept, the Response says {@code
 * "store": false} and {@code x-gatehouse-dropped} names {@code store}.
 */
final class ResponsesRoute {

    private final Gateway gateway;
    private final ResponseHistory history;
    private final ResponseKeeper keeper;

    ResponsesRoute(Gateway gateway, ResponseKeeper keeper) {
        this.gateway = gateway;
        this.history = new ResponseHistory(keeper.store());
        this.keeper = keeper;
    }

    ModelRoute<ResponsesRouteRequest> route() {
        return ModelRoute.post("responses", Endpoint.RESPONSES, this::read)
                .openAiPath("/responses")
                .guarded(true)
                .model(ResponsesRouteRequest::model)
                .prompt(ResponsesRouteRequest::promptTokens)
                .check(request -> {
                    if (request instanceof ResponsesRouteRequest.Translated translated) {
                        gateway.checkChatFields(translated.request().chat());
                    }
                })
                .demand(ResponsesRouteRequest::demand)
                .cachedStreams(new ResponsesStreamCache())
                .call(this::call);
    }

    private ResponsesRouteRequest read(Incoming in) {
        JsonNode json = CacheDirectives.withoutCacheField(in.json()); // LiteLLM's cache controls are Gatehouse's
        if (json instanceof ObjectNode body && body.path("model").isTextual()
                && gateway.speaksOpenAiResponses(body.path("model").asText())) {
            return asWritten(body, in.caller());
        }
        ResponsesRequest request = ResponsesRequestJson.read(json, Reasoning.mayReason(gateway, json));
        if (request.previousResponseId() != null) {
            request = request.withHistory(history.of(request.previousResponseId(), in.caller()));
        }
        List<String> dropped = new ArrayList<>(request.dropped());
        if (request.store() && !keeper.available()) {
            request = request.withoutStore();
            dropped.add("store");
        }
        return new ResponsesRouteRequest.Translated(request, dropped);
    }

    /**
     * The body as written, its few fields Gatehouse acts on checked (OpenAI checks the rest):
     * {@code store}, {@code stream}, {@code max_output_tokens} (the budget reserves it), {@code input}
     * and {@code previous_response_id}, which is replaced by the conversation it names.
     */
    private ResponsesRouteRequest asWritten(ObjectNode body, Caller caller) {
        ObjectNode sent = body.deepCopy();
        boolean store = bool(sent, "store", true);
        bool(sent, "stream", false);
        JsonNode max = sent.get("max_output_tokens");
        if (max != null && !max.isNull() && !(max.isIntegralNumber() && max.canConvertToInt())) {
            throw new GatewayException.BadRequest("'max_output_tokens' must be an integer.", "max_output_tokens");
        }
        ArrayNode conversation = items(sent.get("input"));
        List<String> dropped = new ArrayList<>();
        // Copied only when something must come out of it, which is rare: Codex sends 40 KB a turn.
        ArrayNode callersInput = conversation;
        if (AsWrittenHistory.hasGatehouseReasoning(conversation)) {
            callersInput = conversation.deepCopy();
            for (int index : AsWrittenHistory.removeGatehouseReasoning(callersInput)) {
                dropped.add("input[" + index + "]");
            }
        }
        ArrayNode upstreamInput = callersInput;
        JsonNode previous = sent.get("previous_response_id");
        String previousId = null;
        if (previous != null && !previous.isNull()) {
            if (!previous.isTextual()) {
                throw new GatewayException.BadRequest("'previous_response_id' must be a string.",
                        "previous_response_id");
            }
            ArrayNode earlier = history.of(previous.asText(), caller);
            upstreamInput = AsWrittenHistory.forUpstream(earlier);
            if (!AsWrittenHistory.removeGatehouseReasoning(upstreamInput).isEmpty()) {
                dropped.add("previous_response_id");
            }
            upstreamInput.addAll(callersInput);
            earlier.addAll(conversation);
            conversation = earlier;
            sent.remove("previous_response_id");
            previousId = previous.asText();
        }
        if (previous != null && !previous.isNull() || !dropped.isEmpty()) {
            sent.set("input", upstreamInput);
        }
        return new ResponsesRouteRequest.AsWritten(sent, conversation, store && keeper.available(), dropped,
                previousId);
    }

    private static boolean bool(ObjectNode body, String field, boolean absent) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw new GatewayException.BadRequest("'" + field + "' must be a boolean.", field);
        }
        return value.booleanValue();
    }

    /** The input as items: a string is one user message, as the Responses API reads it. */
    private static ArrayNode items(JsonNode input) {
        ArrayNode items = Json.array();
        if (input == null || input.isNull()) {
            return items;
        }
        if (input.isTextual()) {
            items.addObject().put("type", "message").put("role", "user").put("content", input.asText());
            return items;
        }
        if (!input.isArray()) {
            throw new GatewayException.BadRequest("'input' must be a string or an array of input items.", "input");
        }
        return (ArrayNode) input.deepCopy();
    }

    private Answer call(ModelCall<ResponsesRouteRequest> call, ResponsesRouteRequest request) {
        Consumer<ObjectNode> store = keeper.forRequest(request.store(), call.caller(), request.model(),
                request.conversation());
        Consumer<ObjectNode> keep = request.store() ? response -> store.accept(call.toKeep(response)) : store;
        call.context().trace().addDropped(request.dropped());
        return switch (request) {
            case ResponsesRouteRequest.AsWritten written when written.stream() -> {
                GenAi.asWritten(call, GenAi.CHAT, written.body(), "max_output_tokens", "instructions", "input");
                yield Answer.stream(call.gateway().openAiResponseStream(written.body()),
                        new NativeResponsesSse(call.ticket(), call.genAi(), keep, written.previousResponseId()));
            }
            case ResponsesRouteRequest.AsWritten written -> {
                GenAi.asWritten(call, GenAi.CHAT, written.body(), "max_output_tokens", "instructions", "input");
                JsonNode response = call.gateway().openAiResponse(written.body());
                GenAi.responsesObject(call.genAi(), response);
                call.genAi().completion(() -> GenAi.responsesText(response));
                if (response instanceof ObjectNode object) {
                    NativeResponsesSse.echoPrevious(object, written.previousResponseId());
                    keep.accept(object);
                }
                yield Answer.json(response, ticket -> ticket.usage(ResponsesUsage.of(response.get("usage"))));
            }
            case ResponsesRouteRequest.Translated translated -> {
                ResponsesRequest responses = translated.request();
                GenAi.chat(call, GenAi.CHAT, responses.chat());
                String id = ResponseIds.response();
                long createdAt = System.currentTimeMillis() / 1000;
                if (responses.stream()) {
                    EventStream<ChatChunk> chunks = call.gateway().chatStream(responses.chat());
                    GenAi.streamedText(call.genAi(), call.ticket());
                    yield Answer.stream(chunks, new TranslatedResponsesSse(call.ticket(), call.genAi(),
                            new ResponsesStreamEncoder(responses, id, createdAt), keep));
                }
                ChatResponse answer = call.gateway().chat(responses.chat());
                GenAi.answered(call.genAi(), answer);
                ObjectNode response = ResponseJson.write(responses, answer, id, createdAt);
                keep.accept(response);
                yield Answer.json(response, ticket -> ticket.answered(answer));
            }
        };
    }
}
