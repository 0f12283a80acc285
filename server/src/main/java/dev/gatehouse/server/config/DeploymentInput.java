package dev.gatehouse.server.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One deployment as written, before checking, in Gatehouse's terms whatever the file's format:
 * each setting ({@code provider}, {@code model}, {@code base_url}, {@code api_key}, …) keeps the
 * location it was written at (a LiteLLM file's {@code api_base} is this {@code base_url}).
 *
 * @param publicName the model name callers use, already checked
 * @param at         the map that holds the settings, for problems about the whole deployment
 * @param settings   every setting by its Gatehouse name, located even when absent
 */
record DeploymentInput(String publicName, Located at, Map<String, Located> settings) {

    static final List<String> KEYS = List.of("provider", "model", "base_url", "api_key",
            "drop_params", "fetch_images", "default_max_tokens", "timeout_seconds", "total_timeout_seconds", "allow_private_network",
            "options", "access_groups", "pricing", "aws_access_key_id", "aws_secret_access_key", "aws_session_token",
            "id", "weight", "rpm", "tpm", "max_parallel_requests", "drain", "connect_timeout_seconds",
            "idle_timeout_seconds", "allow_price_fields", "fetch_images_max_count", "fetch_images_max_bytes", "model_info",
            "base_model");

    /** The settings that hold AWS credentials (Bedrock), resolved like api_key. */
    static final List<String> AWS_CREDENTIALS = List.of("aws_access_key_id", "aws_secret_access_key", "aws_session_token");

    DeploymentInput {
        settings = Map.copyOf(settings);
    }

    /** A deployment written in Gatehouse's own keys, in {@code at}. */
    static DeploymentInput of(String publicName, Located at) {
        Map<String, Located> settings = new HashMap<>();
        for (String key : KEYS) {
            settings.put(key, at.get(key));
        }
        return new DeploymentInput(publicName, at, settings);
    }

    Located setting(String key) {
        Located located = settings.get(key);
        if (located == null) {
            throw new IllegalArgumentException("no deployment setting " + key);
        }
        return located;
    }
}
