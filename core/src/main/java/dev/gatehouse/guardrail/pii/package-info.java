/**
 * Personal data in prompts and answers: detectors for e-mail addresses, phone numbers, payment
 * cards, IBANs, US social security numbers and IP addresses ({@link dev.gatehouse.guardrail.pii.PiiScanner}),
 * deny lists of words and patterns ({@link dev.gatehouse.guardrail.pii.DenyList}), the prompt-size
 * limit, and reversible masking ({@link dev.gatehouse.guardrail.pii.Placeholders}) that puts the
 * originals back into the answer. docs/guardrails.md says what each one finds and why.
 */
package dev.gatehouse.guardrail.pii;
