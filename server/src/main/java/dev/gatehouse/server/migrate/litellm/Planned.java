package dev.gatehouse.server.migrate.litellm;

import dev.gatehouse.server.auth.ImportedSecret;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.TeamDraft;
import java.math.BigDecimal;
import java.util.List;

/**
 * One line of a migration plan: an object to import, or one skipped with the reason. Each names
 * what it is ({@link #kind}), what Gatehouse will call it ({@link #name}) and how LiteLLM knows it
 * ({@link #source}: a team id, a key's alias and display form {@code sk-...LmQw}; never a key hash),
 * and carries notes on what did not carry over.
 */
sealed interface Planned {

    String kind();

    String name();

    String source();

    List<String> notes();

    /** A LiteLLM team that becomes a Gatehouse team. */
    record TeamImport(String name, String source, String liteLlmTeamId, TeamDraft draft, List<String> notes)
            implements Planned {

        public String kind() {
            return "team";
        }
    }

    /**
     * A LiteLLM key that becomes a Gatehouse key opened by its LiteLLM secrets.
     *
     * @param liteLlmTeamId its LiteLLM team, mapped to the imported team when written; null: no team
     * @param draft         the key, without its team (filled in when written)
     * @param secrets       the hash of its secret and of its previous ones still in their grace period
     * @param createdAt     when LiteLLM made it (epoch ms)
     */
    record KeyImport(String name, String source, String liteLlmTeamId, KeyDraft draft, List<ImportedSecret> secrets,
            long createdAt, List<String> notes) implements Planned {

        public String kind() {
            return "key";
        }
    }

    /**
     * A row of spend brought into the spend log: a key's spend so far, a day of its history, or what
     * a team spent beyond its imported keys.
     *
     * @param keyHash        the LiteLLM key it belongs to (found among the imported keys when written), or null
     * @param liteLlmTeamId  the LiteLLM team it belongs to, or null
     * @param requestIdPart  what makes its request id unique after the Gatehouse key or team id
     * @param route          {@code litellm_import} (spend so far) or {@code litellm_history} (a past day)
     */
    record SpendImport(String name, String source, String keyHash, String liteLlmTeamId, String requestIdPart,
            long at, String model, BigDecimal costUsd, Integer promptTokens, Integer completionTokens, String route,
            List<String> notes) implements Planned {

        public String kind() {
            return "spend";
        }
    }

    /**
     * Something not imported.
     *
     * @param existingId the Gatehouse object it was imported as in an earlier run, or null
     */
    record Skipped(String kind, String name, String source, String reason, String existingId) implements Planned {

        public List<String> notes() {
            return List.of();
        }

        boolean alreadyImported() {
            return existingId != null;
        }
    }
}
