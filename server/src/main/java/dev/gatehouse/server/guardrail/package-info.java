/**
 * The guardrails of the request pipeline: their settings ({@link
 * dev.gatehouse.server.guardrail.GuardrailSettings}, per model in {@link
 * dev.gatehouse.server.guardrail.GuardrailPolicies}), the checks one policy builds for a request
 * body and a whole answer ({@link dev.gatehouse.server.guardrail.Guardrails}), which texts they
 * check ({@link dev.gatehouse.server.guardrail.RequestTexts}), and (in subpackages) the external
 * guardrail services called over a webhook. The detectors themselves are core's
 * ({@code dev.gatehouse.guardrail}); the pipeline's {@code Guard} stage calls these.
 * docs/guardrails.md is the user's guide.
 */
package dev.gatehouse.server.guardrail;
