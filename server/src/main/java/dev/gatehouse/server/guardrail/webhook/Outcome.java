package dev.gatehouse.server.guardrail.webhook;

import java.util.List;
import java.util.Objects;

/**
 * What a webhook call came to. {@link Failed} is never what the service decided: the call
 * timed out, was refused by the egress policy, or the answer was an error or not the agreed
 * JSON. {@link FailurePolicy#settle} turns it into {@link Allow} or {@link Block}.
 */
public sealed interface Outcome {

    /** The texts may pass as they are. */
    record Allow() implements Outcome {}

    /** The texts must not pass; {@code reason} is the service's, shown to the caller. */
    record Block(String reason) implements Outcome {
        public Block {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The texts pass with these replacements: each replaces the sent text with the same path;
     * a sent text not named here passes unchanged. Every path was one that was sent.
     */
    record Modify(List<WebhookText> texts) implements Outcome {
        public Modify {
            texts = List.copyOf(texts);
        }

        /** The texts that were sent, in their order, each replaced where this names its path. */
        public List<WebhookText> applyTo(List<WebhookText> sent) {
            java.util.Map<String, String> replaced = new java.util.HashMap<>();
            texts.forEach(t -> replaced.put(t.path(), t.text()));
            return sent.stream().map(t -> new WebhookText(t.path(), replaced.getOrDefault(t.path(), t.text()))).toList();
        }
    }

    /** The call did not produce a decision; {@code why} says what went wrong, without any text of the exchange. */
    record Failed(String why) implements Outcome {
        public Failed {
            Objects.requireNonNull(why, "why");
        }
    }
}
