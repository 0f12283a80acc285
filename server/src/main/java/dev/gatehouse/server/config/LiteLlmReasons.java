package dev.gatehouse.server.config;

import java.util.Map;

/**
 * Why a LiteLLM setting that Gatehouse does not take is refused or left out, for the settings
 * whose bare "not supported" would leave a user without a way forward: each names where the
 * same thing is done in Gatehouse, or what to use instead.
 */
final class LiteLlmReasons {

    /** Problems for LiteLLM providers Gatehouse has no adapter for, by prefix. */
    private static final Map<String, String> PROVIDERS = Map.of(
            // Gatehouse answers /v1/completions through chat on every provider (docs/agents.md,
            // "Legacy text completions"): the provider is only needed for instruct models.
            "text-completion-openai", "provider text-completion-openai is not supported: Gatehouse serves"
                    + " /v1/completions through chat on every provider, so write openai/ with a chat model (such as"
                    + " openai/gpt-4o-mini) under this model_name; instruct models (gpt-3.5-turbo-instruct) are not"
                    + " served",
            // SageMaker endpoints take AWS-signed invocations in each container's own format.
            "sagemaker", "provider sagemaker is not supported: Gatehouse has no SageMaker adapter; serve the model"
                    + " where Gatehouse reaches it, on Bedrock (bedrock/…) or behind an OpenAI-compatible server"
                    + " (hosted_vllm/ or openai/ with api_base)");

    /** Warnings for settings sections' keys with no Gatehouse meaning, by key. */
    private static final Map<String, String> KEYS = Map.of(
            "master_key", "not supported, ignored: Gatehouse does not take LiteLLM's master key",
            // docs/development.md: the store is set from options and the environment, never the file.
            "database_url", "not supported, ignored: Gatehouse's database is not set in its configuration file,"
                    + " which must never hold the way into it; set GATEHOUSE_DATABASE_URL (or --database-url) to a"
                    + " jdbc:postgresql://host:port/database URL of Gatehouse's own database, with the user and"
                    + " password in GATEHOUSE_DATABASE_USER and GATEHOUSE_DATABASE_PASSWORD; without it Gatehouse"
                    + " keeps its data in the embedded database");

    private LiteLlmReasons() {}

    /** The problem for an unsupported provider prefix. */
    static String provider(String prefix) {
        return PROVIDERS.getOrDefault(prefix, "provider " + prefix + " is not supported yet");
    }

    /** The warning for a settings key left out. */
    static String ignored(String key) {
        return KEYS.getOrDefault(key, "not supported, ignored");
    }
}
