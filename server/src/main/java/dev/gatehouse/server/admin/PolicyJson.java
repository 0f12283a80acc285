package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.server.guardrail.PolicyField;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code guardrail_policy} field of a key or a team in the admin API: the name of one of the
 * configured guardrail policies (docs/guardrails.md, "Policies and configuration"), kept in the
 * key's or team's metadata under the same name, so no table changes for it. A name the
 * configuration does not have is refused with a 400 naming it, so a typo never leaves a key
 * checked by a weaker policy than was meant.
 */
final class PolicyJson {

    private PolicyJson() {}

    /**
     * The metadata to store: {@code metadata} as the request leaves it, with the policy the body
     * names ({@code null} removes it), or the one in the metadata it sends, or else the one
     * {@code before} had (replacing the metadata does not drop the policy).
     */
    static ObjectNode apply(JsonNode body, ObjectNode metadata, ObjectNode before, Set<String> known) {
        ObjectNode out = metadata.deepCopy();
        JsonNode given = body.get(PolicyField.NAME);
        if (given != null) {
            if (given.isNull()) {
                out.remove(PolicyField.NAME);
            } else {
                out.put(PolicyField.NAME, check(given, PolicyField.NAME, known));
            }
        } else if (body.has("metadata") && out.has(PolicyField.NAME)) {
            out.put(PolicyField.NAME, check(out.get(PolicyField.NAME), "metadata." + PolicyField.NAME, known));
        } else {
            PolicyField.of(before).ifPresent(name -> out.put(PolicyField.NAME, name));
        }
        return out;
    }

    /** Adds {@code guardrail_policy} (null when none) to a key's or team's JSON. */
    static void write(ObjectNode out, ObjectNode metadata) {
        out.put(PolicyField.NAME, PolicyField.of(metadata).orElse(null));
    }

    private static String check(JsonNode value, String field, Set<String> known) {
        if (!value.isTextual()) {
            throw JsonFields.bad(PolicyField.NAME, field + " must be the name of a guardrail policy, or null");
        }
        String name = value.textValue();
        if (!known.contains(name)) {
            String names = known.isEmpty() ? "the configuration names none (guardrails.policies)"
                    : "known: " + String.join(", ", new TreeSet<>(known));
            // The name is the caller's own input, shown back so the typo can be seen; it is cut to stay short.
            String shown = name.length() > 64 ? name.substring(0, 64) + "…" : name;
            throw JsonFields.bad(PolicyField.NAME, field + ": no guardrail policy is named '" + shown + "'; " + names);
        }
        return name;
    }
}
