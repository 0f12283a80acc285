package dev.gatehouse.server.guardrail;

import dev.gatehouse.guardrail.pii.Placeholders;
import java.util.List;
import java.util.Optional;

/** What the input checks decided about one request. */
public sealed interface Verdict {

    /** Everything found, blocked, masked or only logged. */
    List<GuardrailHit> hits();

    /** The request is refused with {@code error}; nothing was changed. */
    record Blocked(GuardrailBlocked error, List<GuardrailHit> hits) implements Verdict {
        public Blocked {
            hits = List.copyOf(hits);
        }
    }

    /**
     * The request goes on. {@code masked}: some texts were replaced in place, so the typed request
     * must be read again. {@code placeholders}: the request's reversible masking, to restore in
     * the answer (empty when nothing was masked reversibly).
     */
    record Passed(List<GuardrailHit> hits, boolean masked, Optional<Placeholders> placeholders) implements Verdict {
        public Passed {
            hits = List.copyOf(hits);
        }
    }
}
