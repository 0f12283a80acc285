package dev.gatehouse.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.wire.ChatRequestJson;
import dev.gatehouse.server.http.ModelCall;
import dev.gatehouse.server.spend.SpendTicket;
import dev.gatehouse.server.telemetry.GenAiFacts;

/**
 * Fills in a request's {@link GenAiFacts} for its trace, from the request as read and from the
 * answer, whole or streamed (where the spend ticket learns the usage). The prompt and the
 * completion are suppliers: read only when a trace captures content (docs/observability.md).
 * Operation names follow OpenTelemetry's GenAI conventions
 * (https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/).
 */
final class GenAi {

    static final String CHAT = "chat";
    static final String TEXT_COMPLETION = "text_completion";
    static final String EMBEDDINGS = "embeddings";
    static final String GENERATE_CONTENT = "generate_content";

    private GenAi() {}

    /** A chat request as read: its output limit, its temperature, its messages as the prompt. */
    static void chat(ModelCall<?> call, String operation, ChatRequest request) {
        call.genAi().operation(operation).maxTokens(request.outputTokenLimit()).temperature(request.temperature())
                .prompt(() -> ChatRequestJson.write(request).path("messages").toString());
    }

    /** A request sent as written: its limit and temperature read from the body, {@code promptField} as the prompt. */
    static void asWritten(ModelCall<?> call, String operation, JsonNode body, String maxTokensField,
            String... promptFields) {
        GenAiFacts facts = call.genAi().operation(operation);
        JsonNode max = body.get(maxTokensField);
        if (max != null && max.isIntegralNumber() && max.canConvertToInt()) {
            facts.maxTokens(max.intValue());
        }
        JsonNode temperature = body.get("temperature");
        if (temperature != null && temperature.isNumber()) {
            facts.temperature(temperature.doubleValue());
        }
        facts.prompt(() -> {
            StringBuilder prompt = new StringBuilder();
            for (String field : promptFields) {
                JsonNode value = body.get(field);
                if (value != null && !value.isNull()) {
                    prompt.append(prompt.isEmpty() ? "" : "\n").append(value.isTextual() ? value.asText() : value);
                }
            }
            return prompt.toString();
        });
    }

    /** A whole chat answer: its id, model, finish reasons and text. */
    static void answered(GenAiFacts facts, ChatResponse response) {
        facts.responseId(response.id()).responseModel(response.model());
        for (ChatResponse.Choice choice : response.choices()) {
            facts.finishReason(choice.finishReason() == null ? null : choice.finishReason().wireName());
        }
        facts.completion(() -> {
            StringBuilder text = new StringBuilder();
            for (ChatResponse.Choice choice : response.choices()) {
                if (choice.message().content() != null) {
                    text.append(choice.message().content());
                }
            }
            return text.toString();
        });
    }

    /** One streamed chunk: the id and model it names, the finish reasons it ends choices with. */
    static void streamed(GenAiFacts facts, ChatChunk chunk) {
        facts.responseId(chunk.id()).responseModel(chunk.model());
        for (ChatChunk.Choice choice : chunk.choices()) {
            if (choice.finishReason() != null) {
                facts.finishReason(choice.finishReason().wireName());
            }
        }
    }

    /** A stream's completion: the text the spend ticket kept of it. */
    static void streamedText(GenAiFacts facts, SpendTicket ticket) {
        if (ticket != null) {
            facts.completion(ticket::generatedText);
        }
    }

    /** Anthropic's Message object (whole, or {@code message_start}'s): its id, model and stop reason. */
    static void anthropicMessage(GenAiFacts facts, JsonNode message) {
        if (message == null || !message.isObject()) {
            return;
        }
        facts.responseId(text(message.get("id"))).responseModel(text(message.get("model")))
                .finishReason(text(message.get("stop_reason")));
    }

    /** An Anthropic answer's text blocks, for the completion. */
    static String anthropicText(JsonNode message) {
        StringBuilder text = new StringBuilder();
        for (JsonNode block : message.path("content")) {
            if ("text".equals(block.path("type").asText())) {
                text.append(block.path("text").asText());
            }
        }
        return text.toString();
    }

    /**
     * OpenAI's Response object: its id, model, and as finish reason its status, or why it is
     * incomplete ({@code max_output_tokens}, {@code content_filter}).
     */
    static void responsesObject(GenAiFacts facts, JsonNode response) {
        if (response == null || !response.isObject()) {
            return;
        }
        facts.responseId(text(response.get("id"))).responseModel(text(response.get("model")));
        String reason = text(response.path("incomplete_details").get("reason"));
        facts.finishReason(reason != null ? reason : text(response.get("status")));
    }

    /** A Response object's output text, for the completion. */
    static String responsesText(JsonNode response) {
        StringBuilder text = new StringBuilder();
        for (JsonNode item : response.path("output")) {
            for (JsonNode part : item.path("content")) {
                if ("output_text".equals(part.path("type").asText())) {
                    text.append(part.path("text").asText());
                }
            }
        }
        return text.toString();
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }
}
