/**
 * The gateway's Prometheus metrics: counters, gauges and histograms written in the text format
 * without a metrics library, from each request's summary and, at a scrape, from routing, the
 * limiter, the JVM and the process. Label values come from the configuration, the store (team and
 * key ids) and the code, never from a request's text, and each label's values are bounded.
 */
package dev.gatehouse.server.metrics;
