package dev.gatehouse.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.responses.ResponsesRequest;
import dev.gatehouse.provider.TokenEstimator;
import dev.gatehouse.server.limit.Demand;
import dev.gatehouse.server.spend.Tokenizer;
import java.util.List;

/**
 * A valid request on {@code POST /v1/responses}, in one of its two forms: as written, for a model
 * every deployment of which speaks OpenAI's Responses API, or translated into the canonical chat
 * request for any other model. Either way {@code previous_response_id} has already been made the
 * conversation it names.
 */
sealed interface ResponsesRouteRequest {

    String model();

    /** The request's input tokens, counted here (for the spend row, should the provider not report them). */
    int promptTokens();

    /** What the request may use at most, for admission. */
    Demand demand(TokenEstimator tokens);

    boolean stream();

    /** Whether the response is to be kept by Gatehouse. */
    boolean store();

    /** The whole conversation the response will answer, as items (kept with it). */
    ArrayNode conversation();

    /** The fields of the request that reach no upstream, for {@code x-gatehouse-dropped}. */
    List<String> dropped();

    /**
     * Sent as the caller wrote it, but for {@code previous_response_id}, replaced by the items it names.
     *
     * @param body         the body sent upstream
     * @param conversation its input as items, the earlier ones included
     * @param store        whether Gatehouse keeps the response
     * @param dropped      what of the input reaches no upstream (a translated model's reasoning), for
     *                     {@code x-gatehouse-dropped}
     * @param previousResponseId the caller's, taken out of the body sent (null when none), for the
     *                     Response to echo
     */
    record AsWritten(ObjectNode body, ArrayNode conversation, boolean store, List<String> dropped,
            String previousResponseId) implements ResponsesRouteRequest {
        public AsWritten {
            dropped = List.copyOf(dropped);
        }

        @Override
        public String model() {
            return body.path("model").asText();
        }

        @Override
        public int promptTokens() {
            return Tokenizer.responsesBody(body);
        }

        @Override
        public Demand demand(TokenEstimator tokens) {
            JsonNode max = body.get("max_output_tokens");
            return Demand.raw(model(), body.toString().length(), max != null && max.canConvertToInt() ? max.intValue()
                    : null, tokens);
        }

        @Override
        public boolean stream() {
            return body.path("stream").asBoolean(false); // a boolean or absent: the reader checked it
        }
    }

    /**
     * Read into the canonical chat request, served like any chat request.
     *
     * @param request the request, its history included
     * @param dropped the fields that reach no upstream, for {@code x-gatehouse-dropped}
     */
    record Translated(ResponsesRequest request, List<String> dropped) implements ResponsesRouteRequest {
        public Translated {
            dropped = List.copyOf(dropped);
        }

        @Override
        public String model() {
            return request.model();
        }

        @Override
        public int promptTokens() {
            return Tokenizer.prompt(request.chat());
        }

        @Override
        public Demand demand(TokenEstimator tokens) {
            return Demand.chat(request.chat(), tokens);
        }

        @Override
        public boolean stream() {
            return request.stream();
        }

        @Override
        public boolean store() {
            return request.store();
        }

        @Override
        public ArrayNode conversation() {
            return request.input();
        }
    }
}
