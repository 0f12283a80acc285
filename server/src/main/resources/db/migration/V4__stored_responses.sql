-- Gatehouse schema, version 4: the responses Gatehouse answered on the Responses API and keeps for
-- GET /v1/responses/{id}, its input items and previous_response_id (docs/agents.md).
-- Sealed at rest like stored credentials: the conversation (its input items and the Response object)
-- is one AES-256-GCM ciphertext under a data key of its own, wrapped by a master key, and bound to
-- the response's id and owner, so a row copied onto another id or owner does not open. Only the id,
-- the owner (a team id, or a key id), the public model name and the time are in the clear.
--
-- stored_responses_created serves the retention delete.

CREATE TABLE stored_responses (
    id            VARCHAR(128)  PRIMARY KEY,
    owner         VARCHAR(40)   NOT NULL,
    model         VARCHAR(256)  NOT NULL,
    created_at    BIGINT        NOT NULL,
    master_key_id VARCHAR(64)   NOT NULL,
    wrapped_key   VARCHAR(256)  NOT NULL,
    sealed        TEXT          NOT NULL
);
CREATE INDEX stored_responses_created ON stored_responses (created_at);

-- The responses and completions endpoints are new: a key that could use every endpoint there was (as
-- keys created without a list of endpoints are stored) may use them too, as "all" promised. A key
-- given some endpoints keeps exactly those.
UPDATE virtual_keys SET allowed_endpoints = '["chat","messages","embeddings","images","audio","rerank","models","responses","completions"]'
    WHERE allowed_endpoints = '["chat","messages","embeddings","images","audio","rerank","models"]';
