package dev.gatehouse.server.config;

import java.util.Map;

/**
 * Why a LiteLLM setting that Gatehouse does not take is refused or left out, for the settings
 * whose bare "not supported" would leave a user without a way forward: each names where the
 * same thing is done in Gatehouse, or what to use instead.
 */
final class LiteLlmReasons {

    /**
     * Problems for LiteLLM providers Gatehouse has no adapter for, by prefix, where the bare "not
     * supported yet" would leave a user without a way forward; none at present.
     */
    private static final Map<String, String> PROVIDERS = Map.of();

    /** Warnings for settings sections' keys with no Gatehouse meaning, by key. */
    private static final Map<String, String> KEYS = Map.of(
            "master_key", "not supported, ignored: Gatehouse does not take LiteLLM's master key",
            // litellm_settings.telemetry: LiteLLM's anonymous usage reports to its makers.
            "telemetry", "ignored: it turns LiteLLM's usage reports to its makers on or off; Gatehouse sends none",
            // It names a row of LiteLLM's budget table, which a configuration file can not read.
            "max_end_user_budget_id", "not supported, ignored: it names a budget in LiteLLM's database; write"
                    + " that budget's limits as limits.end_user_defaults in Gatehouse's format");

    /** Warnings for top-level sections that configure APIs Gatehouse does not serve, by section. */
    static final Map<String, String> SECTIONS = Map.of(
            "finetune_settings", "ignored: it sets the providers of LiteLLM's fine-tuning API (/fine_tuning/jobs);"
                    + " Gatehouse has no fine-tuning API, so such requests are refused as unknown routes",
            "files_settings", "ignored: it sets the providers of LiteLLM's files API (/files); Gatehouse has no files"
                    + " API, so such requests are refused as unknown routes");

    /** Warnings for litellm_params keys left out, by key; the rest get the bare one. */
    private static final Map<String, String> PARAMS = Map.of(
            // docs.litellm.ai/docs/proxy/customer_routing: region-based routing (deprecated there).
            "region_name", "ignored: LiteLLM uses it only to send end users whose allowed_model_region is set to"
                    + " deployments of that region (with router_settings.enable_pre_call_checks); the call itself does"
                    + " not change. Gatehouse has no region-based routing: any request for this model_name may go to"
                    + " this deployment; give a region's deployments a model_name of their own to keep traffic apart",
            // A test switch: LiteLLM then answers with a timeout error after the entry's timeout, calling nobody.
            "mock_timeout", "ignored: LiteLLM's test switch, under which every call waits the timeout and fails"
                    + " without reaching the upstream; Gatehouse has no such switch and calls the deployment");

    private LiteLlmReasons() {}

    /** The warning for a litellm_params key left out. */
    static String ignoredParam(String key) {
        return PARAMS.getOrDefault(key, "not supported yet, ignored");
    }

    /**
     * The warning for a model_info key left out. LiteLLM's {@code mode} and {@code health_check_timeout}
     * are for its health checks (docs.litellm.ai/docs/proxy/health): mode chooses the call they make.
     */
    static String modelInfo(String key, Located value) {
        return switch (key) {
            case "mode" -> "ignored: LiteLLM's health checks make the call mode names ("
                    + (value.value().isTextual() ? value.value().textValue() : "?") + "); Gatehouse's"
                    + " (router.health_check_interval_seconds, off by default) send a one-token chat request to"
                    + " every deployment whose provider serves chat, and it serves a model on every route its"
                    + " provider offers whatever the mode; leave them off for models that do not chat";
            case "health_check_timeout" -> "ignored: Gatehouse's health checks wait as long as any request to the"
                    + " deployment (its timeouts)";
            default -> "not supported, ignored";
        };
    }

    /** The problem for an unsupported provider prefix. */
    static String provider(String prefix) {
        return PROVIDERS.getOrDefault(prefix, "provider " + prefix + " is not supported yet");
    }

    /** The warning for a settings key left out. */
    static String ignored(String key) {
        return KEYS.getOrDefault(key, "not supported, ignored");
    }
}
