package dev.gatehouse.server.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.provider.TokenEstimator;
import dev.gatehouse.server.limit.Demand;
import dev.gatehouse.server.spend.Tokenizer;
import java.util.List;

/**
 * A valid request on {@code POST /v1/messages}, in one of its two forms: as written, for a model
 * every deployment of which speaks Anthropic's Messages API, or translated into the canonical
 * chat request for any other model.
 */
sealed interface MessagesRequest {

    String model();

    /** The request's input tokens, counted here (for the spend row, should the provider not report them). */
    int promptTokens();

    /** What the request may use at most, for admission. */
    Demand demand(TokenEstimator tokens);

    /**
     * Sent as the caller wrote it.
     *
     * @param body      the request body, its fields checked
     * @param maxTokens its {@code max_tokens}, which the budget reserves
     * @param beta      the caller's {@code anthropic-beta} header, or null
     */
    record AsWritten(ObjectNode body, int maxTokens, String beta) implements MessagesRequest {
        @Override
        public String model() {
            return body.path("model").asText();
        }

        @Override
        public int promptTokens() {
            return Tokenizer.messagesBody(body);
        }

        @Override
        public Demand demand(TokenEstimator tokens) {
            return Demand.raw(model(), body.toString().length(), maxTokens, tokens);
        }

        boolean stream() {
            return body.path("stream").asBoolean(false); // a boolean or absent: NativeMessagesFields checked it
        }
    }

    /**
     * Read into the canonical chat request, served like any chat request.
     *
     * @param request the canonical request
     * @param dropped the caller's fields the translation left out (for {@code x-gatehouse-dropped})
     */
    record Translated(ChatRequest request, List<String> dropped) implements MessagesRequest {
        public Translated {
            dropped = List.copyOf(dropped);
        }

        @Override
        public String model() {
            return request.model();
        }

        @Override
        public int promptTokens() {
            return Tokenizer.prompt(request);
        }

        @Override
        public Demand demand(TokenEstimator tokens) {
            return Demand.chat(request, tokens);
        }
    }
}
