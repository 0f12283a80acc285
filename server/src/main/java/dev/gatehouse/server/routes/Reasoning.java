package dev.gatehouse.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.Gateway;

/**
 * Whether a request's model may reason, for the front doors that translate a client's default
 * reasoning settings (Claude Code's thinking, Codex's reasoning effort): false only when the
 * model's facts say it does not ({@code model_info.supports_reasoning: false} on one of its
 * deployments, or the model catalog's {@code reasoning: false} for one without), so that those settings are dropped and named instead of refused upstream. A model
 * Gatehouse knows nothing about gets them (docs/agents.md).
 */
final class Reasoning {

    private Reasoning() {}

    static boolean mayReason(Gateway gateway, JsonNode body) {
        JsonNode model = body == null ? null : body.get("model");
        return model == null || !model.isTextual()
                || !Boolean.FALSE.equals(gateway.modelInfo(model.asText()).reasoning());
    }
}
