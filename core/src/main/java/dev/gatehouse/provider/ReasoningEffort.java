package dev.gatehouse.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * The canonical request's {@code reasoning_effort} extension, the name and values of OpenAI's
 * Chat Completions (https://platform.openai.com/docs/api-reference/chat/create#chat-create-reasoning_effort),
 * read once for the translating adapters, each of which maps it to its provider's own setting
 * (the table is in docs/agents.md, "Reasoning on every provider"). {@code none} asks for no
 * reasoning; {@code xhigh} is OpenAI's newest, deepest level.
 */
public enum ReasoningEffort {
    NONE, MINIMAL, LOW, MEDIUM, HIGH, XHIGH;

    /** The extension's name. */
    public static final String PARAM = "reasoning_effort";

    /** The request's effort, if it asks for one (a JSON null counts as absent); a value OpenAI does not define is a 400. */
    public static Optional<ReasoningEffort> of(ChatRequest request) {
        JsonNode value = request.extensions().get(PARAM);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw UnsupportedParams.invalid(PARAM, "reasoning_effort must be a string");
        }
        return Optional.of(switch (value.asText()) {
            case "none" -> NONE;
            case "minimal" -> MINIMAL;
            case "low" -> LOW;
            case "medium" -> MEDIUM;
            case "high" -> HIGH;
            case "xhigh" -> XHIGH;
            default -> throw UnsupportedParams.invalid(PARAM,
                    "reasoning_effort must be one of none, minimal, low, medium, high, xhigh");
        });
    }

    /** The value as OpenAI spells it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
