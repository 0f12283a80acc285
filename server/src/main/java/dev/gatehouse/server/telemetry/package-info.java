/**
 * What every request tells the gateway's observers, written once for every route: the request's
 * {@link dev.gatehouse.server.telemetry.RequestSummary} when it ends, the observation that spans it
 * (its trace span, the ids its log lines carry) and the {@link dev.gatehouse.server.telemetry.Telemetry}
 * that hands both to the traces, the access log and the metrics (docs/observability.md).
 */
package dev.gatehouse.server.telemetry;
