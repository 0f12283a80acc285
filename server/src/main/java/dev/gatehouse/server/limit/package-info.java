/**
 * Budgets and rate limits per virtual key and per team (docs/limits.md): the {@link
 * dev.gatehouse.server.limit.Limiter} every model route admits its requests through, over an
 * in-memory store or a shared Redis.
 */
package dev.gatehouse.server.limit;
