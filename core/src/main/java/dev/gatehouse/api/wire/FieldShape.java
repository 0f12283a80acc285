package dev.gatehouse.api.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields a request object may carry, as data: an allowlist that nests. A value that is an
 * array is checked element by element against the same shape (messages, content parts, tools),
 * a scalar is not looked into (its type is the typed reader's business), and {@link #ANY} marks a
 * value whose inside is the caller's own (a JSON Schema, a free-form {@code metadata} map).
 */
public sealed interface FieldShape {

    /** Any value, not looked into. */
    FieldShape ANY = new Free();

    /** A field that is not named by its shape: where it is, and the object that holds it. */
    record Unknown(String path, ObjectNode parent, String name) {}

    /** An object with these fields only (or, for an array, objects with these fields only). */
    record Named(Map<String, FieldShape> fields) implements FieldShape {
        public Named {
            fields = Map.copyOf(fields);
        }
    }

    /** A value not looked into. */
    record Free() implements FieldShape {}

    /** An object shape whose fields, each named alone, may hold anything. */
    static Named names(String... names) {
        Map<String, FieldShape> fields = new LinkedHashMap<>();
        for (String name : names) {
            fields.put(name, ANY);
        }
        return new Named(fields);
    }

    /** An object shape from name, shape pairs. */
    static Named of(Object... pairs) {
        Map<String, FieldShape> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put((String) pairs[i], (FieldShape) pairs[i + 1]);
        }
        return new Named(fields);
    }

    /** This shape with more fields, each holding anything. */
    default Named plus(String... names) {
        Map<String, FieldShape> fields = new LinkedHashMap<>(this instanceof Named n ? n.fields() : Map.of());
        for (String name : names) {
            fields.putIfAbsent(name, ANY);
        }
        return new Named(fields);
    }

    /** This shape with one more field of its own shape. */
    default Named plus(String name, FieldShape shape) {
        Map<String, FieldShape> fields = new LinkedHashMap<>(this instanceof Named n ? n.fields() : Map.of());
        fields.put(name, shape);
        return new Named(fields);
    }

    /** This shape without the named fields. */
    default Named minus(String... names) {
        Map<String, FieldShape> fields = new LinkedHashMap<>(this instanceof Named n ? n.fields() : Map.of());
        for (String name : names) {
            fields.remove(name);
        }
        return new Named(fields);
    }

    /** Adds to {@code out} every field under {@code value} (at {@code path}) that this shape does not name. */
    default void findUnknown(JsonNode value, String path, List<Unknown> out) {
        UnknownFields.walk(this, value, new UnknownFields.Path(null, path, -1), out);
    }
}
