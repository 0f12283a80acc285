package dev.gatehouse.server.migrate.litellm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.auth.ImportedSecret;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A row of LiteLLM's {@code LiteLLM_VerificationToken} as a Gatehouse key opened by the same
 * {@code sk-…} secret (docs/migrating-from-litellm.md has the table). The checks that skip a key
 * whatever it holds (UI session, expired, blocked, team) are the planner's; these are the ones
 * that depend on its content.
 */
final class KeyMapping {

    static final int MAX_NAME = 200;
    /** Room left in the 64 KiB metadata column for what the import adds. */
    private static final int MAX_METADATA = 60_000;
    private static final List<String> NOT_IMPORTED = List.of("aliases", "config", "permissions", "allowed_routes",
            "allowed_cache_controls", "model_max_budget", "model_spend", "budget_limits", "router_settings",
            "policies", "access_group_ids", "object_permission_id", "project_id", "agent_id", "rotation_interval");

    private KeyMapping() {}

    /** The name Gatehouse shows: the alias, else LiteLLM's display form ({@code sk-...LmQw}). */
    static String name(LiteLlmRow key) {
        for (String column : List.of("key_alias", "key_name")) {
            String value = key.text(column);
            if (value != null && !value.isBlank()) {
                String name = value.strip();
                return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
            }
        }
        return "LiteLLM key";
    }

    /** How the report names the key in LiteLLM: alias and display form, never the hash. */
    static String source(LiteLlmRow key) {
        String display = key.text("key_name") == null ? "sk-..." : key.text("key_name");
        String alias = key.text("key_alias");
        return alias == null || alias.isBlank() ? display : alias + " (" + display + ")";
    }

    /**
     * The key, or why it is skipped.
     *
     * @param teamModels the Gatehouse models of its imported team, or empty when it has no team
     * @param previous   hashes of its previous secrets still in LiteLLM's grace period, with their ends
     * @param budgets    LiteLLM's budget rows by id
     */
    static Planned plan(LiteLlmRow key, Optional<List<String>> teamModels, Map<String, Instant> previous,
            Map<String, LiteLlmRow> budgets, MigrationSettings settings, Instant now) {
        String name = name(key);
        String source = source(key);
        List<String> notes = new ArrayList<>();
        String hash = key.text("token");
        if (hash == null || !hash.matches("[0-9a-f]{64}")) {
            return new Planned.Skipped("key", name, source, "its token is not a SHA-256 hash of the key", null);
        }
        Optional<List<String>> models = models(key.strings("models"), teamModels, notes);
        if (models.isEmpty()) {
            return new Planned.Skipped("key", name, source, notes.getLast(), null);
        }
        Limits limits;
        LiteLlmRow budget = key.text("budget_id") == null ? null : budgets.get(key.text("budget_id"));
        if (!LimitsMapping.hasAny(key) && budget != null) {
            notes.add("budget and limits from LiteLLM budget " + key.text("budget_id"));
            limits = LimitsMapping.limits(budget, notes);
        } else {
            // Keys have no soft budget of their own in LiteLLM.
            limits = LimitsMapping.limits(key, notes);
        }
        Instant expires = key.time("expires");
        long secretEnd = now.plus(settings.keyExpiry()).toEpochMilli();
        if (expires != null && expires.toEpochMilli() < secretEnd) {
            secretEnd = expires.toEpochMilli();
        }
        List<ImportedSecret> secrets = new ArrayList<>();
        secrets.add(new ImportedSecret(hash, secretEnd));
        for (Map.Entry<String, Instant> old : previous.entrySet()) {
            if (old.getValue().isAfter(now) && old.getKey().matches("[0-9a-f]{64}")) {
                secrets.add(new ImportedSecret(old.getKey(), Math.min(secretEnd, old.getValue().toEpochMilli())));
                notes.add("its previous secret (regenerated in LiteLLM) works until "
                        + Instant.ofEpochMilli(Math.min(secretEnd, old.getValue().toEpochMilli())));
            }
        }
        notes.add("its sk-… secret works until " + Instant.ofEpochMilli(secretEnd) + "; rotate it for a gtw_vk_ one");
        for (String column : NOT_IMPORTED) {
            if (key.isSet(column)) {
                notes.add(column + " not imported (no Gatehouse equivalent)");
            }
        }
        if (key.flag("auto_rotate")) {
            notes.add("auto_rotate not imported: rotate with gatehouse keys rotate or the admin API");
        }
        if (key.has("user_id")) {
            notes.add("LiteLLM user " + key.text("user_id") + " kept in metadata; user budgets are not enforced");
        }
        KeyDraft draft = new KeyDraft(name, null, models.get(), Set.of(), List.of(),
                expires == null ? null : expires.toEpochMilli(), limits, metadata(key, notes));
        Instant created = key.time("created_at");
        return new Planned.KeyImport(name, source, key.text("team_id"), draft, secrets,
                created == null ? now.toEpochMilli() : created.toEpochMilli(), notes);
    }

    /**
     * LiteLLM's key models as Gatehouse's. In LiteLLM an empty list means the team's models (or every
     * model without a team); {@code all-team-models} the team's; {@code all-proxy-models} every model,
     * still within the team's. A key never reaches beyond its team's models: names outside are
     * dropped, and noted. Empty when nothing usable is left (the reason is the last note).
     */
    static Optional<List<String>> models(List<String> given, Optional<List<String>> teamModels, List<String> notes) {
        boolean hasTeam = teamModels.isPresent();
        if (given.contains("no-default-models")) {
            notes.add("it may use no model (no-default-models)");
            return Optional.empty();
        }
        if (given.isEmpty() || given.contains("all-proxy-models") || given.contains("all-team-models")) {
            if (!hasTeam && given.contains("all-team-models")) {
                notes.add("all-team-models on a key without a team");
                return Optional.empty();
            }
            return Optional.of(hasTeam ? List.of() : List.of("*"));
        }
        if (!hasTeam || teamModels.get().contains("*")) {
            return Optional.of(List.copyOf(given));
        }
        List<String> within = given.stream().filter(teamModels.get()::contains).toList();
        List<String> beyond = given.stream().filter(model -> !teamModels.get().contains(model)).toList();
        if (within.isEmpty()) {
            notes.add("none of its models " + given + " is among its team's " + teamModels.get());
            return Optional.empty();
        }
        if (!beyond.isEmpty()) {
            notes.add("models " + beyond + " dropped: not among its team's " + teamModels.get());
        }
        return Optional.of(within);
    }

    /** Its LiteLLM metadata (tags and all), plus where it came from under {@code litellm}; never the hash. */
    private static ObjectNode metadata(LiteLlmRow key, List<String> notes) {
        ObjectNode metadata = key.json("metadata") instanceof ObjectNode given ? given.deepCopy() : Json.object();
        if (Json.text(metadata).length() > MAX_METADATA) {
            notes.add("metadata not imported: larger than Gatehouse keeps (64 KiB)");
            metadata = Json.object();
        }
        ObjectNode litellm = metadata.putObject("litellm");
        for (String column : List.of("key_name", "team_id", "user_id", "organization_id", "created_by")) {
            if (key.has(column)) {
                litellm.put(column, key.text(column));
            }
        }
        Instant created = key.time("created_at");
        if (created != null) {
            litellm.put("created_at", created.toString());
        }
        return metadata;
    }
}
