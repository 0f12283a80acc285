package dev.gatehouse.server.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What LiteLLM reads from the environment when a {@code model_list} entry leaves it out: the
 * provider's conventional key variable for a missing {@code api_key} ({@code OPENAI_API_KEY},
 * {@code ANTHROPIC_API_KEY}, …), and for Azure {@code AZURE_API_BASE} and {@code AZURE_API_VERSION}.
 * The entry is read as if it named the variable ({@code api_key: os.environ/NAME}), so that an
 * unset variable is a problem naming it. The names and their order are LiteLLM's, from its provider
 * code (docs.litellm.ai/docs/set_keys lists the common ones).
 */
final class LiteLlmEnvironment {

    /**
     * A provider's key variables.
     *
     * @param lookup the variables LiteLLM reads, first set wins
     * @param named  the one the entry is read as naming when none is set (the one a problem names)
     */
    private record Convention(List<String> lookup, String named) {
        static Convention of(String... names) {
            return new Convention(List.of(names), names[0]);
        }
    }

    /** By LiteLLM prefix; providers that take no key (ollama, hosted_vllm) or other credentials are absent. */
    private static final Map<String, Convention> KEYS = Map.ofEntries(
            Map.entry("openai", Convention.of("OPENAI_API_KEY")),
            Map.entry("text-completion-openai", Convention.of("OPENAI_API_KEY")),
            Map.entry("azure", new Convention(List.of("AZURE_OPENAI_API_KEY", "AZURE_API_KEY"), "AZURE_API_KEY")),
            Map.entry("anthropic", Convention.of("ANTHROPIC_API_KEY")),
            Map.entry("gemini", new Convention(List.of("GOOGLE_API_KEY", "GEMINI_API_KEY"), "GEMINI_API_KEY")),
            Map.entry("mistral", Convention.of("MISTRAL_API_KEY")),
            Map.entry("groq", Convention.of("GROQ_API_KEY")),
            Map.entry("xai", Convention.of("XAI_API_KEY")),
            Map.entry("deepseek", Convention.of("DEEPSEEK_API_KEY")),
            Map.entry("together_ai", Convention.of("TOGETHER_API_KEY", "TOGETHER_AI_API_KEY", "TOGETHERAI_API_KEY",
                    "TOGETHER_AI_TOKEN")),
            Map.entry("fireworks_ai", Convention.of("FIREWORKS_API_KEY", "FIREWORKS_AI_API_KEY", "FIREWORKSAI_API_KEY",
                    "FIREWORKS_AI_TOKEN")),
            Map.entry("openrouter", Convention.of("OPENROUTER_API_KEY", "OR_API_KEY")),
            Map.entry("perplexity", new Convention(List.of("PERPLEXITYAI_API_KEY", "PERPLEXITY_API_KEY"),
                    "PERPLEXITYAI_API_KEY")),
            Map.entry("cohere", Convention.of("COHERE_API_KEY", "CO_API_KEY")),
            Map.entry("cohere_chat", Convention.of("COHERE_API_KEY", "CO_API_KEY")),
            Map.entry("black_forest_labs", Convention.of("BFL_API_KEY")));

    /** The prefixes that read OPENAI_API_KEY and may name another server in api_base. */
    private static final Set<String> OPENAI_KEYED = Set.of("openai", "text-completion-openai");

    private LiteLlmEnvironment() {}

    /**
     * {@code params} with what LiteLLM would read from the environment for {@code prefix} filled in
     * as {@code os.environ/NAME}; unchanged when the entry gives it all.
     */
    static Located fillIn(Located params, String prefix, Function<String, String> env) {
        if (!params.value().isObject()) {
            return params;
        }
        ObjectNode filled = ((ObjectNode) params.value()).deepCopy();
        Convention key = KEYS.get(prefix);
        // LiteLLM sends OPENAI_API_KEY to any api_base an openai/ or text-completion-openai/ entry
        // names; Gatehouse sends it to OpenAI only, never to a third-party server.
        boolean toOpenAi = !OPENAI_KEYED.contains(prefix) || !filled.has("api_base")
                || isOpenAi(params.get("api_base"), env);
        if (key != null && !filled.has("api_key") && toOpenAi && !filled.has("vertex_credentials")) {
            String name = key.lookup().stream().filter(n -> isSet(env, n)).findFirst().orElse(key.named());
            filled.put("api_key", LiteLlmValues.ENV + name);
        }
        if (prefix.equals("azure")) {
            if (!filled.has("api_base")) {
                filled.put("api_base", LiteLlmValues.ENV + "AZURE_API_BASE"); // a problem when it is unset
            }
            if (!filled.has("api_version") && isSet(env, "AZURE_API_VERSION")) {
                filled.put("api_version", LiteLlmValues.ENV + "AZURE_API_VERSION"); // else Azure's v1 API
            }
        }
        return filled.equals(params.value()) ? params : params.with(filled);
    }

    private static boolean isOpenAi(Located base, Function<String, String> env) {
        String url = LiteLlmValues.text(base, env);
        try {
            return url != null && "api.openai.com".equalsIgnoreCase(new URI(url).getHost());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isSet(Function<String, String> env, String name) {
        String value = env.apply(name);
        return value != null && !value.isBlank();
    }
}
