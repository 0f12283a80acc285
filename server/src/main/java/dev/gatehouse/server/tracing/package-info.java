/** Traces of every request, exported over OTLP with OpenTelemetry's GenAI conventions (docs/observability.md). */
package dev.gatehouse.server.tracing;
