-- Gatehouse schema, version 8: where a key's secret came from (docs/migrating-from-litellm.md).
--
-- key_hashes.origin is null for a secret Gatehouse issued (gtw_vk_…) and 'litellm' for the hash of a
-- LiteLLM sk-… key brought over by `gatehouse migrate litellm`. Such a secret always has a not_after,
-- so the gateway knows when the last imported one runs out and stops looking sk-… strings up at all.

ALTER TABLE key_hashes ADD COLUMN origin VARCHAR(16);
