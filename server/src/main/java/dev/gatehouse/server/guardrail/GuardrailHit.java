package dev.gatehouse.server.guardrail;

import dev.gatehouse.guardrail.Finding;
import dev.gatehouse.server.guardrail.GuardrailSettings.Action;

/**
 * One thing a guardrail found and what it did about it: the kind and where ({@code
 * messages[1].content}), never the text, so a hit can go to an error, the audit log or a metric.
 */
public record GuardrailHit(String path, String kind, Finding.Category category, Action action) {}
