package dev.gatehouse.server.migrate.litellm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.auth.TeamDraft;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A row of LiteLLM's {@code LiteLLM_TeamTable} as a Gatehouse team (docs/migrating-from-litellm.md has the table). */
final class TeamMapping {

    static final int MAX_NAME = 200;
    /** Team columns with no Gatehouse equivalent: noted, by name, when they hold something. */
    private static final List<String> NOT_IMPORTED = List.of("admins", "members", "members_with_roles",
            "model_max_budget", "model_spend", "router_settings", "team_member_permissions", "access_group_ids",
            "policies", "default_team_member_models", "budget_limits", "model_id", "object_permission_id");

    private TeamMapping() {}

    /** The team's name: its alias, else its id; made unique against {@code taken} with the LiteLLM id. */
    static String name(LiteLlmRow team, Set<String> taken, List<String> notes) {
        String alias = team.text("team_alias");
        String id = team.text("team_id");
        String name = cut(alias == null || alias.isBlank() ? id : alias.strip());
        if (taken.contains(name)) {
            String unique = cut(name + " (LiteLLM " + id + ")");
            notes.add("named '" + unique + "': a team named '" + name + "' already exists");
            name = unique;
        }
        return name;
    }

    static TeamDraft draft(LiteLlmRow team, String name, List<String> notes) {
        Limits limits = LimitsMapping.limits(team, notes);
        ObjectNode metadata = team.json("metadata") instanceof ObjectNode given ? given.deepCopy() : Json.object();
        ObjectNode litellm = metadata.putObject("litellm");
        litellm.put("team_id", team.text("team_id"));
        if (team.has("organization_id")) {
            litellm.put("organization_id", team.text("organization_id"));
            notes.add("organization " + team.text("organization_id") + " kept in metadata only (Gatehouse has no"
                    + " organizations; their budgets are not enforced)");
        }
        for (String column : NOT_IMPORTED) {
            if (team.isSet(column)) {
                notes.add(column + " not imported (no Gatehouse equivalent)");
            }
        }
        return new TeamDraft(name, models(team.strings("models")), limits, metadata);
    }

    /** LiteLLM: an empty list (or all-proxy-models) is every model; Gatehouse says {@code *}. */
    static List<String> models(List<String> models) {
        List<String> mapped = new ArrayList<>();
        for (String model : models) {
            if (model.equals("all-proxy-models")) {
                return List.of("*");
            }
            mapped.add(model);
        }
        return mapped.isEmpty() ? List.of("*") : mapped;
    }

    /** The LiteLLM team id an imported Gatehouse team keeps in its metadata, or null. */
    static String liteLlmId(JsonNode metadata) {
        JsonNode id = metadata.path("litellm").path("team_id");
        return id.isTextual() ? id.asText() : null;
    }

    private static String cut(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }
}
