/**
 * A fake external guardrail service on loopback: it answers Gatehouse's guardrail webhook with
 * whatever a test scripts (allow, block, modify, slow, an error status, garbage) and checks the
 * signature of every call it receives.
 */
package dev.gatehouse.testkit.guardrail;
