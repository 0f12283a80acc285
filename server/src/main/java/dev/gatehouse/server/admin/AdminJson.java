package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import java.util.List;

/** Shapes shared by the admin API's answers. */
final class AdminJson {

    private AdminJson() {}

    /** {@code {"object": "list", "data": [...]}}, as OpenAI lists things. */
    static ObjectNode list(List<ObjectNode> items) {
        ObjectNode out = Json.object().put("object", "list");
        out.putArray("data").addAll(items);
        return out;
    }
}
