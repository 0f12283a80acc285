/**
 * The gateway's Prometheus metrics, counters and histograms written in the text format without
 * a metrics library; labels come from the server's configuration and code, never from requests.
 */
package dev.gatehouse.server.metrics;
