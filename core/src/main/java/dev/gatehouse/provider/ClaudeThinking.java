package dev.gatehouse.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ReasoningSignature;
import dev.gatehouse.json.Json;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reasoning effort as Claude's thinking, for the two adapters that serve Claude (Anthropic's
 * API and Bedrock): which kind of thinking the model takes, the setting for an effort, the
 * output limit that leaves the thinking room, and an assistant message's reasoning blocks.
 *
 * <ul>
 *   <li>Claude 3.7 and the Claude 4 models up to 4.5 take {@code thinking: {type: enabled,
 *       budget_tokens}} (https://platform.claude.com/docs/en/build-with-claude/extended-thinking):
 *       the budget at least 1024 and below {@code max_tokens}, which includes it.</li>
 *   <li>Claude 4.6 and later take {@code thinking: {type: adaptive}} with
 *       {@code output_config.effort} (https://platform.claude.com/docs/en/build-with-claude/adaptive-thinking,
 *       https://platform.claude.com/docs/en/build-with-claude/effort); Opus 4.7 and later take
 *       nothing else, and leave the thinking text out unless {@code display: summarized} asks for
 *       it. A model name Gatehouse does not recognise is taken to be a newer one.</li>
 *   <li>Earlier Claude models have no thinking.</li>
 * </ul>
 * {@code none} and {@code minimal} leave thinking off, Claude's default.
 */
public final class ClaudeThinking {

    /** How a Claude model thinks. */
    public enum Kind { NONE, BUDGET, ADAPTIVE }

    /**
     * The setting for one request: the {@code thinking} object, the {@code output_config.effort}
     * (null for a budget) and the budget (0 for adaptive thinking).
     */
    public record Setting(ObjectNode thinking, String effort, int budget) {}

    /** The smallest budget Anthropic takes. */
    public static final int MIN_BUDGET = 1024;
    /** Room for the answer above the budget, when the caller set no output limit. */
    static final int ANSWER_ROOM = 4096;

    private static final Pattern CLAUDE_4 = Pattern.compile("claude-(?:opus|sonnet|haiku)-4(?:-(\\d))?(?!\\d)");

    private ClaudeThinking() {}

    /** How the model thinks, from its name (Anthropic's, Bedrock's or Vertex AI's spelling). */
    public static Kind kind(String model) {
        String name = model.toLowerCase(Locale.ROOT);
        if (name.contains("claude-3-7") || name.contains("claude-3.7")) {
            return Kind.BUDGET;
        }
        if (name.contains("claude-3") || name.contains("claude-2") || name.contains("claude-instant")) {
            return Kind.NONE;
        }
        Matcher claude4 = CLAUDE_4.matcher(name);
        if (claude4.find()) {
            String minor = claude4.group(1);
            return minor == null || Integer.parseInt(minor) <= 5 ? Kind.BUDGET : Kind.ADAPTIVE;
        }
        return Kind.ADAPTIVE;
    }

    /**
     * The setting for {@code effort} on {@code model}; empty when the effort leaves thinking off.
     * A model without thinking is refused (or the effort dropped) by {@code unsupported}.
     */
    public static Optional<Setting> setting(ReasoningEffort effort, String model, UnsupportedParams unsupported) {
        if (effort == ReasoningEffort.NONE || effort == ReasoningEffort.MINIMAL) {
            return Optional.empty();
        }
        return switch (kind(model)) {
            case NONE -> {
                unsupported.reject(ReasoningEffort.PARAM, model + " has no extended thinking");
                yield Optional.empty();
            }
            // display: Opus 4.7 and later omit the thinking text unless asked; the caller asked for reasoning.
            case ADAPTIVE -> Optional.of(new Setting(Json.object().put("type", "adaptive").put("display", "summarized"),
                    adaptiveEffort(effort, model), 0));
            case BUDGET -> {
                int budget = budget(effort);
                yield Optional.of(new Setting(
                        Json.object().put("type", "enabled").put("budget_tokens", budget), null, budget));
            }
        };
    }

    /** Anthropic's effort levels are low, medium, high and max; max only on Opus models. */
    private static String adaptiveEffort(ReasoningEffort effort, String model) {
        return switch (effort) {
            case XHIGH -> model.toLowerCase(Locale.ROOT).contains("opus") ? "max" : "high";
            case HIGH -> "high";
            case MEDIUM -> "medium";
            default -> "low";
        };
    }

    /** The thinking budget of an effort (the table in docs/agents.md). */
    static int budget(ReasoningEffort effort) {
        return switch (effort) {
            case XHIGH -> 24_576;
            case HIGH -> 16_384;
            case MEDIUM -> 4_096;
            default -> MIN_BUDGET;
        };
    }

    /**
     * The output limit with a budget set, and the budget within it. The caller's limit stays (it
     * includes the thinking, as OpenAI's does): the budget is cut to half of it, never below 1024,
     * and a limit of 1024 or less is refused. Without the caller's limit the default grows to hold
     * the budget and an answer. The setting's {@code thinking.budget_tokens} is updated.
     */
    public static int outputLimit(Setting setting, Integer callerLimit, String limitParam, int defaultLimit) {
        if (setting.budget() == 0) {
            return callerLimit != null ? callerLimit : defaultLimit;
        }
        if (callerLimit == null) {
            return Math.max(defaultLimit, setting.budget() + ANSWER_ROOM);
        }
        if (callerLimit <= MIN_BUDGET) {
            throw UnsupportedParams.invalid(limitParam, "with reasoning_effort, Claude needs " + limitParam
                    + " above " + MIN_BUDGET + ", its smallest thinking budget");
        }
        int budget = Math.max(MIN_BUDGET, Math.min(setting.budget(), callerLimit / 2));
        setting.thinking().put("budget_tokens", budget);
        return callerLimit;
    }

    /**
     * The reasoning blocks of an assistant message, from its reasoning text and signature; empty
     * without a signature. A signature that does not match the text is a 400 naming the message.
     */
    public static List<ReasoningSignature.Block> blocks(Message.Assistant assistant, int index) {
        if (assistant.reasoningSignature() == null || assistant.reasoningSignature().isEmpty()) {
            return List.of();
        }
        try {
            return ReasoningSignature.decode(assistant.reasoningContent(), assistant.reasoningSignature());
        } catch (IllegalArgumentException e) {
            throw UnsupportedParams.invalid("messages[" + index + "]", e.getMessage()
                    + ": send the assistant's reasoning back as it came");
        }
    }
}
