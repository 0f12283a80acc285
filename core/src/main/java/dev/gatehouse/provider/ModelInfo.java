package dev.gatehouse.provider;

import java.util.List;
import java.util.function.Function;

/**
 * What a deployment's model can take and do, as its operator states it (LiteLLM calls this
 * {@code model_info}); what agents read from {@code GET /v1/models} to size their prompts and
 * pick their features. Every part is null when unknown: Gatehouse never guesses a limit or a
 * capability.
 *
 * @param contextWindow   the most tokens the model reads in one request, prompt and output together as providers
 *                        state a context window (LiteLLM's {@code max_input_tokens})
 * @param maxOutputTokens the most output tokens one request can produce
 * @param functionCalling whether the model calls tools
 * @param vision          whether the model reads images
 * @param reasoning       whether the model reasons before answering (reasoning effort, thinking)
 * @param responseSchema  whether the model answers in a given JSON schema
 */
public record ModelInfo(Integer contextWindow, Integer maxOutputTokens, Boolean functionCalling, Boolean vision,
        Boolean reasoning, Boolean responseSchema) {

    /** Nothing known. */
    public static final ModelInfo UNKNOWN = new ModelInfo(null, null, null, null, null, null);

    public ModelInfo {
        if (contextWindow != null && contextWindow <= 0 || maxOutputTokens != null && maxOutputTokens <= 0) {
            throw new IllegalArgumentException("a context window and a maximum output are positive numbers of tokens");
        }
    }

    /** This, with what it does not know taken from {@code fallback} (a deployment's own word over the price table's). */
    public ModelInfo orElse(ModelInfo fallback) {
        return new ModelInfo(first(contextWindow, fallback.contextWindow), first(maxOutputTokens, fallback.maxOutputTokens),
                first(functionCalling, fallback.functionCalling), first(vision, fallback.vision),
                first(reasoning, fallback.reasoning), first(responseSchema, fallback.responseSchema));
    }

    /**
     * What every one of a model's deployments can do, since a request may be routed to any of them:
     * the smallest context window and maximum output, a capability every deployment has. A part one
     * deployment does not know is unknown for the model, except a capability another deployment
     * lacks, which the model lacks.
     */
    public static ModelInfo shared(List<ModelInfo> deployments) {
        if (deployments.isEmpty()) {
            return UNKNOWN;
        }
        return new ModelInfo(least(deployments, ModelInfo::contextWindow), least(deployments, ModelInfo::maxOutputTokens),
                all(deployments, ModelInfo::functionCalling), all(deployments, ModelInfo::vision),
                all(deployments, ModelInfo::reasoning), all(deployments, ModelInfo::responseSchema));
    }

    private static <T> T first(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static Integer least(List<ModelInfo> infos, Function<ModelInfo, Integer> part) {
        Integer least = null;
        for (ModelInfo info : infos) {
            Integer value = part.apply(info);
            if (value == null) {
                return null;
            }
            least = least == null ? value : Math.min(least, value);
        }
        return least;
    }

    private static Boolean all(List<ModelInfo> infos, Function<ModelInfo, Boolean> part) {
        boolean known = true;
        for (ModelInfo info : infos) {
            Boolean value = part.apply(info);
            if (Boolean.FALSE.equals(value)) {
                return false;
            }
            known &= value != null;
        }
        return known ? Boolean.TRUE : null;
    }
}
