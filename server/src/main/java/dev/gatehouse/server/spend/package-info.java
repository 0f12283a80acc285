/**
 * The spend log: one row per model request (tokens by kind, cost, status, timings; never the
 * content), written off the request path in batches, kept for the configured retention, and
 * the queries over it ({@link dev.gatehouse.server.spend.SpendQueries}, and over time
 * {@link dev.gatehouse.server.spend.SpendSeries}).
 */
package dev.gatehouse.server.spend;
