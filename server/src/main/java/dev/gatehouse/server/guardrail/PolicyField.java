package dev.gatehouse.server.guardrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Where a key or a team keeps the name of its guardrail policy: the {@code guardrail_policy}
 * field of its metadata, as LiteLLM keeps a key's guardrails in the key's metadata. The admin
 * API checks the name against the configured policies when it is set (docs/admin-api.md).
 */
public final class PolicyField {

    /** The metadata field, and the admin API's field of the same name. */
    public static final String NAME = "guardrail_policy";

    private PolicyField() {}

    /** The policy {@code metadata} names, if it names one. */
    public static Optional<String> of(ObjectNode metadata) {
        JsonNode value = metadata == null ? null : metadata.get(NAME);
        return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }
}
