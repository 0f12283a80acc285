package dev.gatehouse.server.guardrail.webhook;

import java.util.List;
import java.util.Objects;

/**
 * What one webhook call is about: the stage, the public model, who asks (the key's id and its
 * team's, which may be null), the request id (so the service's logs can be matched with
 * Gatehouse's), and the texts to judge. Never a key's secret.
 */
public record WebhookCall(WebhookStage stage, String model, String keyId, String teamId, String requestId,
        List<WebhookText> texts) {

    public WebhookCall {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(requestId, "requestId");
        texts = List.copyOf(texts);
        if (texts.stream().map(WebhookText::path).distinct().count() != texts.size()) {
            throw new IllegalArgumentException("two texts have the same path");
        }
    }
}
