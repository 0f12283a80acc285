package dev.gatehouse.server.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** What a caller asks a team to be: the settable fields of {@link Team}. */
public record TeamDraft(String name, List<String> models, Limits limits, ObjectNode metadata) {

    public TeamDraft {
        models = List.copyOf(models);
        metadata = metadata.deepCopy();
    }

    public static TeamDraft of(Team team) {
        return new TeamDraft(team.name(), team.models(), team.limits(), team.metadata());
    }
}
