package dev.gatehouse.api.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The walk behind {@link FieldShape#findUnknown}. It runs on every chat request, so the path of
 * each value is kept as a chain of small records and written out only for a field that is
 * reported: building every path as a string cost about as much as reading the request.
 */
final class UnknownFields {

    private UnknownFields() {}

    /** Where a value is: a field of {@code parent}, or (with {@code index} ≥ 0) an element of it. */
    record Path(Path parent, String name, int index) {
        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            write(out);
            return out.toString();
        }

        private void write(StringBuilder out) {
            if (parent != null) {
                parent.write(out);
            }
            if (index >= 0) {
                out.append('[').append(index).append(']');
            } else if (!name.isEmpty()) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(name);
            }
        }
    }

    static void walk(FieldShape shape, JsonNode value, Path path, List<FieldShape.Unknown> out) {
        if (!(shape instanceof FieldShape.Named named) || value == null) {
            return;
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                walk(shape, value.get(i), new Path(path, null, i), out);
            }
            return;
        }
        if (!(value instanceof ObjectNode object)) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            FieldShape inner = named.fields().get(field.getKey());
            if (inner == null) {
                out.add(new FieldShape.Unknown(new Path(path, field.getKey(), -1).toString(), object, field.getKey()));
            } else if (inner instanceof FieldShape.Named) {
                walk(inner, field.getValue(), new Path(path, field.getKey(), -1), out);
            }
        }
    }
}
