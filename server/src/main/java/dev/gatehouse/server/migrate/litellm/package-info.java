/**
 * {@code gatehouse migrate litellm}: reads a LiteLLM proxy's PostgreSQL database (read-only, one
 * snapshot), plans what becomes Gatehouse teams, keys and spend rows and what is skipped and why,
 * writes the plan through the key service, and reports it (docs/migrating-from-litellm.md).
 */
package dev.gatehouse.server.migrate.litellm;
