package dev.gatehouse.server.config;

import dev.gatehouse.provider.ModelInfo;
import java.util.List;

/**
 * Reads a deployment's {@code model_info:}, what its model can take and do, in LiteLLM's names
 * (so a LiteLLM file's block means the same here): {@code max_input_tokens} (the context window),
 * {@code max_output_tokens} (or LiteLLM's older {@code max_tokens}), {@code supports_function_calling},
 * {@code supports_vision}, {@code supports_reasoning}, {@code supports_response_schema}.
 * {@code GET /v1/models} reports it (docs/agents.md).
 */
final class ModelInfoSection {

    static final List<String> KEYS = List.of("max_input_tokens", "max_output_tokens", "max_tokens",
            "supports_function_calling", "supports_vision", "supports_reasoning", "supports_response_schema");

    /** Far above any model's window; a larger number is a typo. */
    private static final long MAX_TOKENS = 100_000_000;

    private ModelInfoSection() {}

    /** The block's facts, {@link ModelInfo#UNKNOWN} when absent, null when wrong (the problems are recorded). */
    static ModelInfo read(Located at, Findings findings) {
        Fields fields = new Fields(findings);
        if (at.isMissing()) {
            return ModelInfo.UNKNOWN;
        }
        if (!fields.isSection(at, KEYS)) {
            return null;
        }
        int before = findings.problemCount();
        Long window = fields.integer(at.get("max_input_tokens"), 1, MAX_TOKENS);
        Long output = fields.integer(at.get("max_output_tokens"), 1, MAX_TOKENS);
        Long legacy = fields.integer(at.get("max_tokens"), 1, MAX_TOKENS);
        if (output != null && legacy != null && !output.equals(legacy)) {
            findings.problem(at.get("max_tokens"), "differs from max_output_tokens (" + output
                    + "); both name the most output tokens of one request: give one");
        }
        ModelInfo info = new ModelInfo(window == null ? null : window.intValue(),
                output != null ? Integer.valueOf(output.intValue()) : legacy == null ? null : legacy.intValue(),
                fields.bool(at.get("supports_function_calling")), fields.bool(at.get("supports_vision")),
                fields.bool(at.get("supports_reasoning")), fields.bool(at.get("supports_response_schema")));
        return findings.problemCount() > before ? null : info;
    }
}
