-- LiteLLM database fixture for `gatehouse migrate litellm` tests.
-- Written from LiteLLM's schema.prisma (BerriAI/litellm @ 029f645f, root file; litellm/proxy/schema.prisma
-- identical for these models) with Prisma's PostgreSQL type mapping as LiteLLM's own baseline migration
-- shows it (String TEXT, Float DOUBLE PRECISION, Int INTEGER, BigInt BIGINT, DateTime TIMESTAMP(3),
-- Json JSONB, String[] TEXT[]). Prisma generates uuid() and @updatedAt values client-side: no DB default.
-- Timestamps are UTC, stored without zone. Only the tables a migration reads; foreign keys as LiteLLM has them.

CREATE TABLE "LiteLLM_BudgetTable" (
    "budget_id"             TEXT NOT NULL PRIMARY KEY,
    "max_budget"            DOUBLE PRECISION,
    "soft_budget"           DOUBLE PRECISION,
    "max_parallel_requests" INTEGER,
    "tpm_limit"             BIGINT,
    "rpm_limit"             BIGINT,
    "model_max_budget"      JSONB,
    "budget_duration"       TEXT,
    "budget_reset_at"       TIMESTAMP(3),
    "allowed_models"        TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at"            TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by"            TEXT NOT NULL,
    "updated_at"            TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by"            TEXT NOT NULL
);

CREATE TABLE "LiteLLM_OrganizationTable" (
    "organization_id"      TEXT NOT NULL PRIMARY KEY,
    "organization_alias"   TEXT NOT NULL,
    "budget_id"            TEXT NOT NULL REFERENCES "LiteLLM_BudgetTable" ("budget_id"),
    "metadata"             JSONB NOT NULL DEFAULT '{}',
    "models"               TEXT[],
    "spend"                DOUBLE PRECISION NOT NULL DEFAULT 0.0,
    "model_spend"          JSONB NOT NULL DEFAULT '{}',
    "object_permission_id" TEXT,
    "created_at"           TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by"           TEXT NOT NULL,
    "updated_at"           TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by"           TEXT NOT NULL
);

CREATE TABLE "LiteLLM_TeamTable" (
    "team_id"                     TEXT NOT NULL PRIMARY KEY,
    "team_alias"                  TEXT,
    "organization_id"             TEXT REFERENCES "LiteLLM_OrganizationTable" ("organization_id") ON DELETE SET NULL,
    "object_permission_id"        TEXT,
    "admins"                      TEXT[],
    "members"                     TEXT[],
    "members_with_roles"          JSONB NOT NULL DEFAULT '{}',
    "metadata"                    JSONB NOT NULL DEFAULT '{}',
    "max_budget"                  DOUBLE PRECISION,
    "soft_budget"                 DOUBLE PRECISION,
    "spend"                       DOUBLE PRECISION NOT NULL DEFAULT 0.0,
    "models"                      TEXT[],
    "max_parallel_requests"       INTEGER,
    "tpm_limit"                   BIGINT,
    "rpm_limit"                   BIGINT,
    "budget_duration"             TEXT,
    "budget_reset_at"             TIMESTAMP(3),
    "blocked"                     BOOLEAN NOT NULL DEFAULT false,
    "created_at"                  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"                  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "model_spend"                 JSONB NOT NULL DEFAULT '{}',
    "model_max_budget"            JSONB NOT NULL DEFAULT '{}',
    "router_settings"             JSONB DEFAULT '{}',
    "team_member_permissions"     TEXT[] DEFAULT ARRAY[]::TEXT[],
    "access_group_ids"            TEXT[] DEFAULT ARRAY[]::TEXT[],
    "policies"                    TEXT[] DEFAULT ARRAY[]::TEXT[],
    "default_team_member_models"  TEXT[] DEFAULT ARRAY[]::TEXT[],
    "budget_limits"               JSONB,
    "model_id"                    INTEGER UNIQUE,
    "allow_team_guardrail_config" BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE "LiteLLM_UserTable" (
    "user_id"                TEXT NOT NULL PRIMARY KEY,
    "user_alias"             TEXT,
    "team_id"                TEXT,
    "sso_user_id"            TEXT UNIQUE,
    "organization_id"        TEXT REFERENCES "LiteLLM_OrganizationTable" ("organization_id") ON DELETE SET NULL,
    "object_permission_id"   TEXT,
    "password"               TEXT,
    "teams"                  TEXT[] DEFAULT ARRAY[]::TEXT[],
    "user_role"              TEXT,
    "max_budget"             DOUBLE PRECISION,
    "spend"                  DOUBLE PRECISION NOT NULL DEFAULT 0.0,
    "user_email"             TEXT,
    "models"                 TEXT[],
    "metadata"               JSONB NOT NULL DEFAULT '{}',
    "max_parallel_requests"  INTEGER,
    "tpm_limit"              BIGINT,
    "rpm_limit"              BIGINT,
    "budget_duration"        TEXT,
    "budget_reset_at"        TIMESTAMP(3),
    "allowed_cache_controls" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "policies"               TEXT[] DEFAULT ARRAY[]::TEXT[],
    "model_spend"            JSONB NOT NULL DEFAULT '{}',
    "model_max_budget"       JSONB NOT NULL DEFAULT '{}',
    "created_at"             TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "updated_at"             TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "LiteLLM_VerificationToken" (
    "token"                  TEXT NOT NULL PRIMARY KEY,   -- SHA-256 hex of the whole sk-… key
    "key_name"               TEXT,                        -- display form sk-...<last 4>
    "key_alias"              TEXT,
    "soft_budget_cooldown"   BOOLEAN NOT NULL DEFAULT false,
    "spend"                  DOUBLE PRECISION NOT NULL DEFAULT 0.0,
    "expires"                TIMESTAMP(3),
    "models"                 TEXT[],
    "aliases"                JSONB NOT NULL DEFAULT '{}',
    "config"                 JSONB NOT NULL DEFAULT '{}',
    "router_settings"        JSONB DEFAULT '{}',
    "user_id"                TEXT,
    "team_id"                TEXT,
    "agent_id"               TEXT,
    "project_id"             TEXT,
    "permissions"            JSONB NOT NULL DEFAULT '{}',
    "max_parallel_requests"  INTEGER,
    "metadata"               JSONB NOT NULL DEFAULT '{}',
    "blocked"                BOOLEAN,
    "tpm_limit"              BIGINT,
    "rpm_limit"              BIGINT,
    "max_budget"             DOUBLE PRECISION,
    "budget_duration"        TEXT,
    "budget_reset_at"        TIMESTAMP(3),
    "allowed_cache_controls" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "allowed_routes"         TEXT[] DEFAULT ARRAY[]::TEXT[],
    "policies"               TEXT[] DEFAULT ARRAY[]::TEXT[],
    "access_group_ids"       TEXT[] DEFAULT ARRAY[]::TEXT[],
    "model_spend"            JSONB NOT NULL DEFAULT '{}',
    "model_max_budget"       JSONB NOT NULL DEFAULT '{}',
    "budget_id"              TEXT REFERENCES "LiteLLM_BudgetTable" ("budget_id") ON DELETE SET NULL,
    "organization_id"        TEXT REFERENCES "LiteLLM_OrganizationTable" ("organization_id") ON DELETE SET NULL,
    "object_permission_id"   TEXT,
    "created_at"             TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "created_by"             TEXT,
    "updated_at"             TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "updated_by"             TEXT,
    "last_active"            TIMESTAMP(3),
    "rotation_count"         INTEGER DEFAULT 0,
    "auto_rotate"            BOOLEAN DEFAULT false,
    "rotation_interval"      TEXT,
    "last_rotation_at"       TIMESTAMP(3),
    "key_rotation_at"        TIMESTAMP(3),
    "budget_limits"          JSONB
);
CREATE INDEX "LiteLLM_VerificationToken_team_id_idx" ON "LiteLLM_VerificationToken" ("team_id");

CREATE TABLE "LiteLLM_DeprecatedVerificationToken" (
    "id"              TEXT NOT NULL PRIMARY KEY,
    "token"           TEXT NOT NULL UNIQUE,      -- hash of the key's previous secret
    "active_token_id" TEXT NOT NULL,             -- hash of its current secret
    "revoke_at"       TIMESTAMP(3) NOT NULL,
    "created_at"      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "LiteLLM_EndUserTable" (
    "user_id"              TEXT NOT NULL PRIMARY KEY,
    "alias"                TEXT,
    "spend"                DOUBLE PRECISION NOT NULL DEFAULT 0.0,
    "allowed_model_region" TEXT,
    "default_model"        TEXT,
    "budget_id"            TEXT REFERENCES "LiteLLM_BudgetTable" ("budget_id") ON DELETE SET NULL,
    "object_permission_id" TEXT,
    "blocked"              BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE "LiteLLM_TagTable" (
    "tag_name"    TEXT NOT NULL PRIMARY KEY,
    "description" TEXT,
    "models"      TEXT[],
    "model_info"  JSONB,
    "spend"       DOUBLE PRECISION NOT NULL DEFAULT 0.0,
    "budget_id"   TEXT REFERENCES "LiteLLM_BudgetTable" ("budget_id") ON DELETE SET NULL,
    "created_at"  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by"  TEXT,
    "updated_at"  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "LiteLLM_SpendLogs" (
    "request_id"               TEXT NOT NULL PRIMARY KEY,
    "call_type"                TEXT NOT NULL,
    "api_key"                  TEXT NOT NULL DEFAULT '',   -- the key's hash, as in VerificationToken.token
    "spend"                    DOUBLE PRECISION NOT NULL DEFAULT 0.0,
    "total_tokens"             INTEGER NOT NULL DEFAULT 0,
    "prompt_tokens"            INTEGER NOT NULL DEFAULT 0,
    "completion_tokens"        INTEGER NOT NULL DEFAULT 0,
    "startTime"                TIMESTAMP(3) NOT NULL,
    "endTime"                  TIMESTAMP(3) NOT NULL,
    "request_duration_ms"      INTEGER,
    "completionStartTime"      TIMESTAMP(3),
    "model"                    TEXT NOT NULL DEFAULT '',
    "model_id"                 TEXT DEFAULT '',
    "model_group"              TEXT DEFAULT '',
    "custom_llm_provider"      TEXT DEFAULT '',
    "api_base"                 TEXT DEFAULT '',
    "user"                     TEXT DEFAULT '',            -- the key's internal user_id, not the end user
    "metadata"                 JSONB DEFAULT '{}',
    "cache_hit"                TEXT DEFAULT '',            -- 'True' / 'False' / ''
    "cache_key"                TEXT DEFAULT '',
    "request_tags"             JSONB DEFAULT '[]',
    "team_id"                  TEXT,
    "organization_id"          TEXT,
    "end_user"                 TEXT,                       -- the request's end user (customer)
    "requester_ip_address"     TEXT,
    "messages"                 JSONB DEFAULT '{}',
    "response"                 JSONB DEFAULT '{}',
    "session_id"               TEXT,
    "status"                   TEXT,
    "mcp_namespaced_tool_name" TEXT,
    "agent_id"                 TEXT,
    "proxy_server_request"     JSONB DEFAULT '{}'
);
CREATE INDEX "LiteLLM_SpendLogs_startTime_idx" ON "LiteLLM_SpendLogs" ("startTime");
CREATE INDEX "LiteLLM_SpendLogs_end_user_idx" ON "LiteLLM_SpendLogs" ("end_user");

-- The daily aggregate tables share one shape; only the entity column differs
-- (user_id, team_id, end_user_id, organization_id, agent_id, tag [+ request_id]).
CREATE TABLE "LiteLLM_DailyUserSpend" (
    "id"                          TEXT NOT NULL PRIMARY KEY,
    "user_id"                     TEXT,
    "date"                        TEXT NOT NULL,            -- 'YYYY-MM-DD'
    "api_key"                     TEXT NOT NULL,            -- key hash
    "model"                       TEXT,
    "model_group"                 TEXT,
    "custom_llm_provider"         TEXT,
    "mcp_namespaced_tool_name"    TEXT,
    "endpoint"                    TEXT,
    "prompt_tokens"               BIGINT NOT NULL DEFAULT 0,
    "completion_tokens"           BIGINT NOT NULL DEFAULT 0,
    "cache_read_input_tokens"     BIGINT NOT NULL DEFAULT 0,
    "cache_creation_input_tokens" BIGINT NOT NULL DEFAULT 0,
    "spend"                       DOUBLE PRECISION NOT NULL DEFAULT 0.0,
    "api_requests"                BIGINT NOT NULL DEFAULT 0,
    "successful_requests"         BIGINT NOT NULL DEFAULT 0,
    "failed_requests"             BIGINT NOT NULL DEFAULT 0,
    "created_at"                  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"                  TIMESTAMP(3) NOT NULL,
    UNIQUE ("user_id", "date", "api_key", "model", "custom_llm_provider", "mcp_namespaced_tool_name", "endpoint")
);

CREATE TABLE "LiteLLM_DailyTeamSpend" (
    "id"                          TEXT NOT NULL PRIMARY KEY,
    "team_id"                     TEXT,
    "date"                        TEXT NOT NULL,
    "api_key"                     TEXT NOT NULL,
    "model"                       TEXT,
    "model_group"                 TEXT,
    "custom_llm_provider"         TEXT,
    "mcp_namespaced_tool_name"    TEXT,
    "endpoint"                    TEXT,
    "prompt_tokens"               BIGINT NOT NULL DEFAULT 0,
    "completion_tokens"           BIGINT NOT NULL DEFAULT 0,
    "cache_read_input_tokens"     BIGINT NOT NULL DEFAULT 0,
    "cache_creation_input_tokens" BIGINT NOT NULL DEFAULT 0,
    "spend"                       DOUBLE PRECISION NOT NULL DEFAULT 0.0,
    "api_requests"                BIGINT NOT NULL DEFAULT 0,
    "successful_requests"         BIGINT NOT NULL DEFAULT 0,
    "failed_requests"             BIGINT NOT NULL DEFAULT 0,
    "created_at"                  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"                  TIMESTAMP(3) NOT NULL,
    UNIQUE ("team_id", "date", "api_key", "model", "custom_llm_provider", "mcp_namespaced_tool_name", "endpoint")
);

-- ---------------------------------------------------------------------------------------------
-- Rows. The plaintext keys (for the test to present; never in LiteLLM's DB):
--   sk-Fq3vJc8W1nZrT0pXa2LmQw  alice-laptop   team-platform  -> imported, authenticates
--   sk-9bKd_Ue4Ry7sVo1Hn6TgZA  (no alias)     team-research  -> imported (team models, no budget)
--   sk-pL2m-Xc5Wq8Ej3Nt0Ys4Bv  batch-jobs     no team        -> imported with a warning (budget_duration 1h)
--   sk-0aZxC9vB8nM7lK6jH5gF4d  old-demo       team-platform  -> skipped: expired
--   sk-uiSessionOnly0000000000 (UI session)   litellm-dashboard -> skipped: UI session token
--   sk-OldAlphaBeforeRegen0001 previous secret of alice-laptop (DeprecatedVerificationToken, grace until 2099)
-- ---------------------------------------------------------------------------------------------

INSERT INTO "LiteLLM_BudgetTable" ("budget_id", "max_budget", "soft_budget", "max_parallel_requests", "tpm_limit",
        "rpm_limit", "budget_duration", "budget_reset_at", "created_by", "updated_by")
VALUES ('budget-org-acme', 2000.0, 1500.0, NULL, NULL, NULL, '30d', '2099-01-01 00:00:00', 'default_user_id', 'default_user_id'),
       ('budget-customers-eu', 5.0, NULL, 2, 10000, 10, '30d', '2099-01-01 00:00:00', 'default_user_id', 'default_user_id');

INSERT INTO "LiteLLM_OrganizationTable" ("organization_id", "organization_alias", "budget_id", "models", "spend",
        "created_by", "updated_by")
VALUES ('org-acme', 'Acme', 'budget-org-acme', ARRAY['gpt-4o', 'claude-sonnet-4'], 130.95, 'default_user_id', 'default_user_id');

INSERT INTO "LiteLLM_TeamTable" ("team_id", "team_alias", "organization_id", "admins", "members", "members_with_roles",
        "metadata", "max_budget", "soft_budget", "spend", "models", "max_parallel_requests", "tpm_limit", "rpm_limit",
        "budget_duration", "budget_reset_at", "blocked")
VALUES ('0f4b7c1e-9a51-4d0e-8f55-3c2a7e9d1b01', 'platform', 'org-acme', ARRAY[]::TEXT[], ARRAY[]::TEXT[],
        '[{"role": "admin", "user_id": "user-alice", "user_email": "alice@example.com"}]',
        '{"cost_center": "cc-114"}', 500.0, 400.0, 123.45, ARRAY['gpt-4o', 'claude-sonnet-4'], 20, 200000, 600,
        '30d', '2099-01-01 00:00:00', false),
       ('5d2e8a90-1c3b-4f7a-b6e2-0a9c4d8e7f02', NULL, NULL, ARRAY[]::TEXT[], ARRAY[]::TEXT[], '[]',
        '{}', NULL, NULL, 7.5, ARRAY[]::TEXT[], NULL, NULL, NULL, NULL, NULL, false);

INSERT INTO "LiteLLM_UserTable" ("user_id", "user_alias", "teams", "user_role", "max_budget", "spend", "user_email",
        "models", "metadata")
VALUES ('user-alice', 'Alice', ARRAY['0f4b7c1e-9a51-4d0e-8f55-3c2a7e9d1b01'], 'internal_user', 100.0, 12.34,
        'alice@example.com', ARRAY[]::TEXT[], '{}');

INSERT INTO "LiteLLM_VerificationToken" ("token", "key_name", "key_alias", "spend", "expires", "models", "aliases",
        "config", "user_id", "team_id", "metadata", "blocked", "tpm_limit", "rpm_limit", "max_parallel_requests",
        "max_budget", "budget_duration", "budget_reset_at", "organization_id", "created_at", "created_by")
VALUES
  -- alice-laptop: team key with budget, limits, expiry, tags in metadata
  ('3630009e056202fcc640d0b9868eb6c7dd6a655784341cf9c6ff9c5372528138', 'sk-...LmQw', 'alice-laptop', 12.34,
   '2099-06-30 00:00:00', ARRAY['gpt-4o'], '{}', '{}', 'user-alice', '0f4b7c1e-9a51-4d0e-8f55-3c2a7e9d1b01',
   '{"tags": ["cli"], "env": "dev"}', NULL, 50000, 60, 4, 50.0, '30d', '2099-01-01 00:00:00', 'org-acme',
   '2025-09-01 10:00:00', 'default_user_id'),
  -- unnamed research key: models empty = the team's models; no budget; never expires
  ('724bb4018eaedbd0e219898d27bcc3586c4ed6c7143170e2d1f46fbdf9c0f1ba', 'sk-...TgZA', NULL, 7.5,
   NULL, ARRAY[]::TEXT[], '{}', '{}', NULL, '5d2e8a90-1c3b-4f7a-b6e2-0a9c4d8e7f02',
   '{}', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
   '2025-10-12 08:30:00', 'default_user_id'),
  -- batch-jobs: no team, all proxy models, an hourly budget Gatehouse cannot express, a model alias
  ('5efe68f883cefdde6f893d3f3a32905c448ab0c1f3f077282a375d5ad427954b', 'sk-...s4Bv', 'batch-jobs', 0.42,
   NULL, ARRAY['all-proxy-models'], '{"fast": "gpt-4o-mini"}', '{}', NULL, NULL,
   '{}', false, NULL, 120, NULL, 1.0, '1h', '2099-01-01 00:00:00', NULL,
   '2025-11-02 14:00:00', 'default_user_id'),
  -- old-demo: expired
  ('b6f28f4a6651dd6bd07fdb07d33268085ed662460a7b1f104599343a6062f405', 'sk-...gF4d', 'old-demo', 3.0,
   '2024-01-01 00:00:00', ARRAY['gpt-4o'], '{}', '{}', NULL, '0f4b7c1e-9a51-4d0e-8f55-3c2a7e9d1b01',
   '{}', false, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
   '2023-12-01 09:00:00', 'default_user_id'),
  -- a UI session token (team_id litellm-dashboard): never a user's key
  ('be85892422fad7b2374413ea42c25a256e604b45fe7ccffb311d34887c6a3de9', 'sk-...0000', NULL, 0.0,
   '2099-01-01 00:00:00', ARRAY[]::TEXT[], '{}', '{}', 'user-alice', 'litellm-dashboard',
   '{}', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
   '2025-12-01 09:00:00', 'user-alice');

INSERT INTO "LiteLLM_DeprecatedVerificationToken" ("id", "token", "active_token_id", "revoke_at")
VALUES ('9e1d0c2b-7a6f-4e5d-8c3b-2a1f0e9d8c01', 'a0f37f39aa566c779515736f2a5dc605161f1eef830db9e04131abf0116e9ae0',
        '3630009e056202fcc640d0b9868eb6c7dd6a655784341cf9c6ff9c5372528138', '2099-01-01 00:00:00');

INSERT INTO "LiteLLM_EndUserTable" ("user_id", "alias", "spend", "allowed_model_region", "default_model", "budget_id", "blocked")
VALUES ('customer-42', 'Customer 42', 1.25, 'eu', NULL, 'budget-customers-eu', false),
       ('customer-99', NULL, 0.0, NULL, NULL, NULL, true);

INSERT INTO "LiteLLM_TagTable" ("tag_name", "description", "models", "spend", "budget_id")
VALUES ('cli', 'requests from the CLI', ARRAY[]::TEXT[], 0.0105, NULL);

INSERT INTO "LiteLLM_SpendLogs" ("request_id", "call_type", "api_key", "spend", "total_tokens", "prompt_tokens",
        "completion_tokens", "startTime", "endTime", "model", "model_group", "custom_llm_provider", "user", "metadata",
        "cache_hit", "request_tags", "team_id", "organization_id", "end_user", "status")
VALUES
  ('chatcmpl-0001', 'acompletion', '3630009e056202fcc640d0b9868eb6c7dd6a655784341cf9c6ff9c5372528138', 0.0105, 1500,
   1200, 300, '2026-01-15 09:00:00', '2026-01-15 09:00:02', 'gpt-4o-2024-08-06', 'gpt-4o', 'openai', 'user-alice',
   '{"user_api_key_alias": "alice-laptop"}', 'False', '["cli", "jobID:214590"]',
   '0f4b7c1e-9a51-4d0e-8f55-3c2a7e9d1b01', 'org-acme', 'customer-42', 'success'),
  ('chatcmpl-0002', 'acompletion', '724bb4018eaedbd0e219898d27bcc3586c4ed6c7143170e2d1f46fbdf9c0f1ba', 0.002, 400,
   350, 50, '2026-01-15 10:00:00', '2026-01-15 10:00:01', 'claude-sonnet-4-20250514', 'claude-sonnet-4', 'anthropic',
   '', '{}', 'False', '[]', '5d2e8a90-1c3b-4f7a-b6e2-0a9c4d8e7f02', '', '', 'success'),
  ('chatcmpl-0003', 'acompletion', '3630009e056202fcc640d0b9868eb6c7dd6a655784341cf9c6ff9c5372528138', 0.0, 1500,
   1200, 300, '2026-01-16 09:00:00', '2026-01-16 09:00:00', 'gpt-4o-2024-08-06', 'gpt-4o', 'openai', 'user-alice',
   '{}', 'True', '["cli"]', '0f4b7c1e-9a51-4d0e-8f55-3c2a7e9d1b01', 'org-acme', '', 'success');

INSERT INTO "LiteLLM_DailyUserSpend" ("id", "user_id", "date", "api_key", "model", "model_group", "custom_llm_provider",
        "endpoint", "prompt_tokens", "completion_tokens", "spend", "api_requests", "successful_requests",
        "failed_requests", "updated_at")
VALUES ('d-user-0001', 'user-alice', '2026-01-15', '3630009e056202fcc640d0b9868eb6c7dd6a655784341cf9c6ff9c5372528138',
        'gpt-4o-2024-08-06', 'gpt-4o', 'openai', '/chat/completions', 1200, 300, 0.0105, 1, 1, 0, '2026-01-15 09:00:05'),
       ('d-user-0002', NULL, '2026-01-15', '724bb4018eaedbd0e219898d27bcc3586c4ed6c7143170e2d1f46fbdf9c0f1ba',
        'claude-sonnet-4-20250514', 'claude-sonnet-4', 'anthropic', '/chat/completions', 350, 50, 0.002, 1, 1, 0,
        '2026-01-15 10:00:05');

INSERT INTO "LiteLLM_DailyTeamSpend" ("id", "team_id", "date", "api_key", "model", "model_group", "custom_llm_provider",
        "endpoint", "prompt_tokens", "completion_tokens", "spend", "api_requests", "successful_requests",
        "failed_requests", "updated_at")
VALUES ('d-team-0001', '0f4b7c1e-9a51-4d0e-8f55-3c2a7e9d1b01', '2026-01-15',
        '3630009e056202fcc640d0b9868eb6c7dd6a655784341cf9c6ff9c5372528138', 'gpt-4o-2024-08-06', 'gpt-4o', 'openai',
        '/chat/completions', 1200, 300, 0.0105, 1, 1, 0, '2026-01-15 09:00:05');
