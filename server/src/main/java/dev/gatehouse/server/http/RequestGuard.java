package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.server.store.StoredText;
import java.util.Map;

/**
 * Refuses request fields through which a caller could choose where a credential goes or which
 * credential is used. LiteLLM honoured {@code api_base} from callers, and CVE-2024-6587 sent
 * its provider keys to a host of the caller's choice that way; in Gatehouse the destination
 * and the credential come from the configuration only.
 */
final class RequestGuard {

    /** Field → why it is refused. */
    private static final Map<String, String> FORBIDDEN = Map.ofEntries(
            Map.entry("api_base", "the upstream address comes from the gateway's configuration"),
            Map.entry("base_url", "the upstream address comes from the gateway's configuration"),
            Map.entry("api_key", "provider credentials come from the gateway's configuration"),
            Map.entry("api_version", "the upstream API version comes from the gateway's configuration"),
            Map.entry("extra_headers", "callers can not add headers to upstream requests"),
            Map.entry("custom_llm_provider", "the provider comes from the gateway's configuration"),
            Map.entry("organization", "the upstream organization comes from the gateway's configuration"),
            Map.entry("aws_access_key_id", "provider credentials come from the gateway's configuration"),
            Map.entry("aws_secret_access_key", "provider credentials come from the gateway's configuration"),
            Map.entry("aws_session_token", "provider credentials come from the gateway's configuration"),
            Map.entry("aws_region_name", "the upstream region comes from the gateway's configuration"),
            Map.entry("vertex_credentials", "provider credentials come from the gateway's configuration"),
            Map.entry("vertex_project", "the upstream project comes from the gateway's configuration"),
            Map.entry("vertex_location", "the upstream region comes from the gateway's configuration"),
            Map.entry("azure_ad_token", "provider credentials come from the gateway's configuration"),
            Map.entry("mock_response", "responses come from the configured upstream"));

    /** The longest model name accepted: {@code spend_log.model} is {@code VARCHAR(256)}. */
    static final int MAX_MODEL = 256;

    private final int maxMessages;

    RequestGuard(int maxMessages) {
        this.maxMessages = maxMessages;
    }

    /** Checks the raw body before it is read into a request. */
    void checkBody(JsonNode body) {
        if (body == null || !body.isObject()) {
            return; // reading the request reports this with its own message
        }
        checkFields(() -> body.fieldNames());
        JsonNode messages = body.get("messages");
        if (messages != null && messages.isArray() && messages.size() > maxMessages) {
            throw new GatewayException.BadRequest("A request may carry at most " + maxMessages + " messages, this one has "
                    + messages.size() + ".", "messages");
        }
    }

    /** Refuses a forbidden field among these names (a JSON body's keys, a form's fields). */
    void checkFields(Iterable<String> names) {
        for (String name : names) {
            String why = FORBIDDEN.get(name);
            if (why != null) {
                throw new GatewayException.BadRequest("The field '" + name + "' is not accepted: " + why + ".", name);
            }
        }
    }

    /**
     * Checks a model name on every model route, before anything records it (the spend row, an
     * audit entry): at most {@value #MAX_MODEL} characters, as {@code spend_log.model} holds, and
     * no control character (PostgreSQL refuses NUL in text) or unpaired surrogate. No configured
     * model name can break these rules, so a name that does is refused rather than looked up.
     */
    static void checkModel(String model) {
        if (model == null) {
            return; // the request's reader refuses a missing model with its own message
        }
        if (model.length() > MAX_MODEL) {
            throw new GatewayException.BadRequest("'model' is longer than " + MAX_MODEL + " characters.", "model");
        }
        if (!StoredText.isClean(model)) {
            throw new GatewayException.BadRequest("'model' contains a control character or invalid text.", "model");
        }
    }
}
