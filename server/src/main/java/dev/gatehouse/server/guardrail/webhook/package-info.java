/**
 * External guardrails: a team's own service (Lakera, Presidio, Llama Guard or anything that
 * speaks the same JSON) asked over HTTP, within a timeout, whether a request's or an answer's
 * texts may pass, must be blocked, or are to be replaced; signed so the service can tell the
 * call came from Gatehouse, and reached under the same egress policy as the upstreams.
 * docs/guardrails.md ("External guardrails (webhooks)") is the user's side of it.
 */
package dev.gatehouse.server.guardrail.webhook;
