package dev.gatehouse.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Map;

/**
 * A value of the configuration file together with where it is: its path of keys and list
 * positions, and its line. A key that is absent is still located (at its parent's line), so that
 * "required" problems point where the key belongs.
 *
 * @param value the value; {@link MissingNode} when the key is absent
 * @param path  {@code models[2].deployments[0].api_key}; empty for the whole file
 * @param line  the 1-based line of the key (or of the list item), 0 when unknown
 * @param file  what to call the whole file in messages
 * @param lines the line of every value in the file, by path
 */
record Located(JsonNode value, String path, int line, String file, Map<String, Integer> lines) {

    static Located root(JsonNode value, String file, Map<String, Integer> lines) {
        return new Located(value, "", lines.getOrDefault("", 0), file, lines);
    }

    /** The value under {@code key}, located even when it is absent. */
    Located get(String key) {
        String child = path.isEmpty() ? key : path + "." + key;
        JsonNode v = value.isObject() && value.has(key) ? value.get(key) : MissingNode.getInstance();
        return new Located(v, child, lines.getOrDefault(child, line), file, lines);
    }

    /** The list item at {@code index}. */
    Located get(int index) {
        String child = path + "[" + index + "]";
        return new Located(value.path(index), child, lines.getOrDefault(child, line), file, lines);
    }

    /** The same place holding another value: a translated LiteLLM setting keeps its own location. */
    Located with(JsonNode other) {
        return new Located(other, path, line, file, lines);
    }

    boolean isMissing() {
        return value.isMissingNode() || value.isNull();
    }

    /** The location as problems show it: the path (or the file), and the line when known. */
    String where() {
        String name = path.isEmpty() ? file : path;
        return line > 0 ? name + " (line " + line + ")" : name;
    }

    @Override
    public String toString() {
        return where(); // never the value: it may be a credential
    }
}
