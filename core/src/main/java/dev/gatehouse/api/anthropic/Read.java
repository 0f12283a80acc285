package dev.gatehouse.api.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.wire.Fields;
import java.util.Set;

/**
 * The reads of Anthropic request fields that differ from the OpenAI codec's {@link Fields}
 * (which reads every other kind): Anthropic's wording for a missing field, objects, fields the
 * translation can not carry, and Anthropic's refusal of unknown fields.
 */
final class Read {

    private Read() {}

    static GatewayException.BadRequest missing(String path) {
        return new GatewayException.BadRequest("Missing required field: '" + path + "'.", path);
    }

    /** A field the Messages API has but Gatehouse's translation can not carry. */
    static GatewayException.BadRequest notSupported(String path, String why) {
        return new GatewayException.BadRequest("'" + path + "' is not supported by Gatehouse's Anthropic API: " + why
                + ".", path);
    }

    static JsonNode object(JsonNode node, String path) {
        return Fields.object(node, path);
    }

    static String requiredText(JsonNode parent, String name, String path) {
        return Fields.requiredText(parent, name, path, Read::missing);
    }

    /** Refuses a field of {@code node} outside {@code allowed}, as Anthropic refuses extra inputs. */
    static void onlyFields(JsonNode node, String path, Set<String> allowed) {
        for (var field : node.properties()) {
            if (!allowed.contains(field.getKey())) {
                String where = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                throw new GatewayException.BadRequest("Unknown field '" + where
                        + "': it is not part of Anthropic's Messages API, or Gatehouse does not support it.", where);
            }
        }
    }
}
