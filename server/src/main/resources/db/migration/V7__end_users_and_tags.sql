-- Gatehouse schema, version 7: spend attribution (docs/spend.md, "End users and tags").
--
-- end_users are the callers' own users (LiteLLM's customers): the request's end user id, as the
-- body's user field or a header names it (docs/limits.md, "End users"). limits holds the same
-- JSON as a key's or team's limits; blocked refuses every request that names the end user.
--
-- spend_log.end_user is the end user a request named (null when none), spend_log.tags the request's
-- tags as a JSON array of strings (null when none). spend_tags holds one row per tag of a spend row,
-- with the row's cost and tokens copied, so that spend by tag is one indexed read on H2 and
-- PostgreSQL alike (no JSON functions, no join on request_id, which spend_log does not index).
--
--   spend_log_end_user_at  one end user's spend over a time range (its budget), and spend by end user
--   spend_tags_tag_at      spend by tag over a time range
--   spend_tags_at          the retention delete

CREATE TABLE end_users (
    id          VARCHAR(256)   PRIMARY KEY,
    alias       VARCHAR(256),
    limits      VARCHAR(2000)  NOT NULL,
    blocked     BOOLEAN        NOT NULL,
    created_at  BIGINT         NOT NULL,
    updated_at  BIGINT         NOT NULL
);

ALTER TABLE spend_log ADD COLUMN end_user VARCHAR(256);
ALTER TABLE spend_log ADD COLUMN tags VARCHAR(4000);
CREATE INDEX spend_log_end_user_at ON spend_log (end_user, at);

CREATE TABLE spend_tags (
    at                 BIGINT          NOT NULL,
    request_id         VARCHAR(128)    NOT NULL,
    tag                VARCHAR(64)     NOT NULL,
    prompt_tokens      INTEGER,
    completion_tokens  INTEGER,
    cost_usd           DECIMAL(24, 10)
);
CREATE INDEX spend_tags_tag_at ON spend_tags (tag, at);
CREATE INDEX spend_tags_at ON spend_tags (at);
