package dev.gatehouse.server.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hostile variants of a valid JSON request body: every field of it (at every depth) replaced by
 * an over-long string, control characters, a value of the wrong type, a huge number or a deeply
 * nested value, and an unknown field added to every object. Each variant says whether a gateway
 * must refuse it ({@link Mutation#mustRefuse}) or may serve it, as long as it answers without a
 * server error.
 */
final class Mutations {

    /** Deeper than any JSON parser of the gateway accepts (Jackson's default limit is 1,000). */
    static final int DEEP = 5_000;
    static final String LONG = "x".repeat(10_000);
    private static final String DEEP_MARKER = "deep-array-goes-here";
    static final String CONTROL = "a\u0000b\u0001c\u0007d\u001b[31me\r\nf\u007f\u2028";

    /** One hostile body: what was done, to which field, and whether it must be refused. */
    record Mutation(String description, String body, boolean mustRefuse) {}

    private Mutations() {}

    /**
     * The variants of {@code valid}. {@code freeText} names the fields whose strings are free
     * text (a prompt, a document): an over-long string or control characters there are valid
     * input, so only a server error counts against them; anywhere else they must be refused.
     * {@code opaque} names the fields whose content the caller defines (a tool's JSON Schema,
     * free-form metadata): they are replaced whole, but nothing inside them is.
     */
    static List<Mutation> of(JsonNode valid, List<String> freeText, List<String> opaque) {
        List<Mutation> out = new ArrayList<>();
        walk(valid, "", valid, new Rules(freeText, opaque), out);
        out.add(new Mutation("an unknown top-level field", withUnknown(valid, ""), true));
        out.add(new Mutation("a body nested " + DEEP + " deep", deepObject(), true));
        out.add(new Mutation("an empty body", "", true));
        out.add(new Mutation("a JSON array", "[]", true));
        out.add(new Mutation("a JSON string", "\"hello\"", true));
        out.add(new Mutation("JSON null", "null", true));
        out.add(new Mutation("cut-off JSON", valid.toString().substring(0, valid.toString().length() / 2), true));
        out.add(new Mutation("the same field twice with different types", duplicateField(valid), true));
        return out;
    }

    private record Rules(List<String> freeText, List<String> opaque) {}

    private static void walk(JsonNode root, String path, JsonNode node, Rules rules, List<Mutation> out) {
        if (rules.opaque().stream().anyMatch(o -> !path.isEmpty() && path.endsWith(o))) {
            return;
        }
        if (node.isObject()) {
            if (!path.isEmpty()) {
                out.add(new Mutation("an unknown field in " + path, withUnknown(root, path), true));
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String child = path.isEmpty() ? "/" + field.getKey() : path + "/" + field.getKey();
                replacements(root, child, field.getValue(), rules.freeText(), out);
                walk(root, child, field.getValue(), rules, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String child = path + "/" + i;
                replacements(root, child, node.get(i), rules.freeText(), out);
                walk(root, child, node.get(i), rules, out);
            }
        }
    }

    private static void replacements(JsonNode root, String path, JsonNode original, List<String> freeText,
            List<Mutation> out) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        boolean free = freeText.stream().anyMatch(path::endsWith);
        out.add(replaced(root, path, f.textNode(LONG), "a 10,000-character string", original.isTextual() && !free));
        out.add(replaced(root, path, f.textNode(CONTROL), "NUL and control characters",
                original.isTextual() && !free));
        out.add(replaced(root, path, f.numberNode(new BigInteger("1" + "0".repeat(40))), "a 41-digit number",
                !original.isNumber()));
        out.add(replaced(root, path, f.numberNode(-1), "-1", !original.isNumber()));
        out.add(replaced(root, path, f.numberNode(1e308), "1e308", !original.isNumber()));
        out.add(replaced(root, path, f.booleanNode(true), "true", !original.isBoolean()));
        if (!original.isArray()) {
            // Some fields take an array as well as a string (content parts, embedding inputs).
            out.add(replaced(root, path, f.objectNode().put("zz", 1), "an object", !original.isObject()));
        }
        out.add(replaced(root, path, f.textNode(DEEP_MARKER), "an array nested " + DEEP + " deep", true));
    }

    private static Mutation replaced(JsonNode root, String path, JsonNode value, String what, boolean mustRefuse) {
        JsonNode copy = root.deepCopy();
        int slash = path.lastIndexOf('/');
        JsonNode parent = copy.at(path.substring(0, slash));
        String last = path.substring(slash + 1);
        if (parent.isObject()) {
            ((ObjectNode) parent).set(last, value);
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(last), value);
        }
        // The deep array is spliced in as text: Jackson refuses to write what it would refuse to read.
        String body = copy.toString().replace("\"" + DEEP_MARKER + "\"", "[".repeat(DEEP) + "]".repeat(DEEP));
        return new Mutation(what + " at " + path, body, mustRefuse);
    }

    private static String withUnknown(JsonNode root, String path) {
        JsonNode copy = root.deepCopy();
        ((ObjectNode) (path.isEmpty() ? copy : copy.at(path))).put("zz_unknown_field", 1);
        return copy.toString();
    }

    private static String duplicateField(JsonNode valid) {
        String first = valid.fieldNames().next();
        String text = valid.toString();
        return "{\"" + first + "\":12345," + text.substring(1);
    }

    private static String deepObject() {
        return "{\"a\":".repeat(DEEP) + "1" + "}".repeat(DEEP);
    }
}
