-- Gatehouse schema, version 6: what the guardrails did (docs/guardrails.md, "What is recorded").
--
-- spend_log.guardrail is the strongest action the guardrails took on the request: blocked, masked
-- or logged, and null when they found nothing (and on every row written before this version). The
-- kinds found and where are in the audit log; the row only says that something happened.

ALTER TABLE spend_log ADD COLUMN guardrail VARCHAR(16);
