package dev.gatehouse.api.anthropic;

import static dev.gatehouse.api.anthropic.Read.onlyFields;
import static dev.gatehouse.api.anthropic.Read.requiredText;
import static dev.gatehouse.api.wire.Fields.present;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.wire.Fields;
import java.util.Set;

/**
 * Anthropic's {@code thinking} and {@code output_config.effort} → the canonical
 * {@code reasoning_effort} (minimal, low, medium, high), which every provider's adapter reads
 * in its own terms (docs/agents.md, "The Anthropic front door").
 *
 * <ul>
 *   <li>{@code thinking: {type: enabled, budget_tokens}}: the budget in bands, below 4,096
 *       {@code low}, below 16,384 {@code medium}, else {@code high} (Anthropic's minimum budget
 *       is 1,024; Claude Code's largest, "ultrathink", is about 32k).</li>
 *   <li>{@code thinking: {type: adaptive}}: the model decides how much to think, at the effort
 *       {@code output_config.effort} names, whose default is {@code high}
 *       (https://platform.claude.com/docs/en/build-with-claude/effort).</li>
 *   <li>{@code output_config.effort} with thinking on sets the effort ({@code xhigh} and
 *       {@code max} are {@code high}, the canonical top); without thinking it steers only how
 *       long Claude's text is, which no other provider has, so it is dropped and named.</li>
 *   <li>{@code thinking: {type: between_tools}} (short updates between tool calls, no thinking
 *       before the answer) is {@code minimal}; {@code disabled} asks for nothing.</li>
 *   <li>{@code thinking.display} (summarised, omitted or updates-only thinking text) and
 *       {@code thinking.block_binding} only shape Anthropic's own output: dropped and named.</li>
 *   <li>For a model whose deployments say it does not reason, thinking that asks for reasoning
 *       is checked, then dropped and named whole ({@code thinking}, with
 *       {@code output_config.effort} when sent): such a model refuses a reasoning effort, and
 *       Claude Code sends thinking by default, not as part of the user's question.</li>
 * </ul>
 */
final class ThinkingEffort {

    private static final Set<String> EFFORTS = Set.of("low", "medium", "high", "xhigh", "max");

    private ThinkingEffort() {}

    /**
     * The canonical effort {@code thinking} and {@code effort} ask for, or null for none.
     *
     * @param thinking the request's {@code thinking}, or null
     * @param effort   the request's {@code output_config.effort}, or null
     * @param reasons  false when the model's deployments say it does not reason
     */
    static String read(JsonNode thinking, JsonNode effort, boolean reasons, DroppedFields dropped) {
        String asked = readEffort(effort);
        String type = readThinking(thinking);
        if (type == null || type.equals("disabled")) {
            if (asked != null) {
                dropped.add("output_config.effort");
            }
            return null;
        }
        if (!reasons) {
            dropped.add("thinking");
            if (asked != null) {
                dropped.add("output_config.effort");
            }
            return null;
        }
        dropSettings(thinking, dropped);
        return switch (type) {
            case "enabled" -> asked != null ? asked : fromBudget(thinking.get("budget_tokens").asInt());
            case "adaptive" -> asked != null ? asked : "high";
            default -> "minimal"; // between_tools
        };
    }

    /** A thinking budget in effort bands. */
    static String fromBudget(int budgetTokens) {
        if (budgetTokens < 4096) {
            return "low";
        }
        return budgetTokens < 16384 ? "medium" : "high";
    }

    private static String readEffort(JsonNode effort) {
        if (!present(effort)) {
            return null;
        }
        if (!effort.isTextual() || !EFFORTS.contains(effort.asText())) {
            throw new GatewayException.BadRequest("Invalid value for 'output_config.effort': "
                    + Fields.describe(effort) + "; expected low, medium, high, xhigh or max.", "output_config.effort");
        }
        return switch (effort.asText()) {
            case "xhigh", "max" -> "high";
            default -> effort.asText();
        };
    }

    /** The thinking type, its fields checked; null when absent. */
    private static String readThinking(JsonNode thinking) {
        if (!present(thinking)) {
            return null;
        }
        Read.object(thinking, "thinking");
        String type = requiredText(thinking, "type", "thinking.type");
        switch (type) {
            case "disabled" -> onlyFields(thinking, "thinking", Set.of("type"));
            case "enabled" -> {
                onlyFields(thinking, "thinking", Set.of("type", "budget_tokens", "display", "block_binding"));
                if (!present(thinking.get("budget_tokens"))) {
                    throw Read.missing("thinking.budget_tokens");
                }
                Fields.optionalInt(thinking, "budget_tokens", "thinking.budget_tokens", 1, Integer.MAX_VALUE);
            }
            case "adaptive", "between_tools" -> onlyFields(thinking, "thinking", Set.of("type", "display",
                    "block_binding"));
            default -> throw new GatewayException.BadRequest("Invalid value for 'thinking.type': '" + type
                    + "'; expected enabled, adaptive, between_tools or disabled.", "thinking.type");
        }
        if (present(thinking.get("display"))) {
            String display = Fields.optionalText(thinking, "display", "thinking.display");
            if (!Set.of("summarized", "omitted", "updates").contains(display)) {
                throw new GatewayException.BadRequest("Invalid value for 'thinking.display': '" + display
                        + "'; expected summarized, omitted or updates.", "thinking.display");
            }
        }
        return type;
    }

    /** Settings of thinking that only shape Anthropic's own output, dropped and named. */
    private static void dropSettings(JsonNode thinking, DroppedFields dropped) {
        if (present(thinking.get("display"))) {
            dropped.add("thinking.display");
        }
        if (present(thinking.get("block_binding"))) {
            dropped.add("thinking.block_binding"); // how Anthropic ties thinking blocks to the turn they belong to
        }
    }
}
