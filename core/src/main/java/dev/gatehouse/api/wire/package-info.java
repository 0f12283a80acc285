/**
 * OpenAI's JSON, both ways, for the canonical records: the server's front door reads requests
 * and writes answers with it, and the OpenAI adapter sends and reads it upstream. Every refused
 * field is named by its path. Internal: exported to the server only.
 */
package dev.gatehouse.api.wire;
