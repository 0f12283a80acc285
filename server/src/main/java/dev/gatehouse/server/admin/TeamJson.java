package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.auth.Team;
import dev.gatehouse.server.auth.TeamDraft;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** A team in the admin API's JSON, both ways. */
final class TeamJson {

    static final List<String> FIELDS = Stream.concat(Stream.of("name", "models", "metadata", "guardrail_policy"),
            Limits.FIELDS.stream()).toList();

    static final TeamDraft EMPTY = new TeamDraft(null, List.of(), Limits.NONE, Json.object());

    private TeamJson() {}

    /** The fields of {@code body} over {@code base}; {@code policies} are the guardrail policies a team may name. */
    static TeamDraft read(ObjectNode body, TeamDraft base, Set<String> policies) {
        JsonFields.onlyKnown(body, FIELDS, "a team");
        TeamDraft draft = new TeamDraft(JsonFields.text(body, "name", base.name()),
                JsonFields.strings(body, "models", base.models()), Limits.read(body, base.limits()),
                PolicyJson.apply(body, JsonFields.object(body, "metadata", base.metadata()), base.metadata(),
                        policies));
        JsonFields.fits("models", draft.models(), KeyJson.MAX_LIST_CHARS);
        JsonFields.fits("metadata", draft.metadata(), KeyJson.MAX_METADATA_CHARS);
        return draft;
    }

    static ObjectNode write(Team team) {
        ObjectNode out = Json.object().put("id", team.id()).put("object", "team").put("name", team.name());
        JsonFields.putStrings(out, "models", team.models());
        team.limits().write(out);
        out.set("metadata", team.metadata());
        PolicyJson.write(out, team.metadata());
        JsonFields.putInstant(out, "created_at", team.createdAt());
        JsonFields.putInstant(out, "updated_at", team.updatedAt());
        return out;
    }
}
