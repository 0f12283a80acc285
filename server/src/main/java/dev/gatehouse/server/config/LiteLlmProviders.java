package dev.gatehouse.server.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LiteLLM's provider prefixes ({@code anthropic/claude-…}) and the Gatehouse provider each one
 * becomes. A prefix that is not here is a provider Gatehouse does not serve yet.
 */
final class LiteLlmProviders {

    private static final Map<String, String> BY_PREFIX = new LinkedHashMap<>();

    static {
        BY_PREFIX.put("anthropic", "anthropic");
        BY_PREFIX.put("gemini", "gemini");
        // Gemini models on Vertex AI; Claude models there become vertex_anthropic where the entry is read.
        BY_PREFIX.put("vertex_ai", "vertex");
        BY_PREFIX.put("xai", "xai");
        BY_PREFIX.put("mistral", "mistral");
        BY_PREFIX.put("groq", "groq");
        BY_PREFIX.put("deepseek", "deepseek");
        BY_PREFIX.put("together_ai", "together");
        BY_PREFIX.put("fireworks_ai", "fireworks");
        BY_PREFIX.put("openrouter", "openrouter");
        BY_PREFIX.put("perplexity", "perplexity");
        BY_PREFIX.put("ollama", "ollama");
        BY_PREFIX.put("ollama_chat", "ollama");
        // hosted_vllm is a vLLM server; LiteLLM's vllm/ prefix runs the vllm Python library in-process instead.
        BY_PREFIX.put("hosted_vllm", "vllm");
        BY_PREFIX.put("black_forest_labs", "bfl");
        BY_PREFIX.put("bedrock", "bedrock");
        BY_PREFIX.put("azure", "azure");
        BY_PREFIX.put("cohere", "cohere");
        BY_PREFIX.put("cohere_chat", "cohere");
    }

    static final String OPENAI_HOST = "api.openai.com";

    private LiteLlmProviders() {}

    /**
     * The Gatehouse provider for a LiteLLM prefix, or null when there is none yet. LiteLLM's
     * {@code openai/} means any OpenAI-compatible server once {@code api_base} points elsewhere.
     *
     * @param apiBaseHost the host of the entry's api_base, or null when it has none
     */
    static String gatehouseId(String prefix, String apiBaseHost) {
        if (prefix.equals("openai")) {
            return apiBaseHost == null || apiBaseHost.equals(OPENAI_HOST) ? "openai" : "openai_compatible";
        }
        return BY_PREFIX.get(prefix);
    }

    /**
     * The upstream model of {@code prefix/rest}: LiteLLM's {@code bedrock/converse/…} and
     * {@code bedrock/invoke/…} name the API to call, which for Gatehouse is always Converse.
     */
    static String upstreamModel(String prefix, String rest) {
        if (prefix.equals("bedrock")) {
            for (String route : new String[] {"converse/", "invoke/"}) {
                if (rest.startsWith(route)) {
                    return rest.substring(route.length());
                }
            }
        }
        return rest;
    }

    /** Whether Gatehouse calls this provider at api_base + "/v1" where LiteLLM calls api_base itself. */
    static boolean appendsV1(String prefix) {
        return prefix.equals("ollama") || prefix.equals("ollama_chat");
    }
}
