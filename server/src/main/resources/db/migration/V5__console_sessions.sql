-- Gatehouse schema, version 5: the admin console's sessions (docs/console.md). Kept in the
-- database so that every instance behind a load balancer knows them and signing out ends a
-- session everywhere.
--
-- id is the SHA-256 of the cookie's value: the value itself is never stored. subject is who the
-- audit log names (admin:<admin key id> or oidc:<sub>); admin_key_id is set for a session opened
-- with an admin key, which ends when that key is revoked. csrf_token is the token every
-- state-changing call of the session must send back in a header; without the cookie it is worth
-- nothing.

CREATE TABLE console_sessions (
    id            VARCHAR(64)   PRIMARY KEY,
    subject       VARCHAR(300)  NOT NULL,
    name          VARCHAR(300)  NOT NULL,
    role          VARCHAR(20)   NOT NULL,
    admin_key_id  VARCHAR(40),
    csrf_token    VARCHAR(64)   NOT NULL,
    created_at    BIGINT        NOT NULL,
    last_seen_at  BIGINT        NOT NULL,
    expires_at    BIGINT        NOT NULL
);
CREATE INDEX console_sessions_expires ON console_sessions (expires_at);
