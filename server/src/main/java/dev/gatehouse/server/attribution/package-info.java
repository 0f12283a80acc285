/**
 * Spend attribution as LiteLLM does it: the end user and the tags of a model request, read from
 * its body, its headers and its key ({@link dev.gatehouse.server.attribution.AttributionReader}),
 * and end users as stored objects with budgets, rate limits and a blocked flag of their own
 * ({@link dev.gatehouse.server.attribution.EndUsers}); docs/spend.md and docs/limits.md.
 */
package dev.gatehouse.server.attribution;
