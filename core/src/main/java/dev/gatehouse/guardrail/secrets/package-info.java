/**
 * Secret detection: {@link dev.gatehouse.guardrail.secrets.SecretScanner} finds credentials
 * (provider API keys, private keys, tokens, Gatehouse's own keys, high-entropy values next to
 * credential words) in prompts and answers, in one pass without regular expressions.
 * docs/guardrails.md, "Secret detection", lists the rules and their measured precision and recall.
 */
package dev.gatehouse.guardrail.secrets;
