package dev.gatehouse.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import java.util.Map;
import java.util.Set;

/**
 * A caller's JSON Schema as Gemini takes it in {@code parametersJsonSchema} (tools) and
 * {@code responseJsonSchema} (structured output).
 *
 * <p>Gemini takes plain JSON Schema in those two fields but applies only the keywords its
 * {@code GenerationConfig.responseJsonSchema} reference lists (https://ai.google.dev/api/generate-content):
 * {@code $id $defs $ref $anchor type format title description enum items prefixItems minItems
 * maxItems minimum maximum anyOf oneOf properties additionalProperties required propertyOrdering}.
 * Anything else would be accepted and silently not applied, so this class:
 * <ul>
 *   <li>translates {@code const: v} to the equivalent {@code enum: [v]};
 *   <li>removes annotations that constrain nothing ({@code $schema $comment examples default
 *       deprecated readOnly writeOnly});
 *   <li>refuses every other keyword (pattern, minLength, allOf, not, …) with a 400 naming its
 *       path, or drops it when the deployment drops unsupported parameters.
 * </ul>
 */
final class GeminiJsonSchema {

    private static final Set<String> APPLIED = Set.of("$id", "$defs", "$ref", "$anchor", "type", "format", "title",
            "description", "enum", "items", "prefixItems", "minItems", "maxItems", "minimum", "maximum", "anyOf",
            "oneOf", "properties", "additionalProperties", "required", "propertyOrdering");

    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$comment", "examples", "default", "deprecated",
            "readOnly", "writeOnly");

    /** Keywords whose value is a map of name to schema. */
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "$defs");

    /** Keywords whose value is a list of schemas. */
    private static final Set<String> SCHEMA_LISTS = Set.of("anyOf", "oneOf", "prefixItems");

    /** Keywords whose value is one schema (or a boolean). */
    private static final Set<String> SCHEMAS = Set.of("items", "additionalProperties");

    private GeminiJsonSchema() {}

    /**
     * The schema Gemini receives.
     *
     * @param schema the caller's schema
     * @param param  where the schema sits in the caller's request, for error messages
     *               ({@code tools[0].function.parameters})
     */
    static JsonNode toGemini(JsonNode schema, String param, ParamPolicy policy) {
        return convert(schema, param, policy);
    }

    private static JsonNode convert(JsonNode schema, String path, ParamPolicy policy) {
        if (!schema.isObject()) {
            return schema; // true / false schemas pass as they are.
        }
        ObjectNode out = Json.object();
        for (Map.Entry<String, JsonNode> field : schema.properties()) {
            String keyword = field.getKey();
            JsonNode value = field.getValue();
            String at = path + "." + keyword;
            if (ANNOTATIONS.contains(keyword)) {
                continue;
            }
            if (keyword.equals("const")) {
                if (!schema.has("enum")) {
                    out.set("enum", Json.array().add(value));
                }
            } else if (SCHEMA_MAPS.contains(keyword) && value.isObject()) {
                ObjectNode map = Json.object();
                for (Map.Entry<String, JsonNode> entry : value.properties()) {
                    map.set(entry.getKey(), convert(entry.getValue(), at + "." + entry.getKey(), policy));
                }
                out.set(keyword, map);
            } else if (SCHEMA_LISTS.contains(keyword) && value.isArray()) {
                ArrayNode list = Json.array();
                for (int i = 0; i < value.size(); i++) {
                    list.add(convert(value.get(i), at + "[" + i + "]", policy));
                }
                out.set(keyword, list);
            } else if (SCHEMAS.contains(keyword)) {
                out.set(keyword, convert(value, at, policy));
            } else if (APPLIED.contains(keyword)) {
                out.set(keyword, value);
            } else {
                policy.unsupported(at, "Gemini does not apply the JSON Schema keyword '" + keyword + "'");
            }
        }
        return out;
    }
}
