/**
 * The guardrails of the request pipeline: which texts of a request and of its answer are checked
 * ({@link dev.gatehouse.server.guardrail.RequestTexts}), and (in subpackages) the external
 * guardrail services called over a webhook. The detectors themselves are core's
 * ({@code dev.gatehouse.guardrail}). docs/guardrails.md is the user's guide.
 */
package dev.gatehouse.server.guardrail;
