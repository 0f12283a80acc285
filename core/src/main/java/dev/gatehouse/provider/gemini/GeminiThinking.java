package dev.gatehouse.provider.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.provider.ReasoningEffort;
import dev.gatehouse.json.Json;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The canonical {@code reasoning_effort} as Gemini's {@code generationConfig.thinkingConfig}
 * (https://ai.google.dev/gemini-api/docs/thinking, https://ai.google.dev/api/generate-content#ThinkingConfig),
 * per model generation:
 *
 * <ul>
 *   <li>Gemini 3 and later take a {@code thinkingLevel}: Flash models {@code MINIMAL},
 *       {@code LOW}, {@code MEDIUM}, {@code HIGH}; Pro models {@code LOW} and {@code HIGH}
 *       (medium and above become high). Gemini 3 can not switch thinking off: {@code none}
 *       asks for its lowest level.</li>
 *   <li>Gemini 2.5 takes a {@code thinkingBudget} in tokens (the table in docs/agents.md);
 *       {@code none} is a budget of 0 (off), except on 2.5 Pro, which can not switch thinking
 *       off and gets its smallest budget, 128.</li>
 *   <li>Earlier models have no thinking: an effort other than {@code none} is refused by name.</li>
 * </ul>
 * {@code includeThoughts} is set whenever reasoning is asked for (not with {@code none}), so
 * the reasoning comes back as {@code thought} parts ({@code reasoning_content}).
 */
final class GeminiThinking {

    private static final Pattern VERSION = Pattern.compile("gemini-(\\d+)(?:\\.(\\d+))?");

    private GeminiThinking() {}

    /** The thinking configuration for {@code effort} on {@code model}; empty when there is none to send. */
    static Optional<ObjectNode> config(ReasoningEffort effort, String model, ParamPolicy policy) {
        String name = model.toLowerCase(Locale.ROOT);
        Matcher version = VERSION.matcher(name);
        int major = version.find() ? Integer.parseInt(version.group(1)) : 0;
        int minor = major > 0 && version.group(2) != null ? Integer.parseInt(version.group(2)) : 0;
        if (major >= 3) {
            ObjectNode config = Json.object().put("thinkingLevel", level(effort, name.contains("pro")));
            // none can not stop Gemini 3 thinking, but its thoughts need not come back.
            return Optional.of(effort == ReasoningEffort.NONE ? config : config.put("includeThoughts", true));
        }
        if (major == 2 && minor == 5) {
            int budget = budget(effort, name.contains("pro"));
            ObjectNode config = Json.object().put("thinkingBudget", budget);
            return Optional.of(budget > 0 ? config.put("includeThoughts", true) : config);
        }
        if (effort != ReasoningEffort.NONE) {
            policy.unsupported(ReasoningEffort.PARAM, model + " has no thinking");
        }
        return Optional.empty();
    }

    static String level(ReasoningEffort effort, boolean pro) {
        return switch (effort) {
            case NONE, MINIMAL -> pro ? "LOW" : "MINIMAL";
            case LOW -> "LOW";
            case MEDIUM -> pro ? "HIGH" : "MEDIUM";
            case HIGH, XHIGH -> "HIGH";
        };
    }

    static int budget(ReasoningEffort effort, boolean pro) {
        return switch (effort) {
            case NONE -> pro ? 128 : 0;
            case MINIMAL -> 512;
            case LOW -> 1024;
            case MEDIUM -> 8192;
            case HIGH -> 24_576;
            case XHIGH -> pro ? 32_768 : 24_576;
        };
    }
}
