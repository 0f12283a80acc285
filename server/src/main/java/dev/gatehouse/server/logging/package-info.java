/** The gateway's log: one line per record, as JSON or text, and an access-log line per request (docs/observability.md). */
package dev.gatehouse.server.logging;
