package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.store.StoredText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Reading the admin API's request fields strictly: unknown and ill-typed fields are named in a 400. */
final class JsonFields {

    private JsonFields() {}

    /** Refuses every field of {@code body} not in {@code allowed}, naming them. */
    static void onlyKnown(ObjectNode body, List<String> allowed, String what) {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new dev.gatehouse.api.GatewayException.BadRequest("Unknown field" + (unknown.size() > 1 ? "s" : "")
                    + " " + String.join(", ", unknown) + ": " + what + " takes " + String.join(", ", allowed) + ".",
                    unknown.getFirst());
        }
    }

    /** A required or optional string; {@code fallback} when absent. */
    static String text(JsonNode body, String name, String fallback) {
        JsonNode value = body.get(name);
        if (value == null) {
            return fallback;
        }
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw bad(name, name + " must be a string");
        }
        return printable(name, value.asText());
    }

    /**
     * Refuses control characters (NUL among them, which PostgreSQL can not store in text) and
     * unpaired surrogates (which it stores as {@code ?}) in the names, ids and settings the admin
     * API reads: the same rule the store's texts follow ({@link StoredText}). They have no business
     * there, and in a name shown by a terminal or a log they can forge lines.
     */
    static String printable(String name, String value) {
        if (!StoredText.isClean(value)) {
            throw bad(name, name + " must not contain control characters");
        }
        return value;
    }

    /** A list of strings; {@code fallback} when absent, empty when null. */
    static List<String> strings(JsonNode body, String name, List<String> fallback) {
        JsonNode value = body.get(name);
        if (value == null) {
            return fallback;
        }
        if (value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw bad(name, name + " must be a list of strings");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw bad(name, name + " must be a list of strings");
            }
            items.add(printable(name, item.asText()));
        }
        return items;
    }

    /** An object; {@code fallback} when absent, empty when null. */
    static ObjectNode object(JsonNode body, String name, ObjectNode fallback) {
        JsonNode value = body.get(name);
        if (value == null) {
            return fallback;
        }
        if (value.isNull()) {
            return Json.object();
        }
        if (!(value instanceof ObjectNode object)) {
            throw bad(name, name + " must be a JSON object");
        }
        return object;
    }

    /**
     * Refuses a value whose stored JSON text would not fit its column (the store keeps lists and
     * metadata as JSON text of bounded size), so the caller gets a 400 rather than a store error.
     */
    static void fits(String field, Object value, int maxChars) {
        if (Json.text(Json.mapper().valueToTree(value)).length() > maxChars) {
            throw bad(field, field + ": too large; at most " + maxChars + " characters of JSON are stored");
        }
    }

    static dev.gatehouse.api.GatewayException.BadRequest bad(String field, String message) {
        return new dev.gatehouse.api.GatewayException.BadRequest(message, field);
    }

    /** Epoch milliseconds as ISO-8601, or JSON null. */
    static void putInstant(ObjectNode into, String name, Long millis) {
        if (millis == null) {
            into.putNull(name);
        } else {
            into.put(name, Instant.ofEpochMilli(millis).toString());
        }
    }

    static void putStrings(ObjectNode into, String name, Iterable<String> values) {
        var array = into.putArray(name);
        values.forEach(array::add);
    }
}
