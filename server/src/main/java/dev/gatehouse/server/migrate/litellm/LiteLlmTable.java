package dev.gatehouse.server.migrate.litellm;

import java.util.List;

/**
 * The LiteLLM tables a migration reads, with the columns it wants from each (as Prisma names them
 * in LiteLLM's {@code schema.prisma}, https://github.com/BerriAI/litellm/blob/main/schema.prisma).
 * Columns added in later LiteLLM versions are read when present and null when not.
 */
enum LiteLlmTable {
    TEAMS("LiteLLM_TeamTable", List.of("created_at", "team_id"), List.of("team_id", "team_alias",
            "organization_id", "admins", "members", "members_with_roles", "metadata", "max_budget", "soft_budget",
            "spend", "models", "max_parallel_requests",
            "tpm_limit", "rpm_limit", "budget_duration", "budget_reset_at", "blocked", "model_spend",
            "model_max_budget", "router_settings", "team_member_permissions", "access_group_ids", "policies",
            "default_team_member_models", "budget_limits", "model_id", "allow_team_guardrail_config",
            "object_permission_id", "created_at")),
    KEYS("LiteLLM_VerificationToken", List.of("created_at", "token"), List.of("token", "key_name", "key_alias",
            "spend", "expires", "models", "aliases", "config", "router_settings", "user_id", "team_id", "agent_id",
            "project_id", "permissions",
            "max_parallel_requests", "metadata", "blocked", "tpm_limit", "rpm_limit", "max_budget", "budget_duration",
            "budget_reset_at", "allowed_cache_controls", "allowed_routes", "policies", "access_group_ids",
            "model_spend", "model_max_budget", "budget_id", "organization_id", "object_permission_id", "created_at",
            "created_by", "budget_limits", "auto_rotate", "rotation_interval")),
    /** Previous secrets of regenerated keys, valid until {@code revoke_at} (LiteLLM 2026-02 and later). */
    DEPRECATED_TOKENS("LiteLLM_DeprecatedVerificationToken", List.of("token"), List.of("token", "active_token_id",
            "revoke_at")),
    BUDGETS("LiteLLM_BudgetTable", List.of("budget_id"), List.of("budget_id", "max_budget", "soft_budget",
            "max_parallel_requests", "tpm_limit", "rpm_limit", "budget_duration", "budget_reset_at",
            "model_max_budget", "allowed_models")),
    /** LiteLLM's customers: the request's {@code user}; their budgets are BUDGETS rows. */
    END_USERS("LiteLLM_EndUserTable", List.of("user_id"), List.of("user_id", "alias", "spend", "allowed_model_region",
            "default_model", "budget_id", "object_permission_id", "blocked"));

    private final String table;
    /** The order rows are reported in: oldest first where LiteLLM keeps the time, then by id. */
    private final List<String> orderBy;
    private final List<String> columns;

    LiteLlmTable(String table, List<String> orderBy, List<String> columns) {
        this.table = table;
        this.orderBy = orderBy;
        this.columns = columns;
    }

    String table() {
        return table;
    }

    List<String> orderBy() {
        return orderBy;
    }

    List<String> columns() {
        return columns;
    }
}
