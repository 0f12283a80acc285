/**
 * What the guardrails share: a {@link dev.gatehouse.guardrail.Detector} finds things in text and
 * reports {@link dev.gatehouse.guardrail.Finding}s (where and what kind, never the matched text),
 * and {@link dev.gatehouse.guardrail.Masking} replaces them with placeholders. The detectors
 * themselves live in subpackages; docs/guardrails.md says how the gateway uses them.
 */
package dev.gatehouse.guardrail;
