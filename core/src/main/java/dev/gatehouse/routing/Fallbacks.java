package dev.gatehouse.routing;

import java.util.List;
import java.util.Map;

/**
 * Other models to try, in order, when a model's own deployments can not serve a request.
 * As in LiteLLM, each list is keyed by the model the caller asked for, and which list applies
 * depends on how the last attempt failed.
 *
 * @param general       after retryable failures (5xx, 429, timeouts, broken connections, a refused credential)
 *                      have used up the model's attempts
 * @param contextWindow after a context-length error: models with a larger context window
 * @param contentPolicy after the provider's content filter refused the prompt
 */
public record Fallbacks(Map<String, List<String>> general, Map<String, List<String>> contextWindow,
        Map<String, List<String>> contentPolicy) {

    public static final Fallbacks NONE = new Fallbacks(Map.of(), Map.of(), Map.of());

    public Fallbacks {
        general = copy(general);
        contextWindow = copy(contextWindow);
        contentPolicy = copy(contentPolicy);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> lists) {
        java.util.Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
        lists.forEach((model, list) -> copy.put(model, List.copyOf(list)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** Every model named as a fallback, for checking that each is served. */
    public java.util.Set<String> named() {
        java.util.Set<String> all = new java.util.LinkedHashSet<>();
        for (Map<String, List<String>> lists : List.of(general, contextWindow, contentPolicy)) {
            lists.forEach((model, list) -> {
                all.add(model);
                all.addAll(list);
            });
        }
        return all;
    }
}
