package dev.gatehouse.server.config;

import dev.gatehouse.guardrail.pii.PiiKind;
import dev.gatehouse.server.guardrail.GuardrailSettings;
import dev.gatehouse.server.guardrail.GuardrailSettings.Action;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A LiteLLM Presidio guardrail's entities as Gatehouse's personal-data policy (LiteLLM's page
 * proxy/guardrails/pii_masking_v2; docs/migrating-from-litellm.md, "Guardrails"):
 * {@code pii_entities_config} names the entities and MASK or BLOCK for each, and
 * {@code output_parse_pii} puts the originals back in the answer, Gatehouse's reversible masking.
 */
final class LiteLlmPresidio {

    /** Presidio's entity names for the kinds Gatehouse finds (Presidio's "Supported entities" page). */
    static final Map<String, PiiKind> ENTITIES = Map.of("EMAIL_ADDRESS", PiiKind.EMAIL,
            "PHONE_NUMBER", PiiKind.PHONE, "CREDIT_CARD", PiiKind.PAYMENT_CARD, "IBAN_CODE", PiiKind.IBAN,
            "US_SSN", PiiKind.US_SSN, "IP_ADDRESS", PiiKind.IP_ADDRESS);
    static final String FINDS_MORE = "Presidio finds more kinds of personal data (names, places,"
            + " …) than Gatehouse, which finds e-mail addresses, phone numbers, payment cards, IBANs, US social"
            + " security numbers and IP addresses";

    private LiteLlmPresidio() {}

    /** The personal-data policy a Presidio guardrail stands for; null when it names no kind Gatehouse finds. */
    static GuardrailSettings.PersonalData personalData(String name, Located params, Findings findings) {
        Fields fields = new Fields(findings);
        Located entities = params.get("pii_entities_config");
        Boolean reversible = fields.bool(params.get("output_parse_pii"));
        if (entities.isMissing()) {
            findings.warn(params.get("guardrail"), "guardrail '" + name + "': " + FINDS_MORE
                    + "; it masks those");
            return new GuardrailSettings.PersonalData(Boolean.TRUE.equals(reversible) ? Action.REVERSIBLE
                    : Action.MASK, Set.of());
        }
        if (!fields.isMap(entities)) {
            return null;
        }
        Set<PiiKind> masked = EnumSet.noneOf(PiiKind.class);
        Set<PiiKind> blocked = EnumSet.noneOf(PiiKind.class);
        for (String entity : Fields.keys(entities)) {
            Located actionAt = entities.get(entity);
            String action = fields.text(actionAt);
            if (action != null && !action.equals("MASK") && !action.equals("BLOCK")) {
                findings.problem(actionAt, "must be MASK or BLOCK");
                continue;
            }
            PiiKind kind = ENTITIES.get(entity);
            if (kind == null) {
                findings.warn(actionAt, "Gatehouse does not find " + entity + ", ignored; it finds "
                        + String.join(", ", ENTITIES.keySet().stream().sorted().toList()));
            } else if ("BLOCK".equals(action)) {
                blocked.add(kind);
            } else if (action != null) {
                masked.add(kind);
            }
        }
        if (masked.isEmpty() && blocked.isEmpty()) {
            return null; // an empty set of kinds would mean every kind
        }
        Set<PiiKind> kinds = EnumSet.copyOf(masked);
        kinds.addAll(blocked);
        if (masked.isEmpty()) {
            if (Boolean.TRUE.equals(reversible)) {
                findings.warn(params.get("output_parse_pii"), "ignored: every kind is blocked, none masked");
            }
            return new GuardrailSettings.PersonalData(Action.BLOCK, kinds);
        }
        if (!blocked.isEmpty()) {
            // Masking keeps the data from the upstream as blocking does, and refuses nothing LiteLLM served.
            findings.warn(entities, "Gatehouse has one action for every kind: " + names(blocked)
                    + " are masked, not blocked");
        }
        return new GuardrailSettings.PersonalData(Boolean.TRUE.equals(reversible) ? Action.REVERSIBLE : Action.MASK,
                kinds);
    }

    private static String names(Set<PiiKind> kinds) {
        return String.join(", ", kinds.stream().map(PiiKind::kind).toList());
    }
}
