package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.auth.Team;
import dev.gatehouse.server.guardrail.RequestTexts;
import dev.gatehouse.server.guardrail.webhook.GuardrailWebhook;
import dev.gatehouse.server.guardrail.webhook.Outcome;
import dev.gatehouse.server.guardrail.webhook.WebhookCall;
import dev.gatehouse.server.guardrail.webhook.WebhookStage;
import dev.gatehouse.server.guardrail.webhook.WebhookText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks a policy's guardrail service about the texts of a request body or a whole answer
 * (docs/guardrails.md, "External guardrails") and puts its replacements in place. The service's
 * failure is settled by the webhook's failure policy here, so the guard sees only what to do.
 */
final class GuardWebhook {

    /** What the service decided, settled: pass (with the paths it replaced, if any) or block. */
    sealed interface Decision {
        record Pass(List<String> replaced) implements Decision {}
        record Block(String reason) implements Decision {}
    }

    private GuardWebhook() {}

    /**
     * Asks {@code webhook} about {@code body}'s texts at {@code stage}, when it covers that stage
     * and there is text to ask about; a modification is written into {@code body} in place.
     */
    static Decision ask(GuardrailWebhook webhook, WebhookStage stage, ModelCall<?> call, JsonNode body) {
        List<WebhookText> sent = RequestTexts.of(body).stream().map(t -> new WebhookText(t.path(), t.text())).toList();
        if (!webhook.settings().covers(stage) || sent.isEmpty()) {
            return new Decision.Pass(List.of());
        }
        Caller caller = call.caller();
        WebhookCall question = new WebhookCall(stage, String.valueOf(call.model()),
                caller == null ? "none" : caller.keyId(),
                caller == null ? null : caller.team().map(Team::id).orElse(null), call.requestId(), sent);
        return switch (webhook.decide(question)) {
            case Outcome.Block block -> new Decision.Block(block.reason());
            case Outcome.Modify modify -> new Decision.Pass(replace(body, sent, modify.applyTo(sent)));
            // decide() settles a failure into an allow or a block; an allow passes as it is.
            case Outcome.Allow allow -> new Decision.Pass(List.of());
            case Outcome.Failed failed -> throw new IllegalStateException("a settled outcome is never failed");
        };
    }

    /** Writes the texts the service changed into {@code body}; returns their paths. */
    private static List<String> replace(JsonNode body, List<WebhookText> sent, List<WebhookText> now) {
        Map<String, String> changed = new LinkedHashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            if (!sent.get(i).text().equals(now.get(i).text())) {
                changed.put(now.get(i).path(), now.get(i).text());
            }
        }
        if (!changed.isEmpty()) {
            RequestTexts.replace(body, changed);
        }
        return List.copyOf(changed.keySet());
    }
}
