package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.attribution.EndUser;
import dev.gatehouse.server.attribution.EndUserDraft;
import dev.gatehouse.server.auth.Limits;
import java.util.List;
import java.util.stream.Stream;

/** An end user in the admin API's JSON, both ways. */
final class EndUserJson {

    /** What a create or change may set; {@code user_id} only on create. */
    static final List<String> FIELDS = Stream.concat(Stream.of("user_id", "alias", "blocked"),
            Limits.FIELDS.stream()).toList();

    private EndUserJson() {}

    /** The fields of {@code body} over {@code base}. */
    static EndUserDraft read(ObjectNode body, EndUserDraft base) {
        return new EndUserDraft(JsonFields.text(body, "alias", base.alias()), Limits.read(body, base.limits()),
                bool(body, "blocked", base.blocked()));
    }

    static boolean bool(JsonNode body, String name, boolean fallback) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw JsonFields.bad(name, name + " must be true or false");
        }
        return value.asBoolean();
    }

    static ObjectNode write(EndUser user) {
        ObjectNode out = Json.object().put("user_id", user.id()).put("object", "end_user").put("alias", user.alias())
                .put("blocked", user.blocked());
        user.limits().write(out);
        JsonFields.putInstant(out, "created_at", user.createdAt());
        JsonFields.putInstant(out, "updated_at", user.updatedAt());
        return out;
    }
}
